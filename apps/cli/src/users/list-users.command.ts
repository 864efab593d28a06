import type { Command } from 'commander';
import type { AccountSummary } from '@cobuild/auth';
import { withAccounts } from './accounts-context';

function line(a: AccountSummary): string {
  const grants = a.grants.map((g) => `${g.role}:${g.scope.kind}:${g.scope.id}`).join(',') || '-';
  const tokens = a.tokens.filter((t) => !t.revoked).length;
  const status = a.status === 'disabled' ? `disabled (${a.disabledReason})` : 'active';
  return [a.username, a.displayName, status, grants, `${tokens} token${tokens === 1 ? '' : 's'}`].join('\t');
}

/** `cobuild users list [--json]` */
export function listUsersCommand(users: Command): void {
  users
    .command('list')
    .description('list accounts, their roles and live API tokens')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const all = await withAccounts((accounts) => accounts.list(), 'read');
      if (opts.json) process.stdout.write(`${JSON.stringify(all, null, 2)}\n`);
      else process.stdout.write(all.length ? `${all.map(line).join('\n')}\n` : 'no accounts\n');
    });
}
