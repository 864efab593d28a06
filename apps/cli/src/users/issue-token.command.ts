import type { Command } from 'commander';
import { UsageError } from '../usage-error';
import { withAccounts } from './accounts-context';

/** `2027-01-01` (midnight UTC) or a full ISO-8601 instant with Z or an offset. */
export function parseExpiry(value: string): Date {
  const bad = () => new UsageError(`--expires "${value}" is not a date (YYYY-MM-DD) or an ISO-8601 instant`);
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const date = new Date(`${value}T00:00:00.000Z`);
    if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) throw bad();
    return date;
  }
  const date = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) || Number.isNaN(date.getTime())) throw bad();
  return date;
}

/** `cobuild users token <username> --name <n> [--expires 2027-01-01]` prints the token once; `--revoke <tokenId>` revokes one. */
export function issueTokenCommand(users: Command): void {
  users
    .command('token <username>')
    .description('issue an API token for an integration (printed once), or revoke one')
    .option('--name <name>', 'what the token is for, e.g. gov-portal')
    .option('--expires <date>', 'expiry: YYYY-MM-DD (midnight UTC) or an ISO-8601 instant; default: never')
    .option('--revoke <tokenId>', 'revoke the token with this id instead')
    .action(async (username: string, opts: { name?: string; expires?: string; revoke?: string }) => {
      if (opts.revoke) {
        if (opts.name || opts.expires) throw new UsageError('--revoke takes no --name or --expires');
        await withAccounts(async (accounts, by) => accounts.revokeApiToken(await accounts.requireAccountId(username), opts.revoke!, by));
        process.stdout.write(`token ${opts.revoke} of ${username} revoked\n`);
        return;
      }
      if (!opts.name) throw new UsageError('give --name <name> (or --revoke <tokenId>)');
      const expires = opts.expires ? parseExpiry(opts.expires) : null;
      const issued = await withAccounts(async (accounts, by) =>
        accounts.issueApiToken(await accounts.requireAccountId(username), opts.name!, expires, by),
      );
      process.stderr.write(
        `API token ${issued.tokenId} for ${username}${issued.expiresAt ? `, expires ${issued.expiresAt}` : ''}. It is shown only now: store it safely.\n`,
      );
      process.stdout.write(`${issued.token}\n`);
    });
}
