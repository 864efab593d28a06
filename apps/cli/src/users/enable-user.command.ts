import type { Command } from 'commander';
import { withAccounts } from './accounts-context';

/** `cobuild users enable <username>` */
export function enableUserCommand(users: Command): void {
  users
    .command('enable <username>')
    .description('enable a disabled account')
    .action(async (username: string) => {
      await withAccounts(async (accounts, by) => accounts.enable(await accounts.requireAccountId(username), by));
      process.stdout.write(`${username} enabled\n`);
    });
}
