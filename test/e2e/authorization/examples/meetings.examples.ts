import { randomUUID } from 'node:crypto';
import type { EndpointExample, ExampleContext } from '../endpoint-example';
import { aMeeting, once } from './workflow-fixtures';

// the chair must be registered (双报到) at the meeting's community (or, for a street meeting, in its street)
const convene = (c: ExampleContext) => ({ title: '第四季度党建联席会议', scheduledAt: '2026-12-15T01:30:00Z', chairUnitId: c.world.units[0] });
const meetingFor = () => once((c) => aMeeting(c));
const rescheduled = meetingFor();
const chaired = meetingFor();
const attended = meetingFor();
const decided = meetingFor();
const cancelled = meetingFor();
const read = meetingFor();
const closing = once(async (c: ExampleContext) => {
  const id = await aMeeting(c);
  await c.h.expectOk(c.h.post(`/meetings/${id}/attendance`, c.setup, { attendees: [{ name: '王书记', role: '社区党委书记' }] }));
  return id;
});

export const examples: EndpointExample[] = [
  {
    operation: 'POST /communities/{communityId}/meetings',
    prepare: async (c) => ({ path: `/communities/${c.world.communities[0]}/meetings`, body: { ...convene(c), meetingId: randomUUID() } }),
  },
  {
    operation: 'POST /streets/{streetId}/meetings',
    prepare: async (c) => ({ path: `/streets/${c.world.streets[0]}/meetings`, body: { ...convene(c), meetingId: randomUUID() } }),
  },
  {
    operation: 'POST /meetings/{meetingId}/reschedule',
    prepare: async (c) => ({ path: `/meetings/${await rescheduled(c)}/reschedule`, body: { scheduledAt: '2026-12-20T01:30:00Z', reason: '主席单位临时有事' } }),
  },
  {
    operation: 'POST /meetings/{meetingId}/chair',
    prepare: async (c) => ({ path: `/meetings/${await chaired(c)}/chair`, body: { chairUnitId: c.world.units[0], reason: '轮值调整' } }),
  },
  {
    operation: 'POST /meetings/{meetingId}/attendance',
    prepare: async (c) => ({ path: `/meetings/${await attended(c)}/attendance`, body: { attendees: [{ name: '王书记' }] } }),
  },
  {
    operation: 'POST /meetings/{meetingId}/decisions',
    prepare: async (c) => ({ path: `/meetings/${await decided(c)}/decisions`, body: { decisionId: 'd-1', kind: 'other', summary: '议定下季度重点' } }),
  },
  { operation: 'POST /meetings/{meetingId}/close', prepare: async (c) => ({ path: `/meetings/${await closing(c)}/close`, body: { minutes: '会议纪要' } }) },
  { operation: 'POST /meetings/{meetingId}/cancel', prepare: async (c) => ({ path: `/meetings/${await cancelled(c)}/cancel`, body: { reason: '改期另行通知' } }) },
  { operation: 'GET /meetings/{meetingId}', prepare: async (c) => ({ path: `/meetings/${await read(c)}` }) },
];
