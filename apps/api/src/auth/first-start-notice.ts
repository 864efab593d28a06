import { Logger } from '@nestjs/common';
import type { AccountsService } from '@cobuild/auth';

/**
 * Called at API start: while no active account holds district_admin, logs how to create the first
 * admin with the CLI. There is never a default account or password. Returns whether it logged.
 */
export async function firstStartNotice(
  accounts: Pick<AccountsService, 'hasDistrictAdmin'>,
  log: (message: string) => void = (m) => Logger.warn(m, 'cobuild'),
): Promise<boolean> {
  if (await accounts.hasDistrictAdmin()) return false;
  log(
    [
      'No account holds district_admin yet. Create the first admin with the CLI (there is no default password):',
      '  printf "%s" "$ADMIN_PASSWORD" | npm run cli -- users add admin --name "区管理员" --password-stdin',
      '  npm run cli -- users role admin --grant district_admin:district:<district-id>',
    ].join('\n'),
  );
  return true;
}
