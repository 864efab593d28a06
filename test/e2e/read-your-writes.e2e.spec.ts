import { randomUUID } from 'node:crypto';
import { needBody } from './authorization/examples/needs.examples';
import { Harness, type World } from './harness';

/**
 * Authorisation reads its own writes, in every API process: two API instances (replicas, each with
 * its own in-process caches) on one PostgreSQL store. A write through one is honoured — or
 * enforced — by the very next request to the other, with no waiting.
 */
describe('authorisation reads its own writes across API replicas (e2e, PostgreSQL)', () => {
  let a: Harness;
  let b: Harness;
  let w: World;

  beforeAll(async () => {
    a = await Harness.start('postgres');
    b = await a.replica();
    w = await a.world();
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  const pledgeBody = (unitId: string) => ({
    pledger: { kind: 'unit', unitId },
    type: 'venue',
    description: '会议室',
    capacity: { quantity: 30, measure: 'm2' },
    availability: { from: new Date(Date.now() + 86_400_000).toISOString(), until: null },
    contact: { name: '赵医生', phone: '13600001111' },
  });
  const registration = (unitId: string) => ({
    unitId,
    unitName: '区人民医院',
    partyOrganisationName: '区人民医院党委',
    contactPerson: { name: '赵医生', phone: '13600001111' },
    superiorDepartment: '区卫健委',
  });
  const communityEvents = async (communityId: string) => (await a.store.readAll({ after: 0, maxCount: 100_000, filter: { communityId } })).length;

  describe('双报到 then the first pledge', () => {
    it('a unit contact that has just registered its unit pledges at once (same instance)', async () => {
      const A = w.communities[0];
      const unitId = `u-new-${randomUUID().slice(0, 8)}`;
      const contact = await a.as('unit_contact', unitId);
      // not registered yet: out of scope (and the instance has just looked it up)
      expect((await a.post(`/communities/${A}/pledges`, contact, pledgeBody(unitId)).expect(403)).body.code).toBe('AUTH.OUT_OF_SCOPE');
      await a.post(`/communities/${A}/units`, contact, registration(unitId)).expect(201);
      const pledged = await a.post(`/communities/${A}/pledges`, contact, pledgeBody(unitId));
      expect({ status: pledged.status, events: pledged.body.events }).toEqual({ status: 201, events: ['ResourcePledged'] });
    });

    it('a registration written through another replica is honoured by the next request here', async () => {
      const B = w.communities[1];
      const unitId = `u-new-${randomUUID().slice(0, 8)}`;
      const contact = await a.as('unit_contact', unitId);
      await a.post(`/communities/${B}/pledges`, contact, pledgeBody(unitId)).expect(403);
      await b.post(`/communities/${B}/units`, contact, registration(unitId)).expect(201);
      const pledged = await a.post(`/communities/${B}/pledges`, contact, pledgeBody(unitId));
      expect({ status: pledged.status, events: pledged.body.events }).toEqual({ status: 201, events: ['ResourcePledged'] });
      // and its lists, read through this instance
      await a.get(`/communities/${B}/lists/needs`, contact).expect(200);
    });
  });

  describe('revocation is immediate in every process', () => {
    const password = 'correct horse battery staple';

    async function secretaryAccount(communityId: string) {
      const username = `sec${randomUUID().replace(/-/g, '').slice(0, 12)}`;
      const account = await a.accounts.addAccount(username, '王丽', password);
      await a.accounts.grantRole(account.accountId, { role: 'community_secretary', scope: { kind: 'community', id: communityId } });
      const jwt = (await a.http().post('/auth/login').send({ username, password }).expect(200)).body.accessToken as string;
      const { token, tokenId } = await a.accounts.issueApiToken(account.accountId, 'sync');
      return { accountId: account.accountId, jwt, token, tokenId };
    }

    it('an account disabled through another replica: its JWT and API token are refused by the next request here, and nothing is appended', async () => {
      const A = w.communities[0];
      const s = await secretaryAccount(A);
      // both credentials work here (and this instance has the account loaded)
      await a.post(`/communities/${A}/needs`, s.jwt, needBody()).expect(201);
      await a.post(`/communities/${A}/needs`, s.token, needBody()).expect(201);
      const before = await communityEvents(A);

      await b.accounts.disable(s.accountId, '调岗');

      const refused = await a.post(`/communities/${A}/needs`, s.jwt, needBody());
      expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 401, code: 'AUTH.INVALID_TOKEN' });
      expect((await a.post(`/communities/${A}/needs`, s.token, needBody())).status).toBe(401);
      expect((await a.get(`/communities/${A}/lists/needs`, s.jwt)).status).toBe(401);
      expect(await communityEvents(A)).toBe(before);

      // enabled again through the other replica: back at once
      await b.accounts.enable(s.accountId);
      await a.post(`/communities/${A}/needs`, s.jwt, needBody()).expect(201);
    });

    it('an API token revoked through another replica is refused by the next request here; the account’s other credentials still work', async () => {
      const A = w.communities[0];
      const s = await secretaryAccount(A);
      await a.post(`/communities/${A}/needs`, s.token, needBody()).expect(201);
      const before = await communityEvents(A);

      await b.accounts.revokeApiToken(s.accountId, s.tokenId);

      expect((await a.post(`/communities/${A}/needs`, s.token, needBody())).status).toBe(401);
      expect(await communityEvents(A)).toBe(before);
      await a.post(`/communities/${A}/needs`, s.jwt, needBody()).expect(201);
    });

    it('a role revoked through another replica is out of scope on the next request here', async () => {
      const A = w.communities[0];
      const s = await secretaryAccount(A);
      await a.post(`/communities/${A}/needs`, s.token, needBody()).expect(201);
      await b.accounts.revokeRole(s.accountId, { role: 'community_secretary', scope: { kind: 'community', id: A } });
      expect((await a.post(`/communities/${A}/needs`, s.token, needBody())).status).toBe(403);
    });
  });
});
