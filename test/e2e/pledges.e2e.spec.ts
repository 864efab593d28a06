import { randomUUID } from 'node:crypto';
import { Harness, type World } from './harness';
import { pledgeBody } from './authorization/examples/workflow-fixtures';

describe('pledges (资源清单) over HTTP (real store, real auth)', () => {
  let h: Harness;
  let w: World;
  let secretaryA: string;
  let unit0: string;
  let unit1: string;
  beforeAll(async () => {
    h = await Harness.start('embedded');
    w = await h.world();
    secretaryA = await h.as('community_secretary', w.communities[0]);
    unit0 = await h.as('unit_contact', w.units[0]);
    unit1 = await h.as('unit_contact', w.units[1]);
  });
  afterAll(() => h.close());

  const pledge = async (token = unit0, over: Record<string, unknown> = {}) =>
    (await h.post(`/communities/${w.communities[0]}/pledges`, token, pledgeBody(w.units[0], over)).expect(201)).body.id as string;

  it('a unit contact pledges its unit resources where it is registered; the community confirms it; anyone in scope reads it', async () => {
    const created = await h.post(`/communities/${w.communities[0]}/pledges`, unit0, pledgeBody(w.units[0])).expect(201);
    expect(created.body).toMatchObject({ revision: 0, events: ['ResourcePledged'] });
    const id = created.body.id;
    await h.post(`/pledges/${id}/confirm`, secretaryA, {}).expect(200);
    const mine = await h.get(`/pledges/${id}`, unit0).expect(200);
    expect(mine.body).toMatchObject({ status: 'listed', capacity: { quantity: 100, measure: 'm2' }, allocated: 0, remaining: 100, contact: { name: '李四', phone: '13900001111' } });
    expect(mine.headers.etag).toBe('"1"');
    const member = await h.as('member', w.members[0]);
    expect((await h.get(`/pledges/${id}`, member).expect(200)).body.contact).toEqual({ name: '李*', phone: '139****1111' });
  });

  it('refuses a unit contact pledging for another unit (403 PLEDGE.NOT_PLEDGER) and one not registered at the community (403)', async () => {
    const neighbour = `u-neighbour-${w.communities[0]}`; // another unit registered at the same community
    await h.registerUnit(neighbour, w.communities[0]);
    const head = await h.store.headPosition();
    const other = await h.post(`/communities/${w.communities[0]}/pledges`, unit0, pledgeBody(neighbour)).expect(403);
    expect(other.body.code).toBe('PLEDGE.NOT_PLEDGER');
    // a unit not registered there is refused as a reference before anything else is decided
    expect((await h.post(`/communities/${w.communities[0]}/pledges`, unit0, pledgeBody(w.units[1])).expect(409)).body.code).toBe('UNIT.NOT_REGISTERED_HERE');
    const unregistered = await h.post(`/communities/${w.communities[0]}/pledges`, unit1, pledgeBody(w.units[1])).expect(403);
    expect(unregistered.body.code).toBe('AUTH.OUT_OF_SCOPE');
    expect(await h.store.headPosition()).toBe(head);
  });

  it('rejects with a reason; a rejected pledge cannot be confirmed (409, nothing written)', async () => {
    const id = await pledge();
    await h.post(`/pledges/${id}/reject`, secretaryA, { reason: '不符合需要' }).expect(200);
    const again = await h.post(`/pledges/${id}/confirm`, secretaryA, {}).expect(409);
    expect(again.body.code).toBe('PLEDGE.WRONG_STATUS');
    expect((await h.store.readStream(`pledge-${id}`)).map((e) => e.type)).toEqual(['ResourcePledged', 'PledgeRejected']);
  });

  it('the pledging unit withdraws; another community secretary may not touch it', async () => {
    const id = await pledge();
    const secretaryB = await h.as('community_secretary', w.communities[1]);
    await h.post(`/pledges/${id}/withdraw`, secretaryB, { reason: 'x' }).expect(403);
    await h.post(`/pledges/${id}/withdraw`, unit0, { reason: '场地改作他用' }).expect(200);
    expect((await h.get(`/pledges/${id}`, secretaryA).expect(200)).body).toMatchObject({ status: 'withdrawn', reason: '场地改作他用' });
  });

  it('names each failing field and rule, and writes nothing', async () => {
    const head = await h.store.headPosition();
    const res = await h
      .post(`/communities/${w.communities[0]}/pledges`, unit0, pledgeBody(w.units[0], { type: 'gold', capacity: { quantity: 1.234, measure: '' }, pledgeId: 'nope' }))
      .expect(400);
    const fields = res.body.errors.map((e: { field: string; rule: string }) => `${e.field}:${e.rule}`);
    expect(fields).toEqual(expect.arrayContaining(['type:isIn', 'capacity.quantity:isNumber', 'capacity.measure:isNotEmpty', 'pledgeId:isUuid']));
    expect(await h.store.headPosition()).toBe(head);
  });

  it('answers 404 for an unknown pledge', async () => {
    expect((await h.get(`/pledges/${randomUUID()}`, secretaryA).expect(404)).body.code).toBe('PLEDGE.NOT_FOUND');
    expect((await h.post(`/pledges/${randomUUID()}/confirm`, secretaryA, {}).expect(404)).body.code).toBe('PLEDGE.NOT_FOUND');
  });
});
