import { Injectable } from '@nestjs/common';
import { pickGrant, type ScopeTarget } from '@cobuild/auth';
import { assembleScorecard, registeredCommunityIds, scorecardsProjection, type ScorecardView, type ScorecardsDocument, type SubjectKind } from '@cobuild/projections';
import { CommunityDirectory } from '../commands/community-directory';
import { forbidden } from '../http/forbidden';
import type { AuthedRequest } from '../http/role.guard';
import { ReadModels } from '../read-models/read-models';

/**
 * Reads a unit's or member's scorecard and checks the caller's scope: the subject itself (its unit
 * contact, the member), or a grant covering one of the communities it is (or was) registered at.
 */
@Injectable()
export class ScorecardReader {
  constructor(
    private readonly read: ReadModels,
    private readonly directory: CommunityDirectory,
  ) {}

  async load(req: AuthedRequest, kind: SubjectKind, id: string, year: number, minPosition?: number): Promise<ScorecardView | null> {
    await this.read.waitFor(scorecardsProjection, minPosition);
    const get = (key: string) => this.read.get<ScorecardsDocument>(scorecardsProjection, key);
    const card = await assembleScorecard(get, kind, id, year);
    const self: ScopeTarget = kind === 'unit' ? { unitId: id } : { selfId: id, unitId: card?.homeUnitId ?? null };
    const targets: ScopeTarget[] = [self];
    for (const communityId of await registeredCommunityIds(get, kind, id)) targets.push({ ...self, ...(await this.directory.place(communityId)) });
    if (!targets.some((t) => pickGrant(req.principal!, req.allowedRoles!, t))) throw forbidden();
    return card;
  }
}
