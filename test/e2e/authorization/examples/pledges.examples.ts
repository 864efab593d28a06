import { randomUUID } from 'node:crypto';
import type { EndpointExample } from '../endpoint-example';
import { aPledge, once, pledgeBody } from './workflow-fixtures';

const pledged = once((c) => aPledge(c));
const another = once((c) => aPledge(c));
const third = once((c) => aPledge(c));
const fourth = once((c) => aPledge(c));

export const examples: EndpointExample[] = [
  {
    operation: 'POST /communities/{communityId}/pledges',
    prepare: async ({ world }) => ({ path: `/communities/${world.communities[0]}/pledges`, body: pledgeBody(world.units[0], { pledgeId: randomUUID() }) }),
  },
  { operation: 'POST /pledges/{pledgeId}/confirm', prepare: async (c) => ({ path: `/pledges/${await pledged(c)}/confirm`, body: {} }) },
  { operation: 'POST /pledges/{pledgeId}/reject', prepare: async (c) => ({ path: `/pledges/${await another(c)}/reject`, body: { reason: '不符合需要' } }) },
  { operation: 'POST /pledges/{pledgeId}/withdraw', prepare: async (c) => ({ path: `/pledges/${await third(c)}/withdraw`, body: { reason: '场地改作他用' } }) },
  { operation: 'GET /pledges/{pledgeId}', prepare: async (c) => ({ path: `/pledges/${await fourth(c)}` }) },
];
