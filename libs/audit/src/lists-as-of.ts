import { community, fold } from '@cobuild/domain';
import type { EventStore } from '@cobuild/event-store';
import {
  communityEventsUpTo,
  deadlineStanding,
  foldDocuments,
  LIST_ORDER,
  needsListProjection,
  queryDocuments,
  resourcesListProjection,
  tasksListProjection,
  type DeadlineStanding,
  type DocumentProjection,
  type NeedListItem,
  type ResourceListItem,
  type TaskListItem,
} from '@cobuild/projections';
import { communityDigest } from './notice-digest';

/** A task list row as answered: the row and how it stands against its deadline at the answer's instant. */
export type TaskListRow = TaskListItem & DeadlineStanding;

/** Each list's rows as answered. */
export interface ListRows {
  needs: NeedListItem;
  resources: ResourceListItem;
  tasks: TaskListRow;
}

export type AnsweredListName = keyof ListRows;

/** One list in full: every row in the list's public order, the row count and the rows per status. */
export interface WholeList<R> {
  items: R[];
  total: number;
  counts: Record<string, number>;
}

/** A community's lists as they stood at one log position, as the public notice and the as-of lists both answer them. */
export interface ListsAsOf {
  communityId: string;
  /** the log position the lists reflect */
  position: number;
  /** the instant the time-dependent fields (overdue, days to or past a deadline) were computed at (ISO-8601) */
  at: string;
  /** the community's time zone at that position, in which days are counted */
  timeZone: string;
  /** the notice digest of the community's events up to `position` (docs/notices.md, "Digest"): the lists are folded from exactly these events */
  digest: string;
  /** how many events of the community that covers */
  eventCount: number;
  lists: { [K in AnsweredListName]?: WholeList<ListRows[K]> };
}

export const ANSWERED_LISTS: readonly AnsweredListName[] = ['needs', 'resources', 'tasks'];

const PROJECTIONS: { [K in AnsweredListName]: DocumentProjection<any> } = {
  needs: needsListProjection,
  resources: resourcesListProjection,
  tasks: tasksListProjection,
};

/**
 * THE one builder of a community's lists as of a log position: the public notice's lists
 * (`GET /public/notices/{id}/lists`) and the as-of lists (`GET /communities/{id}/lists/*?asOfPosition=`)
 * are both this document, so the same position gives the same rows, fields and order, byte for byte.
 *
 * - the rows are folded from the community's events up to `position` alone, and `digest` pins
 *   those events (it equals a notice's digest at its `logPosition`);
 * - each list is in its public order (`LIST_ORDER`, the same as the live lists);
 * - everything that depends on the time is computed at `at` — the instant the moment stands for
 *   (an `asOf` instant, or when the event at `position` occurred: `instantOf`) — in the community's
 *   time zone as configured at `position`, never at today's clock.
 */
export async function listsAsOf(
  store: Pick<EventStore, 'readAll' | 'readAllForProjection' | 'readStream'>,
  communityId: string,
  position: number,
  at: Date,
  names: readonly AnsweredListName[] = ANSWERED_LISTS,
): Promise<ListsAsOf> {
  const events = await communityEventsUpTo(store, communityId, position);
  const timeZone = await timeZoneAt(store, communityId, position);
  const lists: ListsAsOf['lists'] = {};
  for (const name of names) {
    const page = queryDocuments(foldDocuments(PROJECTIONS[name], events), { communityId, order: LIST_ORDER[name], offset: 0, limit: Number.MAX_SAFE_INTEGER });
    const items = name === 'tasks' ? (page.items as TaskListItem[]).map((t) => ({ ...t, ...deadlineStanding(t.deadline, t.status, at, timeZone) })) : page.items;
    (lists as Record<string, WholeList<unknown>>)[name] = { items, total: page.total, counts: page.counts };
  }
  const { digest, eventCount } = await communityDigest(store, communityId, position);
  return { communityId, position, at: at.toISOString(), timeZone, digest, eventCount, lists };
}

/** the community's configured time zone as of a position (the default before it was registered) */
async function timeZoneAt(store: Pick<EventStore, 'readStream'>, communityId: string, position: number): Promise<string> {
  const events = (await store.readStream(community.streamName(communityId))).filter((e) => e.position <= position);
  const state = fold(community.decider, events.map((e) => ({ type: e.type, data: e.data }) as community.CommunityEvent));
  return state.status === 'registered' ? state.configuration.timeZone : community.DEFAULT_COMMUNITY_CONFIGURATION.timeZone;
}
