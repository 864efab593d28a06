import { randomUUID } from 'node:crypto';
import { meeting, task, type Actor } from '@cobuild/domain';
import { CommandHandler } from '../../apps/common/src/commands/command-handler';
import { DEFAULT_ASSESSMENT_RULES } from '../../apps/api/src/assessments/assessment-rules';
import { Harness, type World } from './harness';

/** this year in Asia/Shanghai (the harness registers the world now) */
const YEAR = Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));

describe('annual assessment over HTTP (real store, real auth)', () => {
  let h: Harness;
  let w: World;
  let districtAdmin: string;
  let secretaryA: string;

  /** a task of community A for unit 0, verified now (through the command handler: tasks have their own HTTP tests) */
  async function verifiedTaskOfUnit0(): Promise<void> {
    const needId = (
      await h.post(`/communities/${w.communities[0]}/needs`, secretaryA, {
        source: 'community', title: '清理楼道', description: '堆物清理', category: '环境', urgency: 'normal',
        beneficiaries: { description: '居民' }, location: { gridId: 'g1' }, requester: { name: '社区', phone: null },
      }).expect(201)
    ).body.id;
    await h.post(`/needs/${needId}/list`, secretaryA).expect(200);
    const taskId = randomUUID();
    const unit: Actor = { id: 'uc0', role: 'unit_contact', unitId: w.units[0] };
    const secretary: Actor = { id: 'sec', role: 'community_secretary' };
    const need = { needId, communityId: w.communities[0], status: 'listed' };
    const steps: Array<[Actor, string, Record<string, unknown>]> = [
      [unit, 'ClaimNeed', { taskId, communityId: w.communities[0], need, title: '清理楼道', description: '周末清理', responsiblePerson: { name: '李四' } }],
      [secretary, 'ConfirmTaskClaim', { taskId, deadline: new Date(Date.now() + 86_400_000 * 20).toISOString(), needs: [need] }],
      [unit, 'ReportTaskProgress', { taskId, reportId: 'r1', summary: '开始' }],
      [unit, 'CompleteTask', { taskId, summary: '完成', evidence: [{ kind: 'photo', uri: 'https://example.org/a.jpg' }] }],
      [secretary, 'VerifyTask', { taskId }],
    ];
    for (const [actor, type, data] of steps) {
      await h.app.get(CommandHandler).handle(task.decider, task.streamName(taskId), { type, data } as Pick<task.TaskCommand, 'type' | 'data'>, {
        actor, now: new Date(), correlationId: randomUUID(),
      }, { communityId: () => w.communities[0] });
    }
  }

  /** a community meeting of community B held an hour ago, attended by these units */
  async function heldMeetingOfB(attendingUnitIds: string[]): Promise<void> {
    const meetingId = randomUUID();
    const secretary: Actor = { id: 'sec-b', role: 'community_secretary' };
    const scheduledAt = new Date(Date.now() - 3_600_000).toISOString();
    const steps: Array<[string, Record<string, unknown>]> = [
      ['ConveneMeeting', { meetingId, level: 'community', communityId: w.communities[1], title: '联席会议', scheduledAt, chairUnitId: w.units[1] }],
      ['RecordMeetingAttendance', { meetingId, attendees: [{ name: '主任', unitId: null }, ...attendingUnitIds.map((unitId) => ({ name: '代表', unitId }))] }],
      ['CloseMeeting', { meetingId, minutes: '议定事项若干' }],
    ];
    for (const [type, data] of steps) {
      await h.app.get(CommandHandler).handle(meeting.decider, meeting.streamName(meetingId), { type, data } as Pick<meeting.MeetingCommand, 'type' | 'data'>, {
        actor: secretary, now: new Date(), correlationId: randomUUID(),
      }, { communityId: () => w.communities[1] });
    }
  }

  beforeAll(async () => {
    h = await Harness.start('postgres');
    w = await h.world();
    districtAdmin = await h.as('district_admin', w.districtId);
    secretaryA = await h.as('community_secretary', w.communities[0]);
    await verifiedTaskOfUnit0();
    // a closed round of the year in which the community rated unit 0 satisfied
    const roundId = (await h.post(`/communities/${w.communities[0]}/evaluation-rounds`, secretaryA, {
      period: { kind: 'year', year: YEAR }, directions: ['community_to_unit'], criteria: [],
    }).expect(201)).body.id;
    await h.post(`/evaluation-rounds/${roundId}/ratings`, secretaryA, { direction: 'community_to_unit', subject: { kind: 'unit', id: w.units[0] }, rating: 'satisfied' }).expect(201);
    await h.post(`/evaluation-rounds/${roundId}/close`, secretaryA).expect(200);
  });
  afterAll(() => h.close());

  it('computes from the configured rules and the facts and evaluations found in the log, then finalizes', async () => {
    const path = `/units/${w.units[0]}/assessments/${YEAR}`;
    const res = await h.post(`${path}/compute`, districtAdmin, { optionalActions: 2 }).expect(200);
    expect(res.body).toMatchObject({ id: `${w.units[0]}:${YEAR}`, events: ['AssessmentComputed'] });
    const read = await h.get(path, districtAdmin).expect(200);
    expect(read.body).toMatchObject({
      status: 'computed',
      computation: 1,
      rulesId: DEFAULT_ASSESSMENT_RULES.rulesId,
      facts: { registered: true, meetingsHeld: 0, meetingsAttended: 0, tasksDone: 1, optionalActions: 2 },
      evaluation: { counts: { satisfied: 1, basically_satisfied: 0, dissatisfied: 0 }, total: 1, meanValue: 100, points: 20 },
      // 80 base + 4 for two optional actions + 20 from the evaluation
      total: 104,
      grade: '优秀',
    });
    expect(read.body.evaluation.roundIds).toHaveLength(1);
    expect(read.body.deductions.every((d: { points: number }) => d.points === 0)).toBe(true);

    // the district sends its own rules for a recomputation
    const rules = { ...DEFAULT_ASSESSMENT_RULES, rulesId: '城西区-2026', baseScore: 70 };
    await h.post(`${path}/compute`, districtAdmin, { rules }).expect(200);
    const stale = await h.post(`${path}/finalize`, districtAdmin, { computation: 1 }).expect(409);
    expect(stale.body.code).toBe('ASSESSMENT.STALE_COMPUTATION');
    await h.post(`${path}/finalize`, districtAdmin, { computation: 2 }).expect(200);
    const final = await h.get(path, await h.as('unit_contact', w.units[0])).expect(200);
    expect(final.body).toMatchObject({ status: 'finalized', computation: 2, rulesId: '城西区-2026', total: 90, finalizedAt: expect.any(String) });
    const head = await h.store.headPosition();
    expect((await h.post(`${path}/compute`, districtAdmin, {}).expect(409)).body.code).toBe('ASSESSMENT.FINALIZED');
    expect(await h.store.headPosition()).toBe(head);
  });

  it('deducts for a unit that did no task and missed a meeting this year', async () => {
    await heldMeetingOfB([w.units[1]]);
    await heldMeetingOfB([]);
    await h.post(`/units/${w.units[1]}/assessments/${YEAR}/compute`, districtAdmin, {}).expect(200);
    const read = await h.get(`/units/${w.units[1]}/assessments/${YEAR}`, districtAdmin).expect(200);
    expect(read.body.facts).toEqual({ registered: true, meetingsHeld: 2, meetingsAttended: 1, tasksDone: 0, optionalActions: 0 });
    const points = Object.fromEntries(read.body.deductions.map((d: { ruleId: string; points: number }) => [d.ruleId, d.points]));
    expect(points).toEqual({ registered: 0, meetings: 2, 'one-thing': 20 });
    // 80 - 2 - 20 + 60% of 20 (no ratings)
    expect(read.body.total).toBe(70);
  });

  it('lets the district and the unit’s street admins compute, and nobody else', async () => {
    const path = `/units/${w.units[0]}/assessments/${YEAR - 1}`;
    const tokens = {
      otherStreet: await h.as('street_admin', w.streets[1]),
      street: await h.as('street_admin', w.streets[0]),
      otherDistrict: await h.as('district_admin', 'd-elsewhere'),
      unitB: await h.as('unit_contact', w.units[1]),
    };
    const head = await h.store.headPosition();
    expect((await h.post(`${path}/compute`, tokens.otherStreet, {}).expect(403)).body.code).toBe('AUTH.OUT_OF_SCOPE');
    await h.post(`${path}/compute`, tokens.otherDistrict, {}).expect(403);
    expect((await h.post(`${path}/compute`, secretaryA, {}).expect(403)).body.code).toBe('AUTH.ROLE_NOT_ALLOWED');
    expect(await h.store.headPosition()).toBe(head);
    await h.post(`${path}/compute`, tokens.street, {}).expect(200);
    await h.get(path, tokens.unitB).expect(403);
    await h.get(path, tokens.otherStreet).expect(403);
  });

  it('validates the year, the rules and the optional actions; 404 for a unit never registered', async () => {
    const head = await h.store.headPosition();
    const year = await h.post(`/units/${w.units[0]}/assessments/twenty/compute`, districtAdmin, {}).expect(400);
    expect(year.body.errors[0]).toMatchObject({ field: 'year' });
    expect((await h.post(`/units/${w.units[0]}/assessments/1999/compute`, districtAdmin, {}).expect(400)).body.code).toBe('ASSESSMENT.INVALID_YEAR');
    const { baseScore: _b, ...noBase } = DEFAULT_ASSESSMENT_RULES;
    const rules = await h.post(`/units/${w.units[0]}/assessments/${YEAR - 2}/compute`, districtAdmin, { rules: noBase }).expect(400);
    expect(rules.body).toMatchObject({ code: 'ASSESSMENT.INVALID_RULES', errors: [{ field: 'rules.baseScore' }] });
    const optional = await h.post(`/units/${w.units[0]}/assessments/${YEAR - 2}/compute`, districtAdmin, { optionalActions: -1, rules: 'x' }).expect(400);
    expect(optional.body.errors.map((e: { field: string; rule: string }) => `${e.field}:${e.rule}`)).toEqual(expect.arrayContaining(['optionalActions:min', 'rules:isObject']));
    expect((await h.post(`/units/${w.units[0]}/assessments/${YEAR - 2}/finalize`, districtAdmin, {}).expect(409)).body.code).toBe('ASSESSMENT.NOT_COMPUTED');
    expect((await h.post(`/units/nobody/assessments/${YEAR}/compute`, districtAdmin, {}).expect(404)).body.code).toBe('UNIT.NOT_FOUND');
    expect((await h.get(`/units/${w.units[0]}/assessments/${YEAR - 3}`, districtAdmin).expect(404)).body.code).toBe('ASSESSMENT.NOT_FOUND');
    expect(await h.store.headPosition()).toBe(head);
  });
});
