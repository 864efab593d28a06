import { pickGrant, type RoleGrant, type ScopeTarget } from '@cobuild/auth';
import type { CommunityDirectory } from '../commands/community-directory';
import { forbidden } from '../http/forbidden';
import type { AuthedRequest } from '../http/role.guard';

/**
 * The caller's grant that covers a community (its place, and the caller's units and self
 * registered there), for reads and for refusing early before expensive work; 403 when none.
 * Commands are still authorised by the command gateway.
 */
export async function requireCommunityGrant(
  req: AuthedRequest,
  directory: CommunityDirectory,
  communityId: string,
  extra: Partial<ScopeTarget> = {},
): Promise<RoleGrant> {
  const place = await directory.place(communityId);
  const registrations = await directory.registrationsOf(req.principal!, communityId);
  const grant = pickGrant(req.principal!, req.allowedRoles!, { ...place, ...registrations, ...extra });
  if (!grant) throw forbidden();
  return grant;
}
