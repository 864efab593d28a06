#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { createEventStore } from '@cobuild/event-store';
import { ConfigError, loadConfig } from '../../common/src/config';

/** `cobuild`: operations and audit. Errors print one clear line and exit non-zero. */
const program = new Command('cobuild').description('cobuild operations and audit').exitOverride();

program
  .command('store')
  .description('event store operations')
  .command('status')
  .description('print the configured event store and its head position')
  .option('--json', 'print JSON')
  .action(async (opts: { json?: boolean }) => {
    const config = loadConfig();
    const store = await createEventStore(config.eventStore);
    try {
      const status = { kind: store.kind, headPosition: await store.headPosition() };
      process.stdout.write(opts.json ? `${JSON.stringify(status)}\n` : `event store: ${status.kind}\nhead position: ${status.headPosition}\n`);
    } finally {
      await store.close();
    }
  });

program.parseAsync(process.argv).catch((e: Error & { code?: string }) => {
  if (e instanceof CommanderError) process.exit(e.exitCode);
  process.stderr.write(`cobuild: ${e instanceof ConfigError ? e.message : `${e.code ? `[${e.code}] ` : ''}${e.message}`}\n`);
  process.exit(e instanceof ConfigError ? 2 : 1);
});
