import { randomUUID } from 'node:crypto';
import { notice } from '@cobuild/domain';
import { CommandHandler } from '../../../../apps/common/src/commands/command-handler';
import type { EndpointExample, ExampleContext } from '../endpoint-example';

/** a notice published in community A */
export async function aNotice({ h, world, setup }: ExampleContext): Promise<string> {
  const res = await h.expectOk(h.post(`/communities/${world.communities[0]}/notices`, setup, { kind: 'periodic_lists', title: '三张清单公示' }));
  return res.body.id;
}

/** an objection raised on a fresh notice, through the command handler (the public endpoint is rate limited) */
export async function anObjection(c: ExampleContext): Promise<{ noticeId: string; objectionId: string }> {
  const noticeId = await aNotice(c);
  const objectionId = randomUUID();
  await c.h.app.get(CommandHandler).handle(
    notice.decider,
    notice.streamName(noticeId),
    { type: 'RaiseObjection', data: { noticeId, objectionId, text: '公示内容与实际不符', contact: '13812345678' } },
    { actor: { id: 'public', role: 'public' }, now: new Date(), correlationId: randomUUID() },
    { communityId: () => c.world.communities[0] },
  );
  return { noticeId, objectionId };
}

export const examples: EndpointExample[] = [
  {
    operation: 'POST /communities/{communityId}/notices',
    prepare: async ({ world }) => ({ path: `/communities/${world.communities[0]}/notices`, body: { kind: 'completions', title: '完成情况公示' } }),
  },
  {
    operation: 'POST /notices/{noticeId}/objections/{objectionId}/answer',
    prepare: async (c) => {
      const { noticeId, objectionId } = await anObjection(c);
      return { path: `/notices/${noticeId}/objections/${objectionId}/answer`, body: { answer: '已核实，情况属实，已整改。' } };
    },
  },
  // the period has not ended: an allowed caller gets 409 NOTICE.PERIOD_NOT_ENDED
  // the API's clock past the objection period (a few working days)
  { operation: 'POST /notices/{noticeId}/close', prepare: async (c) => ({ path: `/notices/${await aNotice(c)}/close`, now: new Date(Date.now() + 60 * 86_400_000) }) },
  { operation: 'GET /notices/{noticeId}', prepare: async (c) => ({ path: `/notices/${await aNotice(c)}` }) },
  { operation: 'GET /public/communities/{communityId}/notices', prepare: async ({ world }) => ({ path: `/public/communities/${world.communities[0]}/notices` }) },
  { operation: 'GET /public/notices/{noticeId}', prepare: async (c) => ({ path: `/public/notices/${await aNotice(c)}` }) },
  {
    operation: 'POST /public/notices/{noticeId}/objections',
    prepare: async (c) => ({ path: `/public/notices/${await aNotice(c)}/objections`, body: { text: '该项目尚未完工，公示为已完成不符合实际。' } }),
  },
];
