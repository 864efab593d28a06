import { Inject, Injectable } from '@nestjs/common';
import { pickGrant, type ScopeTarget } from '@cobuild/auth';
import { EVENT_STORE, type EventStore } from '@cobuild/event-store';
import { assembleScorecard, registeredCommunityIds, scorecardsProjection, type ScorecardView, type ScorecardsDocument, type SubjectKind } from '@cobuild/projections';
import { CLOCK, type Clock } from '../../../common/src/clock';
import { CommunityDirectory } from '../commands/community-directory';
import { forbidden } from '../http/forbidden';
import type { AuthedRequest } from '../http/role.guard';
import { ReadModels } from '../read-models/read-models';
import { resolveMoment } from '../read-models/read-moment';
import type { ScorecardQueryDto } from './scorecard-query.dto';

/** A scorecard as answered: asked as of a moment, it says which (`asOf`: the position and its instant). */
export type ScorecardAnswer = ScorecardView & { asOf?: { position: number; at: string } };

/**
 * Reads a unit's or member's scorecard — live, or as of a position or an instant (folded from the
 * log) — and checks the caller's scope: the subject itself (its unit contact, the member), or a
 * grant covering one of the communities it is (or was) registered at.
 */
@Injectable()
export class ScorecardReader {
  constructor(
    private readonly read: ReadModels,
    private readonly directory: CommunityDirectory,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async load(req: AuthedRequest, kind: SubjectKind, id: string, year: number, q: ScorecardQueryDto): Promise<ScorecardAnswer | null> {
    const moment = await resolveMoment(this.store, this.clock.now(), q);
    await this.read.waitFor(scorecardsProjection, q.minPosition);
    const get = (key: string) => this.read.get<ScorecardsDocument>(scorecardsProjection, key);
    const live = await assembleScorecard(get, kind, id, year);
    // the scope is checked against what is known now (an as-of read names no more than that)
    const self: ScopeTarget = kind === 'unit' ? { unitId: id } : { selfId: id, unitId: live?.homeUnitId ?? null };
    const targets: ScopeTarget[] = [self];
    for (const communityId of await registeredCommunityIds(get, kind, id)) targets.push({ ...self, ...(await this.directory.place(communityId)) });
    if (!targets.some((t) => pickGrant(req.principal!, req.allowedRoles!, t))) throw forbidden();
    if (!moment.at) return live;
    const { card, position } = await this.read.scorecardAsOf(kind, id, year, moment.at);
    return card && { ...card, asOf: { position, at: moment.now.toISOString() } };
  }
}
