import { Inject, Injectable } from '@nestjs/common';
import { pickGrant, type RoleGrant } from '@cobuild/auth';
import { listsAsOf, type AnsweredListName, type ListRows } from '@cobuild/audit';
import { EVENT_STORE, type EventStore } from '@cobuild/event-store';
import { LIST_ORDER, needsListProjection, positionAt, resourcesListProjection, tasksListProjection, type DocumentProjection } from '@cobuild/projections';
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

const PROJECTIONS: { [K in AnsweredListName]: DocumentProjection<any> } = {
  needs: needsListProjection,
  resources: resourcesListProjection,
  tasks: tasksListProjection,
};

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

  /**
   * One page of a list. Live: the projector's rows (after `minPosition`), each made an answered row
   * by `live` (the task list adds its deadline standing at now). As of a moment: the rows of
   * `listsAsOf` — the very document a public notice at that position shows, computed at the
   * moment's instant — filtered and paged here.
   */
  async page<K extends AnsweredListName, D = ListRows[K]>(
    name: K,
    communityId: string,
    q: ListPageQueryDto & { status?: string[] },
    moment: ListMoment,
    refine: Refinement<ListRows[K]> = {},
    live: (doc: D) => ListRows[K] = (doc) => doc as unknown as ListRows[K],
  ): Promise<ListAnswerDto<ListRows[K]>> {
    const offset = q.offset ?? 0;
    const limit = q.limit ?? 50;
    if (moment.at) {
      const position = moment.at.position ?? (await positionAt(this.store, moment.at.time!));
      const doc = await listsAsOf(this.store, communityId, position, moment.now, [name]);
      const whole = doc.lists[name]!;
      let rows = whole.items.filter((r) => (!q.status?.length || q.status.includes((r as { status: string }).status)) && (!refine.filter || refine.filter(r)));
      if (refine.compare) rows = [...rows].sort(refine.compare);
      return { items: rows.slice(offset, offset + limit), total: rows.length, counts: whole.counts, offset, limit, position, asOf: { position, at: doc.at, digest: doc.digest } };
    }
    const inMemory = refine.filter !== undefined || refine.compare !== undefined;
    const query = { communityId, status: q.status, order: LIST_ORDER[name], ...(inMemory ? { offset: 0, limit: EVERY_ROW } : { offset, limit }) };
    const result = await this.models.list<D>(PROJECTIONS[name], query, q.minPosition);
    let rows = result.items.map(live);
    if (!inMemory) return { items: rows, total: result.total, counts: result.counts, offset, limit, position: result.position, asOf: null };
    if (refine.filter) rows = rows.filter(refine.filter);
    if (refine.compare) rows = [...rows].sort(refine.compare);
    return { items: rows.slice(offset, offset + limit), total: rows.length, counts: result.counts, offset, limit, position: result.position, asOf: null };
  }
}

export { badQuery };
