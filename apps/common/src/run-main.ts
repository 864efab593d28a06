import { ConfigError, loadConfig, type AppConfig } from './config';

/** Runs an app's main: configuration errors and start failures end the process with a clear message, not a stack. */
export function runMain(name: string, main: (config: AppConfig) => Promise<unknown>): void {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (e) {
    process.stderr.write(`${name}: ${e instanceof ConfigError ? e.message : String(e)}\n`);
    process.exit(2);
  }
  main(config).catch((e: Error & { code?: string }) => {
    process.stderr.write(`${name}: could not start: ${e.code ? `[${e.code}] ` : ''}${e.message}\n`);
    process.exit(1);
  });
}
