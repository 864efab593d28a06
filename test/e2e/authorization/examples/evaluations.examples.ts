import { randomUUID } from 'node:crypto';
import type { EndpointExample, ExampleContext } from '../endpoint-example';

export const roundBody = (over: Record<string, unknown> = {}) => ({
  period: { kind: 'year', year: 2026 },
  directions: ['community_to_unit', 'unit_to_community'],
  criteria: ['服务态度'],
  ...over,
});

/** a round of community A, open or closed */
export async function aRound({ h, world, setup }: ExampleContext, closed = false): Promise<string> {
  const res = await h.expectOk(h.post(`/communities/${world.communities[0]}/evaluation-rounds`, setup, roundBody()));
  if (closed) await h.expectOk(h.post(`/evaluation-rounds/${res.body.id}/close`, setup));
  return res.body.id;
}

export const examples: EndpointExample[] = [
  {
    operation: 'POST /streets/{streetId}/evaluation-rounds',
    prepare: async ({ world }) => ({ path: `/streets/${world.streets[0]}/evaluation-rounds`, body: roundBody({ roundId: randomUUID() }) }),
  },
  {
    operation: 'POST /communities/{communityId}/evaluation-rounds',
    prepare: async ({ world }) => ({ path: `/communities/${world.communities[0]}/evaluation-rounds`, body: roundBody({ roundId: randomUUID() }) }),
  },
  { operation: 'POST /evaluation-rounds/{roundId}/close', prepare: async (c) => ({ path: `/evaluation-rounds/${await aRound(c)}/close` }) },
  // a closed round: every caller in scope gets past authorisation to 409 ROUND.CLOSED, whatever the direction rules say of its role
  {
    operation: 'POST /evaluation-rounds/{roundId}/ratings',
    prepare: async (c) => ({
      path: `/evaluation-rounds/${await aRound(c, true)}/ratings`,
      body: { direction: 'community_to_unit', subject: { kind: 'unit', id: c.world.units[0] }, rating: 'satisfied' },
      // which direction a role may rate in is the round's rule, not authorisation: one body cannot succeed for every allowed role
      allowedAnswer: { status: 409, code: 'ROUND.CLOSED' },
    }),
  },
  { operation: 'GET /evaluation-rounds/{roundId}', prepare: async (c) => ({ path: `/evaluation-rounds/${await aRound(c)}` }) },
];
