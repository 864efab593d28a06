import type { ExampleContext } from '../endpoint-example';
import { aNeed } from './needs.examples';

/** Things in community A of the harness world, made through the API, for the pledge/task/meeting examples. */

const DAY = 24 * 3600 * 1000;
export const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString();

export const pledgeBody = (unitId: string, over: Record<string, unknown> = {}) => ({
  pledger: { kind: 'unit', unitId },
  type: 'venue',
  description: '单位会议室，周末可用',
  capacity: { quantity: 100, measure: 'm2' },
  availability: { from: '2026-01-01T00:00:00Z', until: null },
  contact: { name: '李四', phone: '13900001111' },
  ...over,
});

export async function aPledge(c: ExampleContext, confirmed = false): Promise<string> {
  const res = await c.h.expectOk(c.h.post(`/communities/${c.world.communities[0]}/pledges`, c.setup, pledgeBody(c.world.units[0])));
  if (confirmed) await c.h.expectOk(c.h.post(`/pledges/${res.body.id}/confirm`, c.setup, {}));
  return res.body.id;
}

export async function aMeeting(c: ExampleContext, over: Record<string, unknown> = {}): Promise<string> {
  const res = await c.h.expectOk(
    c.h.post(`/communities/${c.world.communities[0]}/meetings`, c.setup, {
      title: '第四季度党建联席会议',
      scheduledAt: '2026-01-15T01:30:00Z',
      chairUnitId: c.world.units[0],
      ...over,
    }),
  );
  return res.body.id;
}

export const assignment = (unitId: string) => ({ responsibleUnitId: unitId, responsiblePerson: { name: '李四', phone: '13900001111' }, deadline: inDays(30) });

export type TaskStage =
  | 'proposed'
  | 'assigned'
  | 'accepted'
  | 'extension_requested'
  | 'completed'
  | 'verified'
  | 'escalated'
  | 'escalation_accepted'
  | 'escalated_to_street'
  | 'street_escalation_accepted';

/** A task formed from a fresh listed need (and 1 m² of a fresh pledge), taken to `stage` by the responsible unit 0. */
export async function aTask(c: ExampleContext, stage: TaskStage): Promise<{ taskId: string; escalationId: string | null }> {
  const { h, world, setup } = c;
  const needId = await aNeed(c, true);
  const pledgeId = await aPledge(c, true);
  const res = await h.expectOk(
    h.post(`/communities/${world.communities[0]}/tasks`, setup, {
      title: '为3号楼加装扶手',
      description: '共建单位出资出人',
      needIds: [needId],
      allocations: [{ pledgeId, quantity: 1 }],
      ...(stage === 'proposed' ? {} : { assignment: assignment(world.units[0]) }),
    }),
  );
  const taskId: string = res.body.id;
  const unit = await h.as('unit_contact', world.units[0]);
  const step = (path: string, token: string, body: unknown = {}) => h.expectOk(h.post(`/tasks/${taskId}/${path}`, token, body));
  let escalationId: string | null = null;
  if (stage.includes('escalat')) {
    escalationId = `esc-${taskId}`;
    const toStreet = stage.includes('street');
    const to = toStreet ? { kind: 'street', streetId: world.streets[0] } : { kind: 'department', departmentId: 'dep-a' };
    await step('escalate', setup, { escalationId, to, reason: '需协调' });
    if (stage === 'escalation_accepted') await step(`escalations/${escalationId}/accept`, await h.as('department', 'dep-a'));
    if (stage === 'street_escalation_accepted') await step(`street-escalations/${escalationId}/accept`, await h.as('street_admin', world.streets[0]));
    return { taskId, escalationId };
  }
  if (stage === 'proposed' || stage === 'assigned') return { taskId, escalationId };
  await step('accept', unit);
  if (stage === 'extension_requested') await step('extension-request', unit, { requestedDeadline: inDays(60), reason: '材料到货延迟' });
  if (stage === 'completed' || stage === 'verified')
    await step('complete', unit, { summary: '扶手已安装', evidence: [{ kind: 'photo', uri: 'https://files.example/a.jpg' }] });
  if (stage === 'verified') await step('verify', setup, { note: '验收合格' });
  return { taskId, escalationId };
}

/** A claim by unit 0 on a fresh listed need. */
export async function aClaim(c: ExampleContext): Promise<string> {
  const needId = await aNeed(c, true);
  const res = await c.h.expectOk(
    c.h.post(`/needs/${needId}/claims`, await c.h.as('unit_contact', c.world.units[0]), {
      title: '认领：加装扶手',
      description: '我单位出资出人',
      responsiblePerson: { name: '李四', phone: '13900001111' },
    }),
  );
  return res.body.id;
}

/**
 * One target per example and world: an allowed caller needs only to get past authorisation (a 409
 * after the first success is still "allowed"), so the matrix does not rebuild deep task states 19 times.
 */
export function once<T>(make: (c: ExampleContext) => Promise<T>): (c: ExampleContext) => Promise<T> {
  const made = new Map<string, Promise<T>>();
  return (c) => {
    // a call expected to succeed changes its target: it gets one of its own
    if (c.fresh) return make(c);
    const key = c.world.districtId;
    if (!made.has(key)) made.set(key, make(c));
    return made.get(key)!;
  };
}
