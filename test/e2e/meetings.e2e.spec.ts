import { Harness, type World } from './harness';
import { pledgeBody } from './authorization/examples/workflow-fixtures';

describe('joint meetings (联席会议) over HTTP (real store, real auth)', () => {
  let h: Harness;
  let w: World;
  let secretaryA: string;
  const body = (over: Record<string, unknown> = {}) => ({
    title: '第四季度党建联席会议',
    scheduledAt: '2026-01-15T01:30:00Z',
    location: '社区党群服务中心',
    chairUnitId: w.units[0],
    ...over,
  });
  beforeAll(async () => {
    h = await Harness.start('embedded');
    w = await h.world();
    secretaryA = await h.as('community_secretary', w.communities[0]);
  });
  afterAll(() => h.close());

  it('convenes, reschedules, changes the chair, records attendance and decisions, and closes with minutes', async () => {
    const created = await h.post(`/communities/${w.communities[0]}/meetings`, secretaryA, body()).expect(201);
    const id = created.body.id;
    await h.post(`/meetings/${id}/reschedule`, secretaryA, { scheduledAt: '2026-01-16T01:30:00Z', reason: '主席单位临时有事' }).expect(200);
    const nextChair = `u-next-${id}`;
    await h.registerUnit(nextChair, w.communities[0]);
    await h.post(`/meetings/${id}/chair`, secretaryA, { chairUnitId: nextChair, reason: '轮值调整' }).expect(200);
    await h.post(`/meetings/${id}/attendance`, secretaryA, { attendees: [{ name: '王书记', role: '社区党委书记' }, { name: '李四', unitId: w.units[0] }] }).expect(200);
    await h.post(`/meetings/${id}/decisions`, secretaryA, { decisionId: 'd1', kind: 'other', summary: '议定下季度重点' }).expect(200);
    const retry = await h.post(`/meetings/${id}/decisions`, secretaryA, { decisionId: 'd1', kind: 'other', summary: '议定下季度重点' }).expect(200);
    expect(retry.body.events).toEqual([]);
    await h.post(`/meetings/${id}/close`, secretaryA, { minutes: '会议纪要……' }).expect(200);
    const read = await h.get(`/meetings/${id}`, await h.as('unit_contact', w.units[0])).expect(200);
    expect(read.body).toMatchObject({
      status: 'closed',
      level: 'community',
      streetId: w.streets[0],
      scheduledAt: '2026-01-16T01:30:00.000Z',
      chairUnitId: nextChair,
      minutes: '会议纪要……',
      decisions: [{ decisionId: 'd1', kind: 'other' }],
    });
    expect(read.headers.etag).toBe('"5"');
  });

  it('refuses to close before attendance is recorded, and to cancel a meeting with decisions (409, nothing written)', async () => {
    const id = (await h.post(`/communities/${w.communities[0]}/meetings`, secretaryA, body()).expect(201)).body.id;
    expect((await h.post(`/meetings/${id}/close`, secretaryA, { minutes: 'm' }).expect(409)).body.code).toBe('MEETING.ATTENDANCE_REQUIRED');
    const pledgeId = (await h.post(`/communities/${w.communities[0]}/pledges`, secretaryA, pledgeBody(w.units[0])).expect(201)).body.id;
    await h.post(`/meetings/${id}/decisions`, secretaryA, { kind: 'pledge_listed', pledgeId, summary: '确认场地' }).expect(200);
    expect((await h.post(`/meetings/${id}/cancel`, secretaryA, { reason: '改期' }).expect(409)).body.code).toBe('MEETING.HAS_DECISIONS');
    expect(await h.store.readStream(`meeting-${id}`)).toHaveLength(2);
  });

  it('a street admin convenes a street meeting; community staff may not act on it, nor on another community', async () => {
    const streetAdmin = await h.as('street_admin', w.streets[0]);
    const id = (await h.post(`/streets/${w.streets[0]}/meetings`, streetAdmin, body()).expect(201)).body.id;
    expect((await h.get(`/meetings/${id}`, await h.as('auditor', w.districtId)).expect(200)).body).toMatchObject({ level: 'street', communityId: null });
    await h.post(`/meetings/${id}/cancel`, secretaryA, { reason: 'x' }).expect(403);
    await h.post(`/streets/${w.streets[1]}/meetings`, streetAdmin, body()).expect(403);
    await h.post(`/communities/${w.communities[1]}/meetings`, secretaryA, body()).expect(403);
    await h.post(`/meetings/${id}/cancel`, streetAdmin, { reason: '改期另行通知' }).expect(200);
  });

  it('names each failing field and rule', async () => {
    const res = await h.post(`/communities/${w.communities[0]}/meetings`, secretaryA, body({ scheduledAt: 'soon', chairUnitId: '' })).expect(400);
    const fields = res.body.errors.map((e: { field: string; rule: string }) => `${e.field}:${e.rule}`);
    expect(fields).toEqual(expect.arrayContaining(['scheduledAt:isInstant', 'chairUnitId:isNotEmpty']));
    const id = (await h.post(`/communities/${w.communities[0]}/meetings`, secretaryA, body()).expect(201)).body.id;
    const bad = await h.post(`/meetings/${id}/decisions`, secretaryA, { kind: 'task_formed', summary: 's' }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toContain('taskId');
    expect((await h.post(`/meetings/${id}/attendance`, secretaryA, { attendees: [] }).expect(400)).body.errors[0]).toMatchObject({ field: 'attendees', rule: 'arrayMinSize' });
  });
});
