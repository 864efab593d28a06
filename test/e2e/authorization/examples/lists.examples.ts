import type { EndpointExample } from '../endpoint-example';

/** The three lists of community A (read models; empty until the projector has run, which is still a 200). */
export const examples: EndpointExample[] = (['needs', 'resources', 'tasks'] as const).map((kind) => ({
  operation: `GET /communities/{communityId}/lists/${kind}`,
  prepare: async ({ world }) => ({ path: `/communities/${world.communities[0]}/lists/${kind}?limit=5` }),
}));
