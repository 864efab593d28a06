/**
 * Jest 29 with ts-jest (transpile only; `npm test` type-checks separately with tsc). Path aliases
 * mirror tsconfig.json. No native transformer: the npm registry this project installs from lacks
 * some platforms' binaries of @swc/core and of Jest 30's resolver, which breaks `npm ci`.
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/libs', '<rootDir>/apps', '<rootDir>/test', '<rootDir>/scripts'],
  testMatch: ['**/*.spec.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
  moduleNameMapper: { '^@cobuild/([a-z-]+)$': '<rootDir>/libs/$1/src/index.ts' },
  testTimeout: 60000,
};
