import { randomUUID } from 'node:crypto';
import { CLOCK, type Clock } from '../../apps/common/src/clock';
import { Harness, type World } from './harness';
import { termFromNow, unitBody } from './authorization/examples/registrations.examples';

const fresh = (p: string) => `${p}-${randomUUID().slice(0, 8)}`;
const fields = (res: { body: { errors?: Array<{ field: string; rule: string }> } }) => (res.body.errors ?? []).map((e) => `${e.field}:${e.rule}`);

describe('registrations over HTTP: units, members, pairings (real store, real auth)', () => {
  let h: Harness;
  let w: World;
  let A: string;
  let B: string;
  let secretaryA: string;
  let secretaryB: string;
  beforeAll(async () => {
    h = await Harness.start('postgres');
    w = await h.world();
    [A, B] = w.communities;
    secretaryA = await h.as('community_secretary', A);
    secretaryB = await h.as('community_secretary', B);
  });
  afterAll(() => h.close());

  const types = async (stream: string) => (await h.store.readStream(stream)).map((e) => e.type);

  describe('unit registration (双报到)', () => {
    it('records a unit, and shows its contact whole to staff and to the unit, masked to residents', async () => {
      const unitId = fresh('u');
      const created = await h.post(`/communities/${A}/units`, secretaryA, unitBody({ unitId })).expect(201);
      expect(created.body).toMatchObject({ id: `${unitId}:${A}`, revision: 0, events: ['UnitRegistered'] });
      const staff = await h.get(`/communities/${A}/units/${unitId}`, secretaryA).expect(200);
      expect(staff.body).toMatchObject({ status: 'registered', basis: 'reported', unitId, communityId: A, contactPerson: { name: '李四', phone: '13900001111' } });
      expect(staff.headers.etag).toBe('"0"');
      const own = await h.get(`/communities/${A}/units/${unitId}`, await h.as('unit_contact', unitId)).expect(200);
      expect(own.body.contactPerson).toEqual({ name: '李四', phone: '13900001111' });
      const resident = await h.get(`/communities/${A}/units/${unitId}`, await h.as('member', w.members[0])).expect(200);
      expect(resident.body.contactPerson).toEqual({ name: '李*', phone: '139****1111' });
      await h.get(`/communities/${A}/units/${unitId}`, await h.as('member', w.members[1])).expect(403);
      await h.get(`/communities/${A}/units/${unitId}`, await h.as('unit_contact', w.units[0])).expect(403);
      await h.get(`/communities/${A}/units/nobody`, secretaryA).expect(404);
    });

    it("lets a unit's contact report its own unit, not another's; a second community needs the district", async () => {
      const unitId = fresh('u');
      const contact = await h.as('unit_contact', unitId);
      await h.post(`/communities/${A}/units`, await h.as('unit_contact', w.units[0]), unitBody({ unitId })).expect(403);
      await h.post(`/communities/${A}/units`, contact, unitBody({ unitId })).expect(201);

      const head = await h.store.headPosition();
      const elsewhere = await h.post(`/communities/${B}/units`, contact, unitBody({ unitId })).expect(409);
      expect(elsewhere.body).toMatchObject({ code: 'UNIT.DISTRICT_ASSIGNMENT_REQUIRED', details: { activeCommunityIds: [A] } });
      expect(await h.store.headPosition()).toBe(head);

      const denied = await h.post(`/communities/${B}/units/${unitId}/assign`, secretaryB, unitBody({ reason: '统筹' })).expect(403);
      expect(denied.body.code).toBe('AUTH.ROLE_NOT_ALLOWED');
      await h.post(`/communities/${B}/units/${unitId}/assign`, await h.as('district_admin', 'd-elsewhere'), unitBody({ reason: '统筹' })).expect(403);
      const assigned = await h.post(`/communities/${B}/units/${unitId}/assign`, await h.as('district_admin', w.districtId), unitBody({ reason: '区委组织部统筹' })).expect(201);
      expect(assigned.body.events).toEqual(['UnitAssignedToCommunity']);
      expect((await h.get(`/communities/${B}/units/${unitId}`, secretaryB).expect(200)).body.basis).toBe('district_assignment');
    });

    it('changes only the details given, deregisters with a reason, and refuses what the rules do not allow', async () => {
      const unitId = fresh('u');
      await h.post(`/communities/${A}/units`, secretaryA, unitBody({ unitId })).expect(201);
      const again = await h.post(`/communities/${A}/units`, secretaryA, unitBody({ unitId })).expect(409);
      expect(again.body.code).toBe('UNIT.ALREADY_REGISTERED');

      const changed = await h.post(`/communities/${A}/units/${unitId}/details`, await h.as('unit_contact', unitId), { contactPerson: { name: '赵六', phone: '13600003333' } }).expect(200);
      expect(changed.body.events).toEqual(['UnitRegistrationDetailsChanged']);
      const [, event] = await h.store.readStream(`unitRegistration-${unitId}:${A}`);
      expect(event.data).toMatchObject({ unitName: '区第一人民医院', contactPerson: { name: '赵六', phone: '13600003333' }, changed: ['contactPerson'] });

      await h.post(`/communities/${A}/units/${unitId}/deregister`, secretaryB, { reason: '单位搬迁' }).expect(403);
      await h.post(`/communities/${A}/units/${unitId}/deregister`, await h.as('unit_contact', unitId), { reason: '单位搬迁' }).expect(403);
      const gone = await h.post(`/communities/${A}/units/${unitId}/deregister`, secretaryA, { reason: '单位搬迁' }).expect(200);
      expect(gone.body.events).toEqual(['UnitDeregistered']);
      expect((await h.post(`/communities/${A}/units/${unitId}/deregister`, secretaryA, { reason: '再次' }).expect(404)).body.code).toBe('UNIT.NOT_REGISTERED');
      expect((await h.get(`/communities/${A}/units/${unitId}`, secretaryA).expect(200)).body).toMatchObject({ status: 'deregistered', reason: '单位搬迁' });
      // deregistered from A, the unit may report to B by itself
      await h.post(`/communities/${B}/units`, await h.as('unit_contact', unitId), unitBody({ unitId })).expect(201);
    });

    it('answers a retried registration (same Idempotency-Key) with the original result', async () => {
      const unitId = fresh('u');
      const key = randomUUID();
      const first = await h.post(`/communities/${A}/units`, secretaryA, unitBody({ unitId }), { 'Idempotency-Key': key }).expect(201);
      const retry = await h.post(`/communities/${A}/units`, secretaryA, unitBody({ unitId }), { 'Idempotency-Key': key }).expect(201);
      expect(retry.body).toEqual({ ...first.body, replayed: true });
      expect(await types(`unitRegistration-${unitId}:${A}`)).toEqual(['UnitRegistered']);
    });

    it('names each failing field and rule, and writes nothing', async () => {
      const head = await h.store.headPosition();
      const res = await h
        .post(`/communities/${A}/units`, secretaryA, { ...unitBody({ unitId: 'bad id', contactPerson: { name: '', phone: 'call me' } }), superiorDepartment: undefined, extra: 1 })
        .expect(400);
      expect(fields(res)).toEqual(
        expect.arrayContaining(['unitId:matches', 'contactPerson.name:isNotEmpty', 'contactPerson.phone:matches', 'superiorDepartment:isString', 'extra:unknown']),
      );
      const reason = await h.post(`/communities/${A}/units/${w.units[0]}/deregister`, secretaryA, {}).expect(400);
      expect(fields(reason)).toContain('reason:isString');
      expect(await h.store.headPosition()).toBe(head);
    });
  });

  describe('members (在职党员回居住地社区报到)', () => {
    const memberBody = (memberId: string, over: Record<string, unknown> = {}) => ({
      memberId,
      name: '王五',
      phone: '13700002222',
      homeUnitId: w.units[0],
      skills: ['维修'],
      ...over,
    });

    it('a member registers themself; the member, staff and home unit see them whole, evaluators masked', async () => {
      const memberId = fresh('m');
      const self = await h.as('member', memberId);
      await h.post(`/communities/${A}/members`, await h.as('member', w.members[0]), memberBody(memberId)).expect(403);
      const created = await h.post(`/communities/${A}/members`, self, memberBody(memberId)).expect(201);
      expect(created.body).toMatchObject({ id: memberId, events: ['MemberRegistered'] });
      const mine = await h.get(`/members/${memberId}`, self).expect(200);
      expect(mine.body).toMatchObject({ status: 'registered', name: '王五', phone: '13700002222', homeUnitId: w.units[0], communityId: A, skills: ['维修'], feedback: [] });
      expect((await h.get(`/members/${memberId}`, await h.as('unit_contact', w.units[0])).expect(200)).body.phone).toBe('13700002222');
      const rated = await h.get(`/members/${memberId}`, await h.as('evaluator', A)).expect(200);
      expect(rated.body).toMatchObject({ name: '王*', phone: '137****2222' });
      expect(rated.body).not.toHaveProperty('feedback');
      await h.get(`/members/${memberId}`, await h.as('unit_contact', w.units[1])).expect(403);
      await h.get(`/members/${memberId}`, await h.as('evaluator', B)).expect(403);
      await h.get(`/members/${memberId}`, secretaryB).expect(403);
      await h.get(`/members/nobody`, secretaryA).expect(404);
    });

    it('refuses an unknown home unit (404) and a second registration (409), writing nothing', async () => {
      const memberId = fresh('m');
      const head = await h.store.headPosition();
      const unknown = await h.post(`/communities/${A}/members`, secretaryA, memberBody(memberId, { homeUnitId: 'u-nowhere' })).expect(404);
      expect(unknown.body.code).toBe('MEMBER.HOME_UNIT_NOT_REGISTERED');
      expect(await h.store.headPosition()).toBe(head);
      await h.post(`/communities/${A}/members`, secretaryA, memberBody(memberId)).expect(201);
      const again = await h.post(`/communities/${A}/members`, secretaryA, memberBody(memberId)).expect(409);
      expect(again.body.code).toBe('MEMBER.ALREADY_REGISTERED');
      await h.post(`/communities/${A}/members`, secretaryB, memberBody(fresh('m'))).expect(403);
    });

    it('updates skills, changes home unit, sends feedback once, and records leaving', async () => {
      const memberId = fresh('m');
      const self = await h.as('member', memberId);
      await h.post(`/communities/${A}/members`, self, memberBody(memberId)).expect(201);
      expect((await h.post(`/members/${memberId}/skills`, self, { skills: ['维修', '法律咨询'] }).expect(200)).body.events).toEqual(['MemberSkillsUpdated']);
      await h.post(`/members/${memberId}/skills`, await h.as('member', w.members[0]), { skills: [] }).expect(403);
      await h.post(`/members/${memberId}/skills`, secretaryB, { skills: [] }).expect(403);
      expect((await h.post(`/members/${memberId}/home-unit`, secretaryA, { homeUnitId: w.units[1] }).expect(200)).body.events).toEqual(['MemberHomeUnitChanged']);
      expect((await h.post(`/members/${memberId}/home-unit`, self, { homeUnitId: 'u-nowhere' }).expect(404)).body.code).toBe('MEMBER.HOME_UNIT_NOT_REGISTERED');

      const feedback = { feedbackId: 'fb-2026', period: '2026', text: '全年参加志愿服务6次', taskIds: ['t-1'] };
      const denied = await h.post(`/members/${memberId}/feedback`, self, feedback).expect(403);
      expect(denied.body.code).toBe('AUTH.ROLE_NOT_ALLOWED');
      await h.post(`/members/${memberId}/feedback`, secretaryA, feedback).expect(201);
      expect((await h.post(`/members/${memberId}/feedback`, secretaryA, feedback).expect(409)).body.code).toBe('MEMBER.FEEDBACK_ALREADY_SENT');
      const read = await h.get(`/members/${memberId}`, await h.as('unit_contact', w.units[1])).expect(200);
      expect(read.body).toMatchObject({ skills: ['维修', '法律咨询'], homeUnitId: w.units[1], feedback: [{ feedbackId: 'fb-2026', homeUnitId: w.units[1], period: '2026', taskIds: ['t-1'] }] });

      expect((await h.post(`/members/${memberId}/leave`, self, { reason: '搬离本社区' }).expect(200)).body.events).toEqual(['MemberLeft']);
      expect((await h.post(`/members/${memberId}/skills`, secretaryA, { skills: [] }).expect(404)).body.code).toBe('MEMBER.NOT_REGISTERED');
      expect(await types(`member-${memberId}`)).toEqual(['MemberRegistered', 'MemberSkillsUpdated', 'MemberHomeUnitChanged', 'MemberFeedbackSent', 'MemberLeft']);
    });

    it('a member who moved is registered and served by the new community only', async () => {
      const memberId = fresh('m');
      await h.post(`/communities/${A}/members`, secretaryA, memberBody(memberId)).expect(201);
      await h.post(`/members/${memberId}/leave`, secretaryA, { reason: '搬家' }).expect(200);
      await h.post(`/communities/${B}/members`, secretaryA, memberBody(memberId)).expect(403);
      await h.post(`/communities/${B}/members`, secretaryB, memberBody(memberId)).expect(201);
      await h.post(`/members/${memberId}/skills`, secretaryA, { skills: ['理发'] }).expect(403);
      await h.post(`/members/${memberId}/skills`, secretaryB, { skills: ['理发'] }).expect(200);
      expect((await h.get(`/members/${memberId}`, secretaryB).expect(200)).body).toMatchObject({ status: 'registered', communityId: B, skills: ['理发'] });
      await h.get(`/members/${memberId}`, secretaryA).expect(403);
      const log = await h.store.readStream(`member-${memberId}`);
      expect(log.map((e) => [e.type, e.metadata.communityId])).toEqual([
        ['MemberRegistered', A],
        ['MemberLeft', A],
        ['MemberRegistered', B],
        ['MemberSkillsUpdated', B],
      ]);
    });

    it('names each failing field and rule', async () => {
      const res = await h
        .post(`/communities/${A}/members`, secretaryA, memberBody(fresh('m'), { name: '', phone: 'x', skills: Array.from({ length: 21 }, (_, i) => `s${i}`) }))
        .expect(400);
      expect(fields(res)).toEqual(expect.arrayContaining(['name:isNotEmpty', 'phone:matches', 'skills:arrayMaxSize']));
      const skills = await h.post(`/members/${w.members[0]}/skills`, secretaryA, { skills: 'cooking' }).expect(400);
      expect(fields(skills)).toContain('skills:isArray');
      const dup = await h.post(`/members/${w.members[0]}/skills`, secretaryA, { skills: ['a', 'a'] }).expect(400);
      expect(dup.body).toMatchObject({ code: 'MEMBER.INVALID_SKILLS', errors: [{ field: 'skills' }] });
    });
  });

  describe('pairing (结对共建 · 共建协议)', () => {
    const commitment = (partyId: string, commitmentId = 'k1') => ({ commitmentId, partyId, text: '每月义诊一次' });
    const signBody = (unitIds: string[], over: Record<string, unknown> = {}) => ({ unitIds, term: termFromNow(), commitments: [commitment(unitIds[0])], ...over });
    const registeredAtA = async () => {
      const unitId = fresh('u');
      await h.post(`/communities/${A}/units`, secretaryA, unitBody({ unitId })).expect(201);
      return unitId;
    };

    it('signs an agreement and shows it to its community and its own units only', async () => {
      const second = await registeredAtA();
      const signed = await h.post(`/communities/${A}/pairings`, secretaryA, signBody([w.units[0], second])).expect(201);
      expect(signed.body.events).toEqual(['PairingAgreementSigned']);
      const id = signed.body.id;
      const read = await h.get(`/pairings/${id}`, await h.as('unit_contact', w.units[0])).expect(200);
      expect(read.body).toMatchObject({ status: 'active', communityId: A, unitIds: [w.units[0], second], commitments: [commitment(w.units[0])], revision: 0 });
      await h.get(`/pairings/${id}`, await h.as('member', w.members[0])).expect(200);
      await h.get(`/pairings/${id}`, await h.as('unit_contact', w.units[1])).expect(403);
      await h.get(`/pairings/${id}`, secretaryB).expect(403);
      await h.get(`/pairings/nothing`, secretaryA).expect(404);
      expect((await h.store.readStream(`pairing-${id}`))[0].data).toMatchObject({ kind: 'many_to_one' });
    });

    it('lets a secretary or its street admin sign, not staff or another street; units must be registered there', async () => {
      const staff = await h.post(`/communities/${A}/pairings`, await h.as('community_staff', A), signBody([w.units[0]])).expect(403);
      expect(staff.body.code).toBe('AUTH.ROLE_NOT_ALLOWED');
      await h.post(`/communities/${A}/pairings`, await h.as('street_admin', w.streets[1]), signBody([w.units[0]])).expect(403);
      await h.post(`/communities/${A}/pairings`, await h.as('street_admin', w.streets[0]), signBody([w.units[0]])).expect(201);

      const head = await h.store.headPosition();
      const foreign = await h.post(`/communities/${A}/pairings`, secretaryA, signBody([w.units[0], w.units[1]])).expect(409);
      expect(foreign.body).toMatchObject({ code: 'UNIT.NOT_REGISTERED_HERE', details: { field: 'unitIds[1]', unitId: w.units[1] } });
      const past = await h
        .post(`/communities/${A}/pairings`, secretaryA, signBody([w.units[0]], { term: { from: '2020-01-01T00:00:00Z', until: '2021-01-01T00:00:00Z' } }))
        .expect(400);
      expect(past.body.code).toBe('PAIRING.DEADLINE_IN_PAST');
      const party = await h.post(`/communities/${A}/pairings`, secretaryA, signBody([w.units[0]], { commitments: [commitment('stranger')] })).expect(400);
      expect(party.body).toMatchObject({ code: 'PAIRING.COMMITMENT_PARTY_NOT_IN_PAIRING', errors: [{ field: 'commitments.partyId' }] });
      expect(await h.store.headPosition()).toBe(head);
    });

    it('adds and removes units, amends commitments, terminates, and refuses changes after', async () => {
      const id = (await h.post(`/communities/${A}/pairings`, secretaryA, signBody([w.units[0]])).expect(201)).body.id;
      const notThere = await h.post(`/pairings/${id}/units`, secretaryA, { unitId: w.units[1], commitments: [] }).expect(409);
      expect(notThere.body.code).toBe('UNIT.NOT_REGISTERED_HERE');
      const second = await registeredAtA();
      await h.post(`/pairings/${id}/units`, secretaryB, { unitId: second, commitments: [] }).expect(403);
      const added = await h.post(`/pairings/${id}/units`, secretaryA, { unitId: second, commitments: [commitment(second, 'k2')] }).expect(200);
      expect(added.body.events).toEqual(['UnitAddedToPairing']);
      expect((await h.post(`/pairings/${id}/units`, secretaryA, { unitId: second, commitments: [] }).expect(409)).body.code).toBe('PAIRING.UNIT_ALREADY_IN_PAIRING');
      await h.post(`/pairings/${id}/units/${second}/remove`, secretaryA, { reason: '单位搬迁' }).expect(200);
      expect((await h.post(`/pairings/${id}/units/${w.units[0]}/remove`, secretaryA, { reason: '最后一家' }).expect(409)).body.code).toBe('PAIRING.LAST_UNIT');

      const amended = await h.post(`/pairings/${id}/commitments`, secretaryA, { reason: '新增助老', commitments: [commitment(w.units[0]), commitment(A, 'k3')] }).expect(200);
      expect(amended.body.events).toEqual(['PairingCommitmentsAmended']);
      expect((await h.post(`/pairings/${id}/expire`, secretaryA).expect(409)).body.code).toBe('PAIRING.TERM_NOT_ENDED');
      await h.post(`/pairings/${id}/terminate`, secretaryB, { reason: '单位撤并' }).expect(403);
      await h.post(`/pairings/${id}/terminate`, secretaryA, { reason: '单位撤并' }).expect(200);
      expect((await h.post(`/pairings/${id}/commitments`, secretaryA, { reason: 'x', commitments: [commitment(A)] }).expect(409)).body.code).toBe('PAIRING.NOT_ACTIVE');
      expect((await h.get(`/pairings/${id}`, secretaryA).expect(200)).body).toMatchObject({ status: 'terminated', reason: '单位撤并', unitIds: [w.units[0]] });
      expect(await types(`pairing-${id}`)).toEqual([
        'PairingAgreementSigned',
        'UnitAddedToPairing',
        'UnitRemovedFromPairing',
        'PairingCommitmentsAmended',
        'PairingTerminated',
      ]);
    });

    it('records expiry once the term has ended', async () => {
      const term = { from: new Date(Date.now() - 60_000).toISOString(), until: new Date(Date.now() + 86_400_000).toISOString() };
      const id = (await h.post(`/communities/${A}/pairings`, secretaryA, signBody([w.units[0]], { term })).expect(201)).body.id;
      expect((await h.post(`/pairings/${id}/expire`, secretaryA).expect(409)).body.code).toBe('PAIRING.TERM_NOT_ENDED');
      // the API's clock (injectable) moves past the term's end: no waiting on the wall clock
      const clock = h.app.get<Clock>(CLOCK);
      const after = new Date(Date.parse(term.until) + 1000);
      const travelled = jest.spyOn(clock, 'now').mockImplementation(() => new Date(after));
      try {
        expect((await h.post(`/pairings/${id}/commitments`, secretaryA, { reason: 'x', commitments: [commitment(A)] }).expect(409)).body.code).toBe('PAIRING.TERM_ENDED');
      expect((await h.post(`/pairings/${id}/expire`, secretaryA).expect(200)).body.events).toEqual(['PairingExpired']);
      expect((await h.post(`/pairings/${id}/expire`, secretaryA).expect(200)).body.events).toEqual([]);
      } finally {
        travelled.mockRestore();
      }
    });

    it('names each failing field and rule', async () => {
      const res = await h
        .post(`/communities/${A}/pairings`, secretaryA, {
          unitIds: [],
          term: { from: 'tomorrow', until: '2027-01-01T00:00:00Z' },
          commitments: [{ commitmentId: 'k1', partyId: w.units[0], text: '' }],
        })
        .expect(400);
      expect(fields(res)).toEqual(expect.arrayContaining(['unitIds:arrayMinSize', 'term.from:isInstant', 'commitments[0].text:isNotEmpty']));
      const reason = await h.post(`/pairings/whatever/terminate`, secretaryA, { reason: '' }).expect(400);
      expect(fields(reason)).toContain('reason:isNotEmpty');
    });
  });
});
