import { randomUUID } from 'node:crypto';
import { Harness, type World } from './harness';
import { needBody } from './authorization/examples/needs.examples';
import { assignment, pledgeBody } from './authorization/examples/workflow-fixtures';

/**
 * References stay inside their scope: a command of community A may not name a unit registered
 * only at community B, a street of another district, or a pledge of B. Each refusal has its own
 * code and appends nothing (the log's head does not move).
 */
describe('references stay inside their scope, over HTTP (real store, real auth)', () => {
  let h: Harness;
  let w: World;
  let secretaryA: string;
  let A: string;
  let unitA: string;
  let unitB: string;
  beforeAll(async () => {
    h = await Harness.start('embedded');
    w = await h.world();
    A = w.communities[0];
    [unitA, unitB] = w.units;
    secretaryA = await h.as('community_secretary', A);
  });
  afterAll(() => h.close());

  /** the request is refused with `status` and `code`, and the log is exactly as before */
  const refused = async (req: () => Promise<{ status: number; body: { code?: string; errors?: Array<{ field: string }> } }>, status: number, code: string, field?: string) => {
    const head = await h.store.headPosition();
    const res = await req();
    expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
    if (field) expect(res.body.errors?.map((e) => e.field)).toEqual([field]);
    expect(await h.store.headPosition()).toBe(head);
  };
  const listedNeed = async () => {
    const id = (await h.post(`/communities/${A}/needs`, secretaryA, needBody()).expect(201)).body.id as string;
    await h.post(`/needs/${id}/list`, secretaryA).expect(200);
    return id;
  };
  const form = async (unitId: string | null) =>
    h.post(`/communities/${A}/tasks`, secretaryA, {
      title: '为3号楼加装扶手',
      description: '共建单位出资出人',
      needIds: [await listedNeed()],
      ...(unitId ? { assignment: assignment(unitId) } : {}),
    });

  it("refuses to assign (or form, or reassign) a task of A to B's unit with UNIT.NOT_REGISTERED_HERE", async () => {
    const needed = await listedNeed();
    await refused(
      () => h.post(`/communities/${A}/tasks`, secretaryA, { title: '扶手', description: '出资出人', needIds: [needed], assignment: assignment(unitB) }),
      409,
      'UNIT.NOT_REGISTERED_HERE',
      'assignment.responsibleUnitId',
    );
    expect((await h.get(`/needs/${needed}`, secretaryA).expect(200)).body.status).toBe('listed'); // not matched either

    const proposedRes = await form(null);
    expect(proposedRes.status).toBe(201);
    const taskId = proposedRes.body.id as string;
    await refused(() => h.post(`/tasks/${taskId}/assign`, secretaryA, assignment(unitB)), 409, 'UNIT.NOT_REGISTERED_HERE', 'responsibleUnitId');
    await refused(() => h.post(`/tasks/${taskId}/assign`, secretaryA, assignment('u-nowhere')), 409, 'UNIT.NOT_REGISTERED_HERE', 'responsibleUnitId');
    await h.post(`/tasks/${taskId}/assign`, secretaryA, assignment(unitA)).expect(200);
    await refused(() => h.post(`/tasks/${taskId}/reassign`, secretaryA, { ...assignment(unitB), reason: '换单位' }), 409, 'UNIT.NOT_REGISTERED_HERE');
  });

  it('refuses to escalate to a street of another district (or another street) with STREET.OUTSIDE_SCOPE; its own street is fine', async () => {
    const admin = await h.as('district_admin', 'd-elsewhere');
    await h.post('/districts', admin, { districtId: 'd-elsewhere', name: '城东区' }).expect(201);
    await h.post('/districts/d-elsewhere/streets', admin, { streetId: 's-elsewhere', name: '东街道' }).expect(201);
    const formed = await form(unitA);
    expect(formed.status).toBe(201);
    const taskId = formed.body.id as string;
    const escalate = (streetId: string) => () =>
      h.post(`/tasks/${taskId}/escalate`, secretaryA, { escalationId: randomUUID(), to: { kind: 'street', streetId }, reason: '跨社区协调' });
    await refused(escalate('s-elsewhere'), 409, 'STREET.OUTSIDE_SCOPE', 'to.streetId');
    await refused(escalate(w.streets[1]), 409, 'STREET.OUTSIDE_SCOPE', 'to.streetId');
    expect((await escalate(w.streets[0])()).status).toBe(200);
  });

  it("refuses a round of A rating B's unit or B's member, and a unit of A rating community B", async () => {
    const roundId = (
      await h
        .post(`/communities/${A}/evaluation-rounds`, secretaryA, { period: { kind: 'year', year: 2026 }, directions: ['community_to_unit', 'resident_to_member', 'unit_to_community'], criteria: [] })
        .expect(201)
    ).body.id;
    const rate = (token: string, body: Record<string, unknown>) => () => h.post(`/evaluation-rounds/${roundId}/ratings`, token, { rating: 'satisfied', ...body });
    await refused(rate(secretaryA, { direction: 'community_to_unit', subject: { kind: 'unit', id: unitB } }), 409, 'UNIT.NOT_REGISTERED_HERE', 'subject.id');
    const evaluator = await h.as('evaluator', A);
    await refused(rate(evaluator, { direction: 'resident_to_member', subject: { kind: 'member', id: w.members[1] } }), 409, 'MEMBER.NOT_REGISTERED_HERE', 'subject.id');
    const contact = await h.as('unit_contact', unitA);
    await refused(rate(contact, { direction: 'unit_to_community', subject: { kind: 'community', id: w.communities[1] } }), 409, 'COMMUNITY.OUTSIDE_SCOPE');
    expect((await rate(secretaryA, { direction: 'community_to_unit', subject: { kind: 'unit', id: unitA } })()).status).toBe(201);
    expect((await rate(evaluator, { direction: 'resident_to_member', subject: { kind: 'member', id: w.members[0] } })()).status).toBe(201);
  });

  it("refuses a meeting of A chaired by B's unit (convening or changing the chair), and a street meeting chaired from another street; a notice of B's meeting or round", async () => {
    const meeting = { title: '联席会议', scheduledAt: '2026-01-15T01:30:00Z' };
    await refused(() => h.post(`/communities/${A}/meetings`, secretaryA, { ...meeting, chairUnitId: unitB }), 409, 'UNIT.NOT_REGISTERED_HERE', 'chairUnitId');
    const id = (await h.post(`/communities/${A}/meetings`, secretaryA, { ...meeting, chairUnitId: unitA }).expect(201)).body.id;
    await refused(() => h.post(`/meetings/${id}/chair`, secretaryA, { chairUnitId: unitB, reason: '轮值' }), 409, 'UNIT.NOT_REGISTERED_HERE', 'chairUnitId');
    await refused(
      () => h.post(`/meetings/${id}/attendance`, secretaryA, { attendees: [{ name: '李四', unitId: unitB }] }),
      409,
      'UNIT.NOT_REGISTERED_HERE',
      'attendees[0].unitId',
    );
    const streetAdmin = await h.as('street_admin', w.streets[0]);
    await refused(() => h.post(`/streets/${w.streets[0]}/meetings`, streetAdmin, { ...meeting, chairUnitId: unitB }), 409, 'UNIT.NOT_REGISTERED_HERE');
    await h.post(`/streets/${w.streets[0]}/meetings`, streetAdmin, { ...meeting, chairUnitId: unitA }).expect(201);

    // a decision of A's meeting may not list B's pledge; a pledge of A may not be confirmed at B's meeting
    const secretaryB = await h.as('community_secretary', w.communities[1]);
    const pledgeB = (await h.post(`/communities/${w.communities[1]}/pledges`, secretaryB, pledgeBody(unitB)).expect(201)).body.id;
    await refused(() => h.post(`/meetings/${id}/decisions`, secretaryA, { kind: 'pledge_listed', pledgeId: pledgeB, summary: '确认场地' }), 409, 'PLEDGE.OUTSIDE_SCOPE', 'pledgeId');
    await refused(() => h.post(`/meetings/${id}/decisions`, secretaryA, { kind: 'pledge_listed', pledgeId: 'p-none', summary: '确认场地' }), 404, 'PLEDGE.NOT_FOUND');
    const meetingB = (await h.post(`/communities/${w.communities[1]}/meetings`, secretaryB, { ...meeting, chairUnitId: unitB }).expect(201)).body.id;
    const pledgeA = (await h.post(`/communities/${A}/pledges`, secretaryA, pledgeBody(unitA)).expect(201)).body.id;
    await refused(() => h.post(`/pledges/${pledgeA}/confirm`, secretaryA, { meetingId: meetingB }), 409, 'MEETING.OUTSIDE_SCOPE', 'meetingId');
    await h.post(`/pledges/${pledgeA}/confirm`, secretaryA, { meetingId: id }).expect(200);

    // a notice of A publishes A's meeting decisions or round results, not B's
    const notice = (kind: string, subjectId: string) => () => h.post(`/communities/${A}/notices`, secretaryA, { kind, title: '公示', subjectId });
    await refused(notice('meeting_decisions', meetingB), 409, 'MEETING.OUTSIDE_SCOPE', 'subjectId');
    const roundB = (
      await h.post(`/communities/${w.communities[1]}/evaluation-rounds`, secretaryB, { period: { kind: 'year', year: 2026 }, directions: ['community_to_unit'], criteria: [] }).expect(201)
    ).body.id;
    await refused(notice('evaluation_results', roundB), 409, 'ROUND.OUTSIDE_SCOPE', 'subjectId');
    await refused(notice('evaluation_results', 'r-none'), 404, 'ROUND.NOT_FOUND', 'subjectId');
    expect((await notice('meeting_decisions', id)()).status).toBe(201);
  });

  it("refuses a pledge or a need of A in the name of B's unit, and a pairing with it", async () => {
    await refused(() => h.post(`/communities/${A}/pledges`, secretaryA, pledgeBody(unitB)), 409, 'UNIT.NOT_REGISTERED_HERE', 'pledger.unitId');
    await refused(() => h.post(`/communities/${A}/needs`, secretaryA, needBody({ source: 'unit', requestingUnitId: unitB })), 409, 'UNIT.NOT_REGISTERED_HERE', 'requestingUnitId');
    await h.post(`/communities/${A}/needs`, secretaryA, needBody({ source: 'unit', requestingUnitId: unitA })).expect(201);
    const term = { from: new Date(Date.now() + 86_400_000).toISOString(), until: new Date(Date.now() + 400 * 86_400_000).toISOString() };
    const pairing = { term, commitments: [{ commitmentId: 'k1', partyId: unitA, text: '每月义诊一次' }] };
    await refused(() => h.post(`/communities/${A}/pairings`, secretaryA, { ...pairing, unitIds: [unitA, unitB] }), 409, 'UNIT.NOT_REGISTERED_HERE', 'unitIds[1]');
  });
});
