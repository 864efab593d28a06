import { LIST_PROJECTIONS } from './lists';
import type { DocumentProjection } from './runtime/document-projection';
import { VIEW_PROJECTIONS } from './views';

/** Every read model the projector maintains. */
export const ALL_PROJECTIONS: DocumentProjection<any>[] = [...LIST_PROJECTIONS, ...VIEW_PROJECTIONS];
