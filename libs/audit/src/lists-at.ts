import type { EventStore } from '@cobuild/event-store';
import { asOf, LIST_ORDER, needsListProjection, queryDocuments, resourcesListProjection, tasksListProjection, type DocumentProjection, type NeedListItem, type ResourceListItem, type TaskListItem } from '@cobuild/projections';

/** The three lists (需求清单, 资源清单, 项目清单) of one community, each in its list order. */
export interface ThreeLists {
  needs: NeedListItem[];
  resources: ResourceListItem[];
  tasks: TaskListItem[];
}

export type ListName = keyof ThreeLists;

export const LIST_NAMES: readonly ListName[] = ['needs', 'resources', 'tasks'];

const PROJECTIONS: { [K in ListName]: DocumentProjection<ThreeLists[K][number]> } = {
  needs: needsListProjection,
  resources: resourcesListProjection,
  tasks: tasksListProjection,
};

async function oneList<D>(store: Pick<EventStore, 'readAllForProjection'>, name: ListName, projection: DocumentProjection<D>, communityId: string, position: number): Promise<D[]> {
  const docs = await asOf(store, projection, communityId, position);
  return queryDocuments(docs, { communityId, order: LIST_ORDER[name], limit: Number.MAX_SAFE_INTEGER }).items;
}

/**
 * The community's three lists as they stood at a log position, folded from its events alone, in
 * their public order: the stored rows only, for diffs (what also depends on the time of asking —
 * overdue, days to a deadline — is added by `listsAsOf`).
 */
export async function listsAt(store: Pick<EventStore, 'readAllForProjection'>, communityId: string, position: number): Promise<ThreeLists> {
  return {
    needs: await oneList(store, 'needs', PROJECTIONS.needs, communityId, position),
    resources: await oneList(store, 'resources', PROJECTIONS.resources, communityId, position),
    tasks: await oneList(store, 'tasks', PROJECTIONS.tasks, communityId, position),
  };
}
