import type { Command } from 'commander';
import { UsageError } from '../usage-error';
import { withAccounts } from './accounts-context';
import { parseGrant } from './parse-grant';

const describe = (g: { role: string; scope: { kind: string; id: string } }) => `${g.role}:${g.scope.kind}:${g.scope.id}`;

/** `cobuild users role <username> --grant <role>:<scopeKind>:<scopeId>` or `--revoke ...` */
export function roleCommand(users: Command): void {
  users
    .command('role <username>')
    .description('grant or revoke a role on a scope')
    .option('--grant <role:scopeKind:scopeId>', 'grant a role, e.g. district_admin:district:d1')
    .option('--revoke <role:scopeKind:scopeId>', 'revoke a role')
    .action(async (username: string, opts: { grant?: string; revoke?: string }) => {
      if (Boolean(opts.grant) === Boolean(opts.revoke)) throw new UsageError('give exactly one of --grant or --revoke');
      const grant = parseGrant((opts.grant ?? opts.revoke)!);
      const account = await withAccounts(async (accounts, by) => {
        const id = await accounts.requireAccountId(username);
        return opts.grant ? accounts.grantRole(id, grant, by) : accounts.revokeRole(id, grant, by);
      });
      process.stdout.write(`${account.username}: ${account.grants.map(describe).join(', ') || 'no roles'}\n`);
    });
}
