import { randomUUID } from 'node:crypto';
import type { EndpointExample, ExampleContext } from '../endpoint-example';

export const needBody = (over: Record<string, unknown> = {}) => ({
  source: 'resident',
  title: '3号楼加装扶手',
  description: '楼道无扶手，老人上下楼困难',
  category: '助老',
  urgency: 'high',
  beneficiaries: { description: '3号楼老人', count: 12 },
  location: { gridId: 'g3', address: '和平路3号' },
  requester: { name: '张三', phone: '13812345678' },
  ...over,
});

/** a need submitted (and optionally listed) in community A */
export async function aNeed({ h, world, setup }: ExampleContext, listed = false): Promise<string> {
  const res = await h.expectOk(h.post(`/communities/${world.communities[0]}/needs`, setup, needBody()));
  if (listed) await h.expectOk(h.post(`/needs/${res.body.id}/list`, setup));
  return res.body.id;
}

export const examples: EndpointExample[] = [
  {
    operation: 'POST /communities/{communityId}/needs',
    prepare: async ({ world }) => ({ path: `/communities/${world.communities[0]}/needs`, body: needBody({ needId: randomUUID() }) }),
  },
  { operation: 'POST /needs/{needId}/list', prepare: async (c) => ({ path: `/needs/${await aNeed(c)}/list` }) },
  {
    operation: 'POST /needs/{needId}/public-title',
    prepare: async (c) => ({ path: `/needs/${await aNeed(c)}/public-title`, body: { publicTitle: '为3号楼老人加装扶手' } }),
  },
  { operation: 'POST /needs/{needId}/reject', prepare: async (c) => ({ path: `/needs/${await aNeed(c)}/reject`, body: { reason: '不属于社区职责' } }) },
  {
    operation: 'POST /needs/{needId}/merge',
    prepare: async (c) => ({ path: `/needs/${await aNeed(c)}/merge`, body: { intoNeedId: await aNeed(c, true) } }),
  },
  {
    operation: 'POST /needs/{needId}/urgency',
    prepare: async (c) => ({ path: `/needs/${await aNeed(c)}/urgency`, body: { urgency: 'urgent', reason: '漏水' } }),
  },
  { operation: 'POST /needs/{needId}/withdraw', prepare: async (c) => ({ path: `/needs/${await aNeed(c)}/withdraw`, body: { reason: '已自行解决' } }) },
  { operation: 'POST /needs/{needId}/close', prepare: async (c) => ({ path: `/needs/${await aNeed(c, true)}/close`, body: { reason: '无资源' } }) },
  { operation: 'GET /needs/{needId}', prepare: async (c) => ({ path: `/needs/${await aNeed(c)}` }) },
];
