import type { DocumentProjection } from '../runtime/document-projection';

/** the three lists (需求清单, 资源清单, 项目清单) */
export const LIST_PROJECTIONS: DocumentProjection<any>[] = [];
