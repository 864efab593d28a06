/**
 * Jest 29 with ts-jest (transpile only; `npm test` type-checks separately with tsc). Path aliases
 * mirror tsconfig.json. No native transformer: the npm registry this project installs from lacks
 * some platforms' binaries of @swc/core and of Jest 30's resolver, which breaks `npm ci`.
 *
 * Three projects, each runnable alone (`npm run test:unit|test:e2e|test:browser`, i.e.
 * `jest --selectProjects <name>`); `npm test` runs all three, each file once:
 * - unit: the specs next to the code in libs/, apps/ and scripts/ (deciders, projections, the
 *   event-store contracts, jobs; some use PostgreSQL and Redis, see the README);
 * - e2e: test/e2e (the API over HTTP, the apps' entry points as processes);
 * - browser: test/browser (the built web console in Chromium).
 */
const shared = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
  moduleNameMapper: { '^@cobuild/([a-z-]+)$': '<rootDir>/libs/$1/src/index.ts' },
  testMatch: ['**/*.spec.ts'],
};

module.exports = {
  testTimeout: 60000,
  projects: [
    { ...shared, displayName: 'unit', roots: ['<rootDir>/libs', '<rootDir>/apps', '<rootDir>/scripts'] },
    { ...shared, displayName: 'e2e', roots: ['<rootDir>/test/e2e'] },
    { ...shared, displayName: 'browser', roots: ['<rootDir>/test/browser'] },
  ],
};
