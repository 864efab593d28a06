import type { Command } from 'commander';
import { withAccounts } from './accounts-context';
import { readPassword } from './read-password';

/** `cobuild users add <username> --name <display> [--password-stdin]` */
export function addUserCommand(users: Command): void {
  users
    .command('add <username>')
    .description('create an account (the password is read from stdin or prompted for, never taken as an argument)')
    .requiredOption('--name <displayName>', 'the name shown for the account, e.g. 王丽')
    .option('--password-stdin', 'read the password from stdin')
    .action(async (username: string, opts: { name: string; passwordStdin?: boolean }) => {
      const password = await readPassword(Boolean(opts.passwordStdin));
      const account = await withAccounts((accounts, by) => accounts.addAccount(username, opts.name, password, by));
      process.stdout.write(`created ${account.username} (${account.displayName}) ${account.accountId}\n`);
    });
}
