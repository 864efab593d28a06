import type { DocumentProjection } from '../runtime/document-projection';

/** scorecards, street dashboard, inbox, notice board */
export const VIEW_PROJECTIONS: DocumentProjection<any>[] = [];
