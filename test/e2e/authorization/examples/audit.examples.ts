import type { EndpointExample } from '../endpoint-example';
import { aNeed } from './needs.examples';

export const examples: EndpointExample[] = [
  { operation: 'GET /audit/streams/{streamId}/timeline', prepare: async (c) => ({ path: `/audit/streams/need-${await aNeed(c)}/timeline` }) },
  { operation: 'GET /audit/communities/{communityId}/history', prepare: async ({ world }) => ({ path: `/audit/communities/${world.communities[0]}/history?limit=10` }) },
  { operation: 'GET /audit/communities/{communityId}/diff', prepare: async ({ world }) => ({ path: `/audit/communities/${world.communities[0]}/diff?from=0&to=1` }) },
  { operation: 'GET /audit/units/{unitId}/timeline', prepare: async ({ world }) => ({ path: `/audit/units/${world.units[0]}/timeline` }) },
];
