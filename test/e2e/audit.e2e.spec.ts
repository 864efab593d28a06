import { needBody } from './authorization/examples/needs.examples';
import { Harness, type World } from './harness';

describe('audit views over HTTP', () => {
  let h: Harness;
  let w: World;
  let secretary: string;
  let needId: string;
  beforeAll(async () => {
    h = await Harness.start('embedded');
    w = await h.world();
    secretary = await h.as('community_secretary', w.communities[0]);
    needId = (await h.expectOk(h.post(`/communities/${w.communities[0]}/needs`, secretary, needBody(), { 'X-Request-Id': 'req-audit-1' }))).body.id;
    await h.expectOk(h.post(`/needs/${needId}/reject`, secretary, { reason: '不属于社区职责' }));
  });
  afterAll(() => h.close());

  it("shows one thing's timeline to an auditor of its district: who, role, when, why, which request", async () => {
    const auditor = await h.as('auditor', w.districtId);
    const res = await h.get(`/audit/streams/need-${needId}/timeline`, auditor).expect(200);
    expect(res.body.map((e: { type: string }) => e.type)).toEqual(['NeedSubmitted', 'NeedRejected']);
    expect(res.body[0]).toMatchObject({ revision: 0, requestId: 'req-audit-1', actor: { role: 'community_secretary' } });
    expect(res.body[1]).toMatchObject({ reason: '不属于社区职责' });
    expect(res.body[1].hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses an auditor of another district, and answers 404 for nothing recorded', async () => {
    await h.get(`/audit/streams/need-${needId}/timeline`, await h.as('auditor', 'd-other')).expect(403);
    await h.get(`/audit/streams/need-nothing/timeline`, await h.as('auditor', w.districtId)).expect(404);
  });

  it("pages a community's history in log order", async () => {
    const auditor = await h.as('auditor', w.districtId);
    const first = await h.get(`/audit/communities/${w.communities[0]}/history?limit=1`, auditor).expect(200);
    expect(first.body.events).toHaveLength(1);
    const rest = await h.get(`/audit/communities/${w.communities[0]}/history?after=${first.body.next}&limit=1000`, auditor).expect(200);
    expect(rest.body.next).toBeNull();
    const all = [...first.body.events, ...rest.body.events];
    expect(all.map((e: { position: number }) => e.position)).toEqual([...all.map((e: { position: number }) => e.position)].sort((a, b) => a - b));
    expect(all.some((e: { streamId: string }) => e.streamId === `need-${needId}`)).toBe(true);
    await h.get(`/audit/communities/${w.communities[0]}/history?limit=0`, auditor).expect(400);
    await h.get(`/audit/communities/${w.communities[0]}/history?after=-3`, auditor).expect(400);
  });

  it("diffs a community's lists between two moments: the rejected need is added, then its status changed", async () => {
    const auditor = await h.as('auditor', w.districtId);
    const timeline = (await h.get(`/audit/streams/need-${needId}/timeline`, auditor).expect(200)).body as Array<{ position: number }>;
    const [submitted, rejected] = timeline.map((e) => e.position);
    const res = await h.get(`/audit/communities/${w.communities[0]}/diff?from=${submitted - 1}&to=${rejected}`, auditor).expect(200);
    expect(res.body.from).toMatchObject({ position: submitted - 1 });
    expect(res.body.lists.needs.added).toEqual([expect.objectContaining({ id: needId, status: 'rejected', reason: '不属于社区职责' })]);
    const changed = await h.get(`/audit/communities/${w.communities[0]}/diff?from=${submitted}&to=${new Date().toISOString()}`, auditor).expect(200);
    expect(changed.body.lists.needs.changed).toEqual([
      { id: needId, fields: expect.arrayContaining([{ field: 'status', before: 'submitted', after: 'rejected' }, { field: 'reason', before: null, after: '不属于社区职责' }]) },
    ]);
    expect(changed.body.lists.needs.added).toEqual([]);
    for (const [query, field] of [['from=march&to=1', 'from'], ['from=1', 'to'], ['from=1&to=99999999', 'to'], ['from=1&to=2999-01-01T00:00Z', 'to']]) {
      const bad = await h.get(`/audit/communities/${w.communities[0]}/diff?${query}`, auditor).expect(400);
      expect([query, bad.body.errors?.[0]?.field]).toEqual([query, field]);
    }
    await h.get(`/audit/communities/${w.communities[0]}/diff?from=0&to=1`, await h.as('auditor', 'd-other')).expect(403);
  });

  it("shows a unit's history across its streams to an auditor of its district, and refuses one of another", async () => {
    const auditor = await h.as('auditor', w.districtId);
    const res = await h.get(`/audit/units/${w.units[0]}/timeline`, auditor).expect(200);
    expect(res.body.length).toBeGreaterThan(0);
    expect(res.body.every((e: { communityId: string }) => e.communityId === w.communities[0])).toBe(true);
    expect(res.body[0]).toMatchObject({ actor: { role: expect.any(String) }, at: expect.any(String) });
    await h.get(`/audit/units/${w.units[0]}/timeline`, await h.as('auditor', 'd-other')).expect(403);
    await h.get(`/audit/units/u-nothing/timeline`, auditor).expect(404);
  });
});
