/**
 * Runs the apps' TypeScript entry points as node processes without a build, the way Jest's
 * ts-jest does (transpile only, with decorator metadata, which Nest's injection needs and tsx's
 * esbuild does not emit), resolving the @cobuild/* aliases of tsconfig.json.
 * Usage: node -r ./test/e2e/processes/ts-register.cjs apps/main.ts
 */
const Module = require('node:module');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const ts = require('typescript');

const ROOT = join(__dirname, '../../..');
const { config } = ts.readConfigFile(join(ROOT, 'tsconfig.json'), ts.sys.readFile);
const { options } = ts.convertCompilerOptionsFromJson(config.compilerOptions, ROOT);
const compilerOptions = { ...options, sourceMap: false, inlineSourceMap: true, module: ts.ModuleKind.CommonJS };

const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const alias = /^@cobuild\/([a-z-]+)$/.exec(request);
  return resolve.call(this, alias ? join(ROOT, 'libs', alias[1], 'src/index.ts') : request, ...rest);
};
require.extensions['.ts'] = (module, filename) => {
  const { outputText } = ts.transpileModule(readFileSync(filename, 'utf8'), { compilerOptions, fileName: filename });
  module._compile(outputText, filename);
};
