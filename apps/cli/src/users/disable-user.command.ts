import type { Command } from 'commander';
import { withAccounts } from './accounts-context';

/** `cobuild users disable <username> --reason <text>`: login, bearer and API tokens stop working at once. */
export function disableUserCommand(users: Command): void {
  users
    .command('disable <username>')
    .description('disable an account (its tokens stop working at once)')
    .requiredOption('--reason <text>', 'why, for the audit trail')
    .action(async (username: string, opts: { reason: string }) => {
      await withAccounts(async (accounts, by) => accounts.disable(await accounts.requireAccountId(username), opts.reason, by));
      process.stdout.write(`${username} disabled\n`);
    });
}
