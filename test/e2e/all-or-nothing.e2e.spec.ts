import { randomUUID } from 'node:crypto';
import { Harness, type World } from './harness';
import { needBody } from './authorization/examples/needs.examples';
import { inDays, pledgeBody } from './authorization/examples/workflow-fixtures';

/**
 * The integrity promises over HTTP on the real store: every command that writes several streams
 * writes all or none of them (task formation with its pledges, needs and meeting; claim
 * confirmation with its needs), and a retry with the same Idempotency-Key and body is answered as
 * a replay — also when the server chose the new thing's id.
 */
describe('all or nothing, and retries that replay (HTTP, real store, real auth)', () => {
  let h: Harness;
  let w: World;
  let secretary: string;
  let unit0: string;
  beforeAll(async () => {
    h = await Harness.start('embedded');
    w = await h.world();
    secretary = await h.as('community_secretary', w.communities[0]);
    unit0 = await h.as('unit_contact', w.units[0]);
  });
  afterAll(() => h.close());

  const community = () => w.communities[0];
  const listedNeed = async () => {
    const id = (await h.post(`/communities/${community()}/needs`, secretary, needBody()).expect(201)).body.id as string;
    await h.post(`/needs/${id}/list`, secretary).expect(200);
    return id;
  };
  const confirmedPledge = async (quantity: number) => {
    const id = (await h.post(`/communities/${community()}/pledges`, unit0, pledgeBody(w.units[0], { capacity: { quantity, measure: 'm2' } })).expect(201)).body.id as string;
    await h.post(`/pledges/${id}/confirm`, secretary, {}).expect(200);
    return id;
  };
  const meetingBody = (title = '联席会议') => ({ title, scheduledAt: '2026-01-15T01:30:00Z', chairUnitId: w.units[0] });
  const ids = async (stream: string) => (await h.store.readStream(stream)).map((e) => e.id);

  describe('a retry with the same Idempotency-Key and body replays, when the server chose the id', () => {
    const cases: Array<[string, () => Promise<{ path: string; token: string; body: Record<string, unknown>; other: Record<string, unknown>; stream: (id: string) => string }>]> = [
      ['submit a need without needId', async () => ({ path: `/communities/${community()}/needs`, token: secretary, body: needBody(), other: needBody({ title: '另一个需求' }), stream: (id) => `need-${id}` })],
      ['convene a meeting without meetingId', async () => ({ path: `/communities/${community()}/meetings`, token: secretary, body: meetingBody(), other: meetingBody('另一次会议'), stream: (id) => `meeting-${id}` })],
      [
        'pledge a resource without pledgeId',
        async () => ({ path: `/communities/${community()}/pledges`, token: unit0, body: pledgeBody(w.units[0]), other: pledgeBody(w.units[0], { description: '另一间会议室' }), stream: (id) => `pledge-${id}` }),
      ],
      [
        'claim a need without taskId',
        async () => {
          const claim = { title: '认领：加装扶手', description: '我单位出资出人', responsiblePerson: { name: '李四', phone: '13900001111' } };
          return { path: `/needs/${await listedNeed()}/claims`, token: unit0, body: claim, other: { ...claim, title: '认领：另一种做法' }, stream: (id) => `task-${id}` };
        },
      ],
    ];
    it.each(cases)('%s', async (_name, make) => {
      const c = await make();
      const key = randomUUID();
      const first = await h.post(c.path, c.token, c.body, { 'Idempotency-Key': key }).expect(201);
      expect(first.body.replayed).toBe(false);
      const head = await h.store.headPosition();
      const retry = await h.post(c.path, c.token, c.body, { 'Idempotency-Key': key }).expect(201);
      expect(retry.body).toEqual({ ...first.body, replayed: true });
      expect(await h.store.headPosition()).toBe(head);
      expect(await ids(c.stream(first.body.id))).toHaveLength(first.body.revision + 1);
      // the same key with another body is still refused, and writes nothing
      expect((await h.post(c.path, c.token, c.other, { 'Idempotency-Key': key }).expect(409)).body.code).toBe('COMMAND.IDEMPOTENCY_KEY_REUSED');
      expect(await h.store.headPosition()).toBe(head);
      // without a key, each request is a new thing
      const a = await h.post(c.path, c.token, c.body).expect(201);
      expect(a.body.id).not.toBe(first.body.id);
    });
  });

  it('50 formations at once on one pledge with room for 28: 28 formed, and each of the 22 others told PLEDGE.CAPACITY_EXCEEDED with nothing written', async () => {
    const pledgeId = await confirmedPledge(280);
    const needIds = await Promise.all(Array.from({ length: 50 }, () => listedNeed()));
    const before = await ids(`pledge-${pledgeId}`);
    const answers = await Promise.all(
      needIds.map((needId) =>
        h.post(`/communities/${community()}/tasks`, secretary, { title: '加装扶手', description: '共建', needIds: [needId], allocations: [{ pledgeId, quantity: 10 }] }),
      ),
    );
    const formed = answers.filter((r) => r.status === 201);
    const refused = answers.filter((r) => r.status !== 201);
    expect(formed).toHaveLength(28);
    expect(refused.map((r) => [r.status, r.body.code])).toEqual(Array.from({ length: 22 }, () => [409, 'PLEDGE.CAPACITY_EXCEEDED']));
    const after = (await h.store.readStream(`pledge-${pledgeId}`)).slice(before.length);
    expect(after.map((e) => e.type)).toEqual(Array.from({ length: 28 }, () => 'PledgeCapacityAllocated'));
    expect(new Set(after.map((e) => e.data.taskId))).toEqual(new Set(formed.map((r) => r.body.id)));
    for (const [i, r] of answers.entries())
      expect((await h.store.readStream(`need-${needIds[i]}`)).at(-1)!.type).toBe(r.status === 201 ? 'NeedMatched' : 'NeedListed');
  });

  it('task formation at a meeting cancelled meanwhile: 409 and no pledge, need, task or meeting stream changed', async () => {
    const needId = await listedNeed();
    const pledgeId = await confirmedPledge(100);
    const meetingId = (await h.post(`/communities/${community()}/meetings`, secretary, meetingBody()).expect(201)).body.id;
    await h.post(`/meetings/${meetingId}/cancel`, secretary, { reason: '改期' }).expect(200);
    const streams = [`need-${needId}`, `pledge-${pledgeId}`, `meeting-${meetingId}`];
    const before = await Promise.all(streams.map(ids));
    const head = await h.store.headPosition();
    const taskId = randomUUID();
    const res = await h
      .post(`/communities/${community()}/tasks`, secretary, { taskId, title: '加装扶手', description: '共建', needIds: [needId], meetingId, allocations: [{ pledgeId, quantity: 10 }] })
      .expect(409);
    expect(res.body.code).toMatch(/^(TASK|MEETING)\./);
    expect(await Promise.all(streams.map(ids))).toEqual(before);
    expect(await h.store.streamExists(`task-${taskId}`)).toBe(false);
    expect(await h.store.headPosition()).toBe(head);
  });

  it('claim confirmation matches the need and confirms the task at once; refused (need withdrawn meanwhile), it changes neither; retried, it replays', async () => {
    const claim = { title: '认领：加装扶手', description: '我单位出资出人', responsiblePerson: { name: '李四', phone: '13900001111' } };
    const gone = await listedNeed();
    const refused = (await h.post(`/needs/${gone}/claims`, unit0, claim).expect(201)).body.id;
    await h.post(`/needs/${gone}/withdraw`, secretary, { reason: '居民已自行解决' }).expect(200);
    const before = [await ids(`need-${gone}`), await ids(`task-${refused}`)];
    const head = await h.store.headPosition();
    const no = await h.post(`/tasks/${refused}/confirm-claim`, secretary, { deadline: inDays(30) }).expect(409);
    expect(no.body.code).toMatch(/^(TASK|NEED)\./);
    expect([await ids(`need-${gone}`), await ids(`task-${refused}`)]).toEqual(before);
    expect(await h.store.headPosition()).toBe(head);

    const needId = await listedNeed();
    const taskId = (await h.post(`/needs/${needId}/claims`, unit0, claim).expect(201)).body.id;
    const key = randomUUID();
    const body = { deadline: inDays(30) };
    const ok = await h.post(`/tasks/${taskId}/confirm-claim`, secretary, body, { 'Idempotency-Key': key }).expect(200);
    expect(ok.body).toMatchObject({ events: ['TaskClaimConfirmed'], replayed: false });
    const matched = (await h.store.readStream(`need-${needId}`)).at(-1)!;
    const confirmed = (await h.store.readStream(`task-${taskId}`)).at(-1)!;
    expect(matched).toMatchObject({ type: 'NeedMatched', position: confirmed.position - 1 });
    expect(matched.metadata.correlationId).toBe(confirmed.metadata.correlationId);
    const again = await h.post(`/tasks/${taskId}/confirm-claim`, secretary, body, { 'Idempotency-Key': key }).expect(200);
    expect(again.body).toEqual({ ...ok.body, replayed: true });
  });
});
