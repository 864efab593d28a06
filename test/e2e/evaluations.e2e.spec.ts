import { randomUUID } from 'node:crypto';
import { task, type Actor } from '@cobuild/domain';
import { CommandHandler } from '../../apps/common/src/commands/command-handler';
import { Harness, type World } from './harness';

const roundBody = (over: Record<string, unknown> = {}) => ({
  period: { kind: 'year', year: 2026 },
  directions: ['community_to_unit', 'unit_to_community', 'resident_to_member', 'task_work', 'task_coordination'],
  criteria: ['服务态度', '办事效率'],
  ...over,
});
const fieldsOf = (body: { errors?: Array<{ field: string; rule: string }> }) => (body.errors ?? []).map((e) => `${e.field}:${e.rule}`);

describe('two-way evaluation over HTTP (real store, real auth)', () => {
  let h: Harness;
  let w: World;
  let secretaryA: string;
  let evaluatorA: string;
  let unitA: string;
  let memberA: string;

  /** a task of community A claimed by unit 0 for a need member 0 submitted, carried to verified through the command handler */
  async function verifiedTask(verify = true): Promise<string> {
    const needId = (
      await h
        .post(`/communities/${w.communities[0]}/needs`, memberA, {
          source: 'resident', title: '修理路灯', description: '5号楼前路灯不亮', category: '维修', urgency: 'normal',
          beneficiaries: { description: '5号楼居民' }, location: { gridId: 'g5' }, requester: { name: '王五', phone: '13700002222' },
        })
        .expect(201)
    ).body.id;
    await h.post(`/needs/${needId}/list`, secretaryA).expect(200);
    const taskId = randomUUID();
    const handler = h.app.get(CommandHandler);
    const unit: Actor = { id: 'unit-contact-0', role: 'unit_contact', unitId: w.units[0] };
    const secretary: Actor = { id: 'secretary-a', role: 'community_secretary' };
    const run = (actor: Actor, type: task.TaskCommand['type'], data: Record<string, unknown>) =>
      handler.handle(task.decider, task.streamName(taskId), { type, data } as Pick<task.TaskCommand, 'type' | 'data'>, { actor, now: new Date(), correlationId: randomUUID() }, {
        communityId: () => w.communities[0],
      });
    const need = { needId, communityId: w.communities[0], status: 'listed' };
    await run(unit, 'ClaimNeed', { taskId, communityId: w.communities[0], need, title: '修理路灯', description: '更换灯泡', responsiblePerson: { name: '李四' } });
    await run(secretary, 'ConfirmTaskClaim', { taskId, deadline: new Date(Date.now() + 30 * 86_400_000).toISOString(), needs: [need] });
    if (verify) {
      await run(unit, 'ReportTaskProgress', { taskId, reportId: 'r1', summary: '已采购灯泡' });
      await run(unit, 'CompleteTask', { taskId, summary: '已更换', evidence: [{ kind: 'photo', uri: 'https://example.org/p.jpg' }] });
      await run(secretary, 'VerifyTask', { taskId });
    }
    return taskId;
  }

  beforeAll(async () => {
    h = await Harness.start('postgres');
    w = await h.world();
    secretaryA = await h.as('community_secretary', w.communities[0]);
    evaluatorA = await h.as('evaluator', w.communities[0]);
    unitA = await h.as('unit_contact', w.units[0]);
    memberA = await h.as('member', w.members[0]);
  });
  afterAll(() => h.close());

  it('runs a community round: ratings in every direction, results only after close', async () => {
    const opened = await h.post(`/communities/${w.communities[0]}/evaluation-rounds`, secretaryA, roundBody()).expect(201);
    expect(opened.body.events).toEqual(['EvaluationRoundOpened']);
    const roundId = opened.body.id;
    const rate = (token: string, body: Record<string, unknown>) => h.post(`/evaluation-rounds/${roundId}/ratings`, token, body);
    const taskId = await verifiedTask();

    await rate(secretaryA, { direction: 'community_to_unit', subject: { kind: 'unit', id: w.units[0] }, rating: 'satisfied', criterionScores: { 服务态度: 95 } }).expect(201);
    await rate(evaluatorA, { direction: 'community_to_unit', subject: { kind: 'unit', id: w.units[0] }, rating: 'dissatisfied', comment: '响应慢' }).expect(201);
    // a later rating by the same evaluator supersedes the earlier one
    const again = await rate(evaluatorA, { direction: 'community_to_unit', subject: { kind: 'unit', id: w.units[0] }, rating: 'basically_satisfied' }).expect(201);
    await rate(unitA, { direction: 'unit_to_community', subject: { kind: 'community', id: w.communities[0] }, rating: 'satisfied' }).expect(201);
    await rate(evaluatorA, { direction: 'resident_to_member', subject: { kind: 'member', id: w.members[0] }, rating: 'satisfied' }).expect(201);
    await rate(memberA, { direction: 'task_work', subject: { kind: 'task', id: taskId }, rating: 'satisfied' }).expect(201);
    await rate(unitA, { direction: 'task_coordination', subject: { kind: 'task', id: taskId }, rating: 'basically_satisfied' }).expect(201);

    const log = await h.store.readStream(`evaluationRound-${roundId}`);
    expect(log.find((e) => e.position === again.body.position)?.data).toMatchObject({ supersedesPrevious: true, evaluatorRole: 'evaluator' });
    expect(log.filter((e) => e.type === 'RatingSubmitted')).toHaveLength(7);

    const open = await h.get(`/evaluation-rounds/${roundId}`, secretaryA).expect(200);
    expect(open.body).toMatchObject({ status: 'open', ratingCount: 6, results: null, scope: { level: 'community', id: w.communities[0] } });

    await h.post(`/evaluation-rounds/${roundId}/close`, secretaryA).expect(200);
    const closed = await h.get(`/evaluation-rounds/${roundId}`, await h.as('auditor', w.districtId)).expect(200);
    expect(closed.body).toMatchObject({ status: 'closed', ratingCount: 6 });
    expect(closed.body.results.find((r: { direction: string }) => r.direction === 'community_to_unit')).toMatchObject({
      subject: { kind: 'unit', id: w.units[0] },
      counts: { satisfied: 1, basically_satisfied: 1, dissatisfied: 0 },
      total: 2,
      satisfactionRate: 1,
      meanCriterionScores: { 服务态度: 95 },
    });
    expect(closed.body.results.map((r: { direction: string }) => r.direction)).toEqual([
      'community_to_unit', 'unit_to_community', 'resident_to_member', 'task_work', 'task_coordination',
    ]);
    const late = await rate(evaluatorA, { direction: 'community_to_unit', subject: { kind: 'unit', id: w.units[0] }, rating: 'satisfied' }).expect(409);
    expect(late.body.code).toBe('ROUND.CLOSED');
    expect(await h.store.readStream(`evaluationRound-${roundId}`)).toHaveLength(log.length + 1);
  });

  it('lets the decider say who rates what: 403 for the wrong rater, 404/409 for a task that is unknown or not verified', async () => {
    const roundId = (await h.post(`/communities/${w.communities[0]}/evaluation-rounds`, secretaryA, roundBody()).expect(201)).body.id;
    const rate = (token: string, body: Record<string, unknown>) => h.post(`/evaluation-rounds/${roundId}/ratings`, token, body);
    const [unitB, evaluatorB] = [await h.as('unit_contact', w.units[1]), await h.as('evaluator', w.communities[1])];
    const head = await h.store.headPosition();
    expect((await rate(secretaryA, { direction: 'resident_to_member', subject: { kind: 'member', id: w.members[0] }, rating: 'satisfied' }).expect(403)).body.code).toBe(
      'ROUND.NOT_AN_EVALUATOR_FOR_DIRECTION',
    );
    expect((await rate(unitA, { direction: 'community_to_unit', subject: { kind: 'unit', id: w.units[0] }, rating: 'satisfied' }).expect(403)).body.code).toBe(
      'ROUND.NOT_AN_EVALUATOR_FOR_DIRECTION',
    );
    expect((await rate(memberA, { direction: 'task_work', subject: { kind: 'task', id: 'no-such-task' }, rating: 'satisfied' }).expect(404)).body.code).toBe('ROUND.TASK_NOT_FOUND');
    const unverified = await verifiedTask(false);
    const headAfterTask = await h.store.headPosition();
    expect((await rate(unitA, { direction: 'task_coordination', subject: { kind: 'task', id: unverified }, rating: 'satisfied' }).expect(409)).body.code).toBe(
      'ROUND.TASK_NOT_VERIFIED',
    );
    // a unit registered at another community is outside this round
    await rate(unitB, { direction: 'unit_to_community', subject: { kind: 'community', id: w.communities[0] }, rating: 'satisfied' }).expect(403);
    await rate(evaluatorB, { direction: 'community_to_unit', subject: { kind: 'unit', id: w.units[0] }, rating: 'satisfied' }).expect(403);
    expect(headAfterTask).toBeGreaterThan(head);
    expect(await h.store.headPosition()).toBe(headAfterTask);
  });

  it('validates rounds and ratings, naming the field and rule', async () => {
    const head = await h.store.headPosition();
    const bad = await h.post(`/communities/${w.communities[0]}/evaluation-rounds`, secretaryA, roundBody({ directions: ['sideways'], period: { kind: 'year', year: 1999 }, criteria: [''] })).expect(400);
    expect(fieldsOf(bad.body)).toEqual(expect.arrayContaining(['directions:isIn', 'period.year:min', 'criteria:isNotEmpty']));
    const custom = await h.post(`/communities/${w.communities[0]}/evaluation-rounds`, secretaryA, roundBody({ period: { kind: 'custom', label: '下半年', from: '2026-12-31T00:00:00Z', until: '2026-07-01T00:00:00Z' } })).expect(400);
    expect(custom.body.code).toBe('ROUND.INVALID_PERIOD');
    const roundId = (await h.post(`/communities/${w.communities[0]}/evaluation-rounds`, secretaryA, roundBody({ roundId: randomUUID() })).expect(201)).body.id;
    const afterOpen = await h.store.headPosition();
    const rate = (body: Record<string, unknown>) => h.post(`/evaluation-rounds/${roundId}/ratings`, secretaryA, body);
    expect(fieldsOf((await rate({ direction: 'community_to_unit', subject: { kind: 'planet', id: '' }, rating: 'great' }).expect(400)).body)).toEqual(
      expect.arrayContaining(['rating:isIn', 'subject.kind:isIn', 'subject.id:isNotEmpty']),
    );
    const unknown = await rate({ direction: 'community_to_unit', subject: { kind: 'unit', id: w.units[0] }, rating: 'satisfied', criterionScores: { 颜值: 80 } }).expect(400);
    expect(unknown.body).toMatchObject({ code: 'ROUND.UNKNOWN_CRITERION', errors: [{ field: 'criterionScores.颜值' }] });
    const score = await rate({ direction: 'community_to_unit', subject: { kind: 'unit', id: w.units[0] }, rating: 'satisfied', criterionScores: { 服务态度: 101 } }).expect(400);
    expect(score.body.code).toBe('ROUND.INVALID_SCORE');
    expect(await h.store.headPosition()).toBe(afterOpen);
    expect(afterOpen).toBe(head + 1);
    const dup = await h.post(`/communities/${w.communities[0]}/evaluation-rounds`, secretaryA, roundBody({ roundId })).expect(409);
    expect(dup.body.code).toBe('ROUND.ALREADY_OPENED');
    expect((await h.get(`/evaluation-rounds/${randomUUID()}`, secretaryA).expect(404)).body.code).toBe('ROUND.NOT_FOUND');
  });

  it('runs a street round: the street admin opens and closes it; raters name a community of the street', async () => {
    const streetAdmin = await h.as('street_admin', w.streets[0]);
    await h.post(`/streets/${w.streets[0]}/evaluation-rounds`, secretaryA, roundBody()).expect(403);
    await h.post(`/streets/${w.streets[0]}/evaluation-rounds`, await h.as('street_admin', w.streets[1]), roundBody()).expect(403);
    expect((await h.post(`/streets/nowhere/evaluation-rounds`, await h.as('street_admin', 'nowhere'), roundBody()).expect(404)).body.code).toBe('STREET.NOT_FOUND');
    const roundId = (await h.post(`/streets/${w.streets[0]}/evaluation-rounds`, streetAdmin, roundBody()).expect(201)).body.id;
    const rate = (token: string, body: Record<string, unknown>) => h.post(`/evaluation-rounds/${roundId}/ratings`, token, body);
    const toUnit = { direction: 'community_to_unit', subject: { kind: 'unit', id: w.units[0] }, rating: 'satisfied' };

    const missing = await rate(evaluatorA, toUnit).expect(400);
    expect(missing.body.errors[0]).toMatchObject({ field: 'communityId' });
    await rate(evaluatorA, { ...toUnit, communityId: w.communities[1] }).expect(403);
    await rate(await h.as('evaluator', w.communities[1]), { ...toUnit, communityId: w.communities[1] }).expect(403);
    const rated = await rate(evaluatorA, { ...toUnit, communityId: w.communities[0] }).expect(201);
    const [event] = (await h.store.readStream(`evaluationRound-${roundId}`)).filter((e) => e.position === rated.body.position);
    expect(event.metadata.communityId).toBe(w.communities[0]);
    await rate(unitA, { direction: 'unit_to_community', subject: { kind: 'street', id: w.streets[0] }, rating: 'basically_satisfied', communityId: w.communities[0] }).expect(201);
    // per-task ratings take the task's community
    await rate(memberA, { direction: 'task_work', subject: { kind: 'task', id: await verifiedTask() }, rating: 'satisfied' }).expect(201);

    await h.get(`/evaluation-rounds/${roundId}`, secretaryA).expect(403);
    await h.post(`/evaluation-rounds/${roundId}/close`, secretaryA).expect(403);
    await h.post(`/evaluation-rounds/${roundId}/close`, streetAdmin).expect(200);
    const read = await h.get(`/evaluation-rounds/${roundId}`, await h.as('district_admin', w.districtId)).expect(200);
    expect(read.body).toMatchObject({ status: 'closed', ratingCount: 3, scope: { level: 'street', id: w.streets[0] } });
    expect(read.body.results).toHaveLength(3);
  });
});
