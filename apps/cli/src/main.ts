#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { DomainError } from '@cobuild/domain';
import { ConfigError } from '../../common/src/config';
import { withStore } from './audit/with-store';
import { UsageError } from './usage-error';
import { registerAuditCommands } from './audit/audit.command';
import { registerProjectionsCommands } from './projections/projections.command';
import { registerUsersCommands } from './users/users.command';
import { registerCalendarCommands } from './calendar/calendar.command';

/** `cobuild`: operations and audit. Errors print one clear line and exit non-zero. */
const program = new Command('cobuild').description('cobuild operations and audit').exitOverride();

program
  .command('store')
  .description('event store operations')
  .command('status')
  .description('print the configured event store and its head position')
  .option('--json', 'print JSON')
  .action(async (opts: { json?: boolean }) => {
    const status = await withStore(async (store) => ({ kind: store.kind, headPosition: await store.headPosition() }));
    process.stdout.write(opts.json ? `${JSON.stringify(status)}\n` : `event store: ${status.kind}\nhead position: ${status.headPosition}\n`);
  });

registerUsersCommands(program);
registerAuditCommands(program);
registerProjectionsCommands(program);
registerCalendarCommands(program);

/** Exit codes: 2 for usage, configuration and validation errors (commander has printed its own line), 1 for the rest. */
program.parseAsync(process.argv).catch((e: Error & { code?: string }) => {
  if (e instanceof CommanderError) process.exit(e.exitCode === 0 ? 0 : 2);
  const usage = e instanceof ConfigError || e instanceof UsageError || (e instanceof DomainError && e.kind === 'invalid');
  const message = e instanceof ConfigError || e instanceof UsageError ? e.message : `${e.code ? `[${e.code}] ` : ''}${e.message}`;
  process.stderr.write(`cobuild: ${message}\n`);
  process.exit(usage ? 2 : 1);
});
