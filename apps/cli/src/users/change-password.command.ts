import type { Command } from 'commander';
import { withAccounts } from './accounts-context';
import { readPassword } from './read-password';

/** `cobuild users password <username> [--password-stdin]` */
export function changePasswordCommand(users: Command): void {
  users
    .command('password <username>')
    .description('set a new password (read from stdin or prompted for)')
    .option('--password-stdin', 'read the password from stdin')
    .action(async (username: string, opts: { passwordStdin?: boolean }) => {
      const password = await readPassword(Boolean(opts.passwordStdin));
      await withAccounts(async (accounts, by) => accounts.changePassword(await accounts.requireAccountId(username), password, by));
      process.stdout.write(`password of ${username} changed\n`);
    });
}
