import type { DocumentProjection } from '../runtime/document-projection';
import { inboxProjection } from './inbox.projection';
import { noticeBoardProjection } from './notice-board.projection';
import { scorecardsProjection } from './scorecards.projection';
import { streetDashboardProjection } from './street-dashboard.projection';

export * from './local-year';
export * from './scorecards.projection';
export * from './scorecard-view';
export * from './scorecard-as-of';
export * from './street-dashboard.projection';
export * from './notice-board.projection';
export * from './inbox.projection';

/** scorecards, street dashboard, inbox, notice board */
export const VIEW_PROJECTIONS: DocumentProjection<any>[] = [scorecardsProjection, streetDashboardProjection, noticeBoardProjection, inboxProjection];
