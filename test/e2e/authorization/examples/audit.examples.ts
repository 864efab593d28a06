import type { EndpointExample } from '../endpoint-example';
import { aTask } from './workflow-fixtures';

export const examples: EndpointExample[] = [
  // a task escalated to dep-a: the department the matrix grants in scope reads its timeline too
  { operation: 'GET /audit/streams/{streamId}/timeline', prepare: async (c) => ({ path: `/audit/streams/task-${(await aTask(c, 'escalated')).taskId}/timeline` }) },
  { operation: 'GET /audit/communities/{communityId}/history', prepare: async ({ world }) => ({ path: `/audit/communities/${world.communities[0]}/history?limit=10` }) },
  { operation: 'GET /audit/communities/{communityId}/diff', prepare: async ({ world }) => ({ path: `/audit/communities/${world.communities[0]}/diff?from=0&to=1` }) },
  { operation: 'GET /audit/units/{unitId}/timeline', prepare: async ({ world }) => ({ path: `/audit/units/${world.units[0]}/timeline` }) },
];
