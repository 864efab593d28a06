import type { DocumentProjection } from '../runtime/document-projection';
import { needsListProjection } from './needs-list.projection';
import { resourcesListProjection } from './resources-list.projection';
import { tasksListProjection } from './tasks-list.projection';

export * from './needs-list.projection';
export * from './resources-list.projection';
export * from './tasks-list.projection';

/** the three lists (需求清单, 资源清单, 项目清单) */
export const LIST_PROJECTIONS: DocumentProjection<any>[] = [needsListProjection, resourcesListProjection, tasksListProjection];
