import { randomUUID } from 'node:crypto';
import { Harness, type World } from './harness';

const body = (over: Record<string, unknown> = {}) => ({
  source: 'resident',
  title: '3号楼加装扶手',
  description: '楼道无扶手，老人上下楼困难',
  category: '助老',
  urgency: 'high',
  beneficiaries: { description: '3号楼老人', count: 12 },
  location: { gridId: 'g3', address: '和平路3号' },
  wantedBy: '2027-06-30T16:00:00Z',
  requester: { name: '张三', phone: '13812345678' },
  ...over,
});

describe('needs over HTTP (real store, real auth)', () => {
  let h: Harness;
  let w: World;
  let secretaryA: string;
  let secretaryB: string;
  beforeAll(async () => {
    h = await Harness.start('postgres');
    w = await h.world();
    secretaryA = await h.as('community_secretary', w.communities[0]);
    secretaryB = await h.as('community_secretary', w.communities[1]);
  });
  afterAll(() => h.close());

  it('submits, lists and reads a need; the answer carries the revision as ETag', async () => {
    const created = await h.post(`/communities/${w.communities[0]}/needs`, secretaryA, body()).expect(201);
    expect(created.body).toMatchObject({ revision: 0, events: ['NeedSubmitted'], replayed: false });
    expect(created.headers.etag).toBe('"0"');
    const id = created.body.id;
    const listed = await h.post(`/needs/${id}/list`, secretaryA).expect(200);
    expect(listed.body).toMatchObject({ revision: 1, events: ['NeedListed'] });
    const read = await h.get(`/needs/${id}`, secretaryA).expect(200);
    expect(read.body).toMatchObject({ status: 'listed', communityId: w.communities[0], requester: { name: '张三', phone: '13812345678' } });
    expect(read.headers.etag).toBe('"1"');
  });

  it('masks the requester for a unit contact, and refuses one whose unit is not the thing', async () => {
    const id = (await h.post(`/communities/${w.communities[0]}/needs`, secretaryA, body()).expect(201)).body.id;
    const auditor = await h.as('auditor', w.districtId);
    expect((await h.get(`/needs/${id}`, auditor).expect(200)).body.requester).toEqual({ name: '张三', phone: '13812345678' });
    const member = await h.as('member', 'someone');
    const res = await h.get(`/needs/${id}`, member);
    expect(res.status).toBe(403);
  });

  it('refuses a secretary of another community (403), and a street admin may act for its communities only', async () => {
    const id = (await h.post(`/communities/${w.communities[0]}/needs`, secretaryA, body()).expect(201)).body.id;
    const denied = await h.post(`/needs/${id}/list`, secretaryB).expect(403);
    expect(denied.body).toMatchObject({ code: 'AUTH.OUT_OF_SCOPE' });
    await h.post(`/communities/${w.communities[0]}/needs`, secretaryB, body()).expect(403);
    const otherStreetAdmin = await h.as('street_admin', w.streets[1]);
    await h.post(`/needs/${id}/list`, otherStreetAdmin).expect(403);
    const streetAdmin = await h.as('street_admin', w.streets[0]);
    await h.post(`/needs/${id}/list`, streetAdmin).expect(200);
    expect((await h.store.readStream(`need-${id}`)).map((e) => e.type)).toEqual(['NeedSubmitted', 'NeedListed']);
  });

  it('answers a rule violation with 409 and its code, writing nothing', async () => {
    const id = (await h.post(`/communities/${w.communities[0]}/needs`, secretaryA, body()).expect(201)).body.id;
    await h.post(`/needs/${id}/list`, secretaryA).expect(200);
    const again = await h.post(`/needs/${id}/list`, secretaryA).expect(409);
    expect(again.body.code).toMatch(/^NEED\./);
    expect(await h.store.readStream(`need-${id}`)).toHaveLength(2);
  });

  it('makes a command conditional with If-Match (412 on a stale revision)', async () => {
    const id = (await h.post(`/communities/${w.communities[0]}/needs`, secretaryA, body()).expect(201)).body.id;
    const stale = await h.post(`/needs/${id}/urgency`, secretaryA, { urgency: 'urgent', reason: '漏水' }, { 'If-Match': '"7"' }).expect(412);
    expect(stale.body).toMatchObject({ code: 'COMMAND.PRECONDITION_FAILED', currentRevision: 0 });
    await h.post(`/needs/${id}/urgency`, secretaryA, { urgency: 'urgent', reason: '漏水' }, { 'If-Match': '"0"' }).expect(200);
    await h.post(`/needs/${id}/urgency`, secretaryA, { urgency: 'low', reason: '已缓解' }, { 'If-Match': 'nonsense' }).expect(400);
  });

  it('returns the original result for a retried Idempotency-Key, and 409 for the key with another body', async () => {
    const key = randomUUID();
    const needId = randomUUID();
    const first = await h.post(`/communities/${w.communities[0]}/needs`, secretaryA, body({ needId }), { 'Idempotency-Key': key }).expect(201);
    const head = await h.store.headPosition();
    const retry = await h.post(`/communities/${w.communities[0]}/needs`, secretaryA, body({ needId }), { 'Idempotency-Key': key }).expect(201);
    expect(retry.body).toEqual({ ...first.body, replayed: true });
    expect(await h.store.headPosition()).toBe(head);
    const reused = await h
      .post(`/communities/${w.communities[0]}/needs`, secretaryA, body({ needId, title: '别的' }), { 'Idempotency-Key': key })
      .expect(409);
    expect(reused.body.code).toBe('COMMAND.IDEMPOTENCY_KEY_REUSED');
  });

  it('names each failing field and rule, and writes nothing', async () => {
    const head = await h.store.headPosition();
    const res = await h
      .post(`/communities/${w.communities[0]}/needs`, secretaryA, {
        ...body({ urgency: 'whenever', requester: { name: '', phone: 'call me' }, title: 'x'.repeat(201) }),
        extra: 1,
      })
      .expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    const fields = res.body.errors.map((e: { field: string; rule: string }) => `${e.field}:${e.rule}`);
    expect(fields).toEqual(
      expect.arrayContaining(['urgency:isIn', 'title:maxLength', 'requester.name:isNotEmpty', 'requester.phone:matches', 'extra:unknown']),
    );
    expect(await h.store.headPosition()).toBe(head);
  });

  it('refuses a need for an unknown community with 404, and a date in the past with 400', async () => {
    const res = await h.post(`/communities/nowhere/needs`, await h.as('community_secretary', 'nowhere'), body()).expect(404);
    expect(res.body.code).toBe('COMMUNITY.NOT_FOUND');
    const past = await h.post(`/communities/${w.communities[0]}/needs`, secretaryA, body({ wantedBy: '2020-01-01T00:00:00Z' })).expect(400);
    expect(past.body.code).toBe('NEED.DEADLINE_IN_PAST');
  });
});
