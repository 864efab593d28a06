import type { DocumentProjection } from '../runtime/document-projection';
import { needsListProjection } from './needs-list.projection';
import { resourcesListProjection } from './resources-list.projection';
import { tasksListProjection } from './tasks-list.projection';

export * from './needs-list.projection';
export * from './resources-list.projection';
export * from './tasks-list.projection';
export * from './deadline-standing';

/** the three lists (需求清单, 资源清单, 项目清单) */
export const LIST_PROJECTIONS: DocumentProjection<any>[] = [needsListProjection, resourcesListProjection, tasksListProjection];

/**
 * Each list's public order, the same live and as of any moment: needs by urgency then age, tasks by
 * deadline (undated last) then formation, resources newest pledged first.
 */
export const LIST_ORDER = { needs: 'asc', resources: 'desc', tasks: 'asc' } as const satisfies Record<string, 'asc' | 'desc'>;
