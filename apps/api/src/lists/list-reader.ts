import { Inject, Injectable } from '@nestjs/common';
import { pickGrant, type RoleGrant } from '@cobuild/auth';
import { EVENT_STORE, type EventStore } from '@cobuild/event-store';
import type { DocumentProjection } from '@cobuild/projections';
import { CLOCK, type Clock } from '../../../common/src/clock';
import { CommunityDirectory } from '../commands/community-directory';
import { forbidden } from '../http/forbidden';
import type { AuthedRequest } from '../http/role.guard';
import { ReadModels } from '../read-models/read-models';
import { badQuery, resolveMoment, type ReadMoment } from '../read-models/read-moment';
import type { ListAnswerDto } from './list-answer';
import type { ListPageQueryDto } from './list-query.dto';

/** Roles that read a community's three lists (the street admin reads as its communities' secretaries do). */
export const LIST_READERS = ['community_secretary', 'community_staff', 'evaluator', 'unit_contact', 'member', 'auditor', 'district_admin'] as const;

/** Filters and orders the stored index cannot answer: applied in memory to the community's rows. */
export interface Refinement<D> {
  filter?: (doc: D) => boolean;
  /** a stable sort over the index order */
  compare?: (a: D, b: D) => number;
}

/** Enough for every row of one community's list (the in-memory path reads them all). */
const EVERY_ROW = 1_000_000;

/** When a list is asked for: live (now), or as of a position or an instant of the log. */
export type ListMoment = ReadMoment;

/**
 * Reads a community's lists for the list endpoints: the scope check, the live or as-of page, and
 * filters or orders beyond the index (status and the projection's order) done in memory.
 */
@Injectable()
export class ListReader {
  constructor(
    private readonly models: ReadModels,
    private readonly directory: CommunityDirectory,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** the caller's grant to read the community's lists, or 403 (404 for an unknown community) */
  async requireReader(req: AuthedRequest, communityId: string): Promise<RoleGrant> {
    const place = await this.directory.place(communityId);
    const registrations = await this.directory.registrationsOf(req.principal!, communityId);
    const grant = pickGrant(req.principal!, req.allowedRoles!, { ...place, ...registrations });
    if (!grant) throw forbidden();
    return grant;
  }

  /** resolves `asOfPosition` / `asOf`, refusing both together, a position past the head and an instant in the future */
  moment(q: ListPageQueryDto): Promise<ListMoment> {
    return resolveMoment(this.store, this.clock.now(), q);
  }

  async page<D>(
    projection: DocumentProjection<D>,
    communityId: string,
    q: ListPageQueryDto & { status?: string[]; order?: 'asc' | 'desc' },
    moment: ListMoment,
    refine: Refinement<D> = {},
  ): Promise<ListAnswerDto<D>> {
    const offset = q.offset ?? 0;
    const limit = q.limit ?? 50;
    const inMemory = refine.filter !== undefined || refine.compare !== undefined;
    const query = { communityId, status: q.status, order: q.order, ...(inMemory ? { offset: 0, limit: EVERY_ROW } : { offset, limit }) };
    const result = moment.at ? await this.models.listAsOf(projection, query, moment.at) : await this.models.list(projection, query, q.minPosition);
    const asOf = moment.at ? { position: result.position, at: moment.now.toISOString() } : null;
    if (!inMemory) return { items: result.items, total: result.total, counts: result.counts, offset, limit, position: result.position, asOf };
    let rows = refine.filter ? result.items.filter(refine.filter) : result.items;
    if (refine.compare) rows = [...rows].sort(refine.compare);
    return { items: rows.slice(offset, offset + limit), total: rows.length, counts: result.counts, offset, limit, position: result.position, asOf };
  }
}

export { badQuery };
