import type { EndpointExample } from '../endpoint-example';

export const examples: EndpointExample[] = [
  { operation: 'GET /districts/{districtId}/webhook-dead-letters', prepare: async ({ world }) => ({ path: `/districts/${world.districtId}/webhook-dead-letters` }) },
];
