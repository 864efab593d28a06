import { Injectable } from '@nestjs/common';
import { pickGrant } from '@cobuild/auth';
import { CommunityDirectory } from '../commands/community-directory';
import { forbidden } from '../http/forbidden';
import type { AuthedRequest } from '../http/role.guard';

/** Read-only audit views are scoped by the community the events belong to. */
@Injectable()
export class AuditScope {
  constructor(private readonly directory: CommunityDirectory) {}

  /** `departmentIds`: functional departments the thing was escalated to, which may read it too. */
  async require(req: AuthedRequest, communityId: string | null, departmentIds: readonly string[] = []): Promise<void> {
    if (departmentIds.some((departmentId) => pickGrant(req.principal!, req.allowedRoles!, { departmentId }))) return;
    if (communityId === null) {
      // district- or street-level things: only a grant whose scope is a district may read them
      if (!req.principal!.grants.some((g) => g.role === 'auditor' || g.role === 'district_admin')) throw forbidden();
      return;
    }
    const place = await this.directory.place(communityId);
    if (!pickGrant(req.principal!, req.allowedRoles!, place)) throw forbidden();
  }
}
