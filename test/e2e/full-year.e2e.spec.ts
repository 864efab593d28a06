import { CLOCK, type Clock } from '../../apps/common/src/clock';
import { startTaskFollowUps } from '../../apps/worker/src/task-follow-ups';
import { SqlEventStore } from '@cobuild/event-store';
import { ALL_PROJECTIONS, ProjectionEngine, ReadStore } from '@cobuild/projections';
import { needBody } from './authorization/examples/needs.examples';
import { Harness, type World } from './harness';

/**
 * A year of one community over HTTP on PostgreSQL: units and members register, needs are
 * collected and listed, units pledge, a joint meeting forms tasks, the unit accepts, reports and
 * completes, the community verifies, a notice is published and objected to, and a round of two-way
 * evaluation runs and closes. The worker's task follow-ups run too. Every response is asserted,
 * and the lists at the end. The year runs on both SQL stores: the PostgreSQL server and the
 * embedded PGlite (`npm start`'s default).
 */
describe.each(['postgres', 'embedded'] as const)('a year of one community (%s store)', (kind) => {
  let h: Harness;
  let w: World;
  let clock: Clock;
  let today: Date;
  const at = (days: number) => new Date(today.getTime() + days * 86_400_000);
  const travel = (days: number) => jest.spyOn(clock, 'now').mockReturnValue(at(days));

  beforeAll(async () => {
    h = await Harness.start(kind);
    w = await h.world();
    clock = h.app.get<Clock>(CLOCK);
    today = new Date('2026-03-02T01:00:00.000Z'); // a Monday, 09:00 in Shanghai
    travel(0);
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await h.close();
  });

  it('runs the whole workflow and ends with the lists as they should be', async () => {
    const A = w.communities[0];
    const secretary = await h.as('community_secretary', A);
    const unitNew = 'u-hospital';
    const unitContact = await h.as('unit_contact', unitNew);
    const evaluator = await h.as('evaluator', A);
    const memberId = 'm-li';
    const member = await h.as('member', memberId);

    // 双报到: a hospital reports to the community; an in-service member registers where she lives
    const unitReg = await h
      .post(`/communities/${A}/units`, secretary, {
        unitId: unitNew,
        unitName: '区人民医院',
        partyOrganisationName: '区人民医院党委',
        contactPerson: { name: '赵医生', phone: '13600001111' },
        superiorDepartment: '区卫健委',
      })
      .expect(201);
    expect(unitReg.body.events).toEqual(['UnitRegistered']);
    const memberReg = await h
      .post(`/communities/${A}/members`, member, { memberId, name: '李护士', phone: '13500002222', homeUnitId: unitNew, skills: ['护理', '急救'] })
      .expect(201);
    expect(memberReg.body.events).toEqual(['MemberRegistered']);

    // 需求清单: three needs collected, two listed, one rejected with a reason
    const needs: string[] = [];
    for (const title of ['老年人健康讲座', '楼道急救包配置', '修缮篮球场']) {
      const r = await h.post(`/communities/${A}/needs`, secretary, needBody({ title, urgency: title === '楼道急救包配置' ? 'urgent' : 'normal' })).expect(201);
      needs.push(r.body.id);
    }
    await h.post(`/needs/${needs[0]}/list`, secretary).expect(200);
    await h.post(`/needs/${needs[1]}/list`, secretary).expect(200);
    const rejected = await h.post(`/needs/${needs[2]}/reject`, secretary, { reason: '属于街道体育设施改造项目' }).expect(200);
    expect(rejected.body.events).toEqual(['NeedRejected']);

    // 资源清单: the hospital pledges a lecture hall and volunteer hours; the community confirms both
    const venue = await h
      .post(`/communities/${A}/pledges`, unitContact, {
        pledger: { kind: 'unit', unitId: unitNew },
        type: 'venue',
        description: '门诊楼报告厅',
        capacity: { quantity: 200, measure: 'm2' },
        availability: { from: at(0).toISOString(), until: at(300).toISOString() },
        contact: { name: '赵医生', phone: '13600001111' },
      })
      .expect(201);
    const hours = await h
      .post(`/communities/${A}/pledges`, unitContact, {
        pledger: { kind: 'unit', unitId: unitNew },
        type: 'volunteers',
        description: '医护志愿服务',
        capacity: { quantity: 40, measure: 'volunteer-hours' },
        availability: { from: at(0).toISOString(), until: at(300).toISOString() },
        contact: { name: '赵医生', phone: '13600001111' },
      })
      .expect(201);
    for (const p of [venue.body.id, hours.body.id]) await h.post(`/pledges/${p}/confirm`, secretary, {}).expect(200);

    // 联席会议: convened, held a day later, forms two tasks from the needs and the pledges
    const meeting = await h
      .post(`/communities/${A}/meetings`, secretary, { title: '2026年第一季度党建联席会议', scheduledAt: at(1).toISOString(), location: '社区党群服务中心', chairUnitId: unitNew })
      .expect(201);
    travel(1);
    await h.post(`/meetings/${meeting.body.id}/attendance`, secretary, { attendees: [{ name: '赵医生', unitId: unitNew }, { name: '社区书记' }] }).expect(200);
    const assignment = (days: number) => ({ responsibleUnitId: unitNew, responsiblePerson: { name: '赵医生', phone: '13600001111' }, deadline: at(days).toISOString() });
    const lecture = await h
      .post(`/communities/${A}/tasks`, secretary, {
        title: '老年人健康讲座',
        description: '每月一次，在医院报告厅',
        needIds: [needs[0]],
        allocations: [{ pledgeId: venue.body.id, quantity: 120 }, { pledgeId: hours.body.id, quantity: 10 }],
        meetingId: meeting.body.id,
        assignment: assignment(60),
      })
      .expect(201);
    const kits = await h
      .post(`/communities/${A}/tasks`, secretary, {
        title: '楼道急救包配置与培训',
        description: '配置急救包并培训楼长',
        needIds: [needs[1]],
        allocations: [{ pledgeId: hours.body.id, quantity: 30 }],
        meetingId: meeting.body.id,
        assignment: assignment(30),
      })
      .expect(201);
    // capacity never goes past what was pledged: 10 + 30 of 40 hours are taken
    const over = await h
      .post(`/communities/${A}/tasks`, secretary, { title: '再多一点', description: 'x', needIds: [needs[1]], allocations: [{ pledgeId: hours.body.id, quantity: 1 }], assignment: assignment(30) })
      .expect(409);
    expect(over.body.code).toBe('PLEDGE.CAPACITY_EXCEEDED');
    for (const t of [lecture.body.id, kits.body.id])
      await h.post(`/meetings/${meeting.body.id}/decisions`, secretary, { kind: 'task_formed', taskId: t, summary: '形成项目' }).expect(200);
    await h.post(`/meetings/${meeting.body.id}/close`, secretary, { minutes: '会议形成两个共建项目' }).expect(200);
    // 公示 of the three lists right after the meeting (both tasks weeks before their deadlines)
    const listsNotice = await h.post(`/communities/${A}/notices`, secretary, { kind: 'periodic_lists', title: '2026年3月三张清单公示' }).expect(201);

    // the unit accepts, reports and completes; the community verifies
    for (const t of [lecture.body.id, kits.body.id]) {
      await h.post(`/tasks/${t}/accept`, unitContact, {}).expect(200);
      await h.post(`/tasks/${t}/progress`, unitContact, { summary: '已完成一半', percentComplete: 50 }).expect(200);
    }
    travel(20);
    for (const t of [lecture.body.id, kits.body.id]) {
      await h.post(`/tasks/${t}/complete`, unitContact, { summary: '已完成', evidence: [{ kind: 'photo', uri: 'https://example.org/p.jpg' }] }).expect(200);
      const verified = await h.post(`/tasks/${t}/verify`, secretary, { note: '验收合格' }).expect(200);
      expect(verified.body.events).toContain('TaskVerified');
    }

    // 公示: a notice of the completions, objected to by a resident and answered; closed after its period
    const notice = await h.post(`/communities/${A}/notices`, secretary, { kind: 'completions', title: '2026年一季度项目完成情况公示' }).expect(201);
    const objection = await h.post(`/public/notices/${notice.body.id}/objections`, null, { text: '急救包数量不够，请说明', contact: '13900009999' }).expect(201);
    const board = await h.get(`/public/communities/${A}/notices`, null).expect(200);
    expect(JSON.stringify(board.body)).toContain('2026年一季度项目完成情况公示');
    expect(JSON.stringify(board.body)).not.toContain('13900009999');
    await h.post(`/notices/${notice.body.id}/objections/${objection.body.objectionId ?? objection.body.id}/answer`, secretary, { answer: '每栋楼一个，另有备用' }).expect(200);
    travel(40);
    await h.post(`/notices/${notice.body.id}/close`, secretary, {}).expect(200);

    // 双向评价: a community round, ratings both ways, closed with results
    const round = await h
      .post(`/communities/${A}/evaluation-rounds`, secretary, { period: { kind: 'year', year: 2026 }, directions: ['community_to_unit', 'unit_to_community'], criteria: ['服务态度'] })
      .expect(201);
    await h.post(`/evaluation-rounds/${round.body.id}/ratings`, evaluator, { direction: 'community_to_unit', subject: { kind: 'unit', id: unitNew }, rating: 'satisfied', criterionScores: { 服务态度: 96 } }).expect(201);
    await h.post(`/evaluation-rounds/${round.body.id}/ratings`, unitContact, { direction: 'unit_to_community', subject: { kind: 'community', id: A }, rating: 'basically_satisfied' }).expect(201);
    travel(300);
    await h.post(`/evaluation-rounds/${round.body.id}/close`, secretary, {}).expect(200);
    const results = await h.get(`/evaluation-rounds/${round.body.id}`, secretary).expect(200);
    expect(JSON.stringify(results.body)).toContain(unitNew);
    const yearEndNotice = await h.post(`/communities/${A}/notices`, secretary, { kind: 'periodic_lists', title: '2026年度三张清单公示' }).expect(201);

    // each notice's lists and the auditor's lists as of the notice's position are one document:
    // the same rows, fields and order, computed at the same instant, folded from the events the notice's digest pins
    const auditor = await h.as('auditor', w.districtId);
    const noticeIds = [listsNotice.body.id, notice.body.id, yearEndNotice.body.id];
    const published: Record<string, { at: string; lists: Record<string, { items: Array<Record<string, unknown>> }> }> = {};
    for (const id of noticeIds) {
      const { logPosition, digest } = (await h.get(`/public/notices/${id}`, null).expect(200)).body;
      const shown = (await h.get(`/public/notices/${id}/lists`, null).expect(200)).body;
      expect({ position: shown.position, digest: shown.digest }).toEqual({ position: Number(logPosition), digest });
      expect(Object.keys(shown.lists).length).toBeGreaterThan(0);
      for (const [name, list] of Object.entries(shown.lists as Record<string, { items: unknown[]; total: number; counts: Record<string, number> }>)) {
        const asOf = (await h.get(`/communities/${A}/lists/${name}?asOfPosition=${logPosition}&limit=200`, auditor).expect(200)).body;
        expect(asOf.asOf).toEqual({ position: Number(logPosition), at: shown.at, digest });
        expect(JSON.stringify(asOf.items)).toBe(JSON.stringify(list.items));
        expect({ total: asOf.total, counts: asOf.counts }).toEqual({ total: list.total, counts: list.counts });
        if (name === 'tasks') expect(asOf.now).toBe(shown.at);
      }
      published[id] = shown;
    }
    // the March notice: computed at its moment (day 1), not at today's clock — both tasks weeks before their deadlines
    const march = published[listsNotice.body.id];
    expect(march.at).toBe(at(1).toISOString());
    const standing = (t: Record<string, unknown>) => ({ title: t.title, overdue: t.overdue, daysToDeadline: t.daysToDeadline, daysOverdue: t.daysOverdue });
    expect(march.lists.tasks.items.map(standing)).toEqual([
      { title: '楼道急救包配置与培训', overdue: false, daysToDeadline: 29, daysOverdue: null },
      { title: '老年人健康讲座', overdue: false, daysToDeadline: 59, daysOverdue: null },
    ]);
    expect(published[yearEndNotice.body.id].at).toBe(at(300).toISOString());

    // the worker applies the follow-ups of the verified tasks (the needs learn they are fulfilled)
    const followUps = await startTaskFollowUps(h.store);
    try {
      await followUps.caughtUp();
    } finally {
      await followUps.stop();
    }

    // the lists at the end of the year
    const needStates = await Promise.all(needs.map(async (id) => (await h.get(`/needs/${id}`, secretary).expect(200)).body.status));
    expect(needStates).toEqual(['fulfilled', 'fulfilled', 'rejected']);
    const pledgeStates = await Promise.all(
      [venue.body.id, hours.body.id].map(async (id) => (await h.get(`/pledges/${id}`, secretary).expect(200)).body),
    );
    expect(JSON.stringify(pledgeStates[0])).toContain('120');
    const taskStates = await Promise.all([lecture.body.id, kits.body.id].map(async (id) => (await h.get(`/tasks/${id}`, secretary).expect(200)).body.status));
    expect(taskStates).toEqual(['verified', 'verified']);
    const verify = await h.get(`/audit/streams/task-${lecture.body.id}/timeline`, await h.as('auditor', w.districtId)).expect(200);
    expect(verify.body.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['TaskAccepted', 'TaskCompleted', 'TaskVerified']));

    // the read models after the year: the three lists as the community sees them
    await h.projected();
    const lists = async (name: string) => (await h.get(`/communities/${A}/lists/${name}`, secretary).expect(200)).body;
    const needsList = await lists('needs');
    expect(needsList.counts).toEqual({ fulfilled: 2, rejected: 1 });
    expect(needsList.items.map((n: { title: string }) => n.title)).toEqual(expect.arrayContaining(['老年人健康讲座', '楼道急救包配置']));
    const resources = await lists('resources');
    const remaining = Object.fromEntries(resources.items.map((r: { description: string; capacity: { remaining: number } }) => [r.description, r.capacity.remaining]));
    expect(remaining).toEqual({ 门诊楼报告厅: 80, 医护志愿服务: 0 });
    // the notices list resources in the live list's order (newest pledged first)
    expect(march.lists.resources.items.map((r) => r.id)).toEqual(resources.items.map((r: { id: string }) => r.id));
    const tasksList = await lists('tasks');
    expect(tasksList.counts).toEqual({ verified: 2 });
    expect(JSON.stringify(tasksList)).not.toContain('13600001111'); // the responsible person's phone is masked
    // a rebuild of every read model from the log gives the same rows
    const read = h.app.get(ReadStore);
    const live = await Promise.all(ALL_PROJECTIONS.map((p) => read.all(p)));
    const engine = new ProjectionEngine(h.store as SqlEventStore, read, ALL_PROJECTIONS);
    await engine.requestRebuild();
    await engine.catchUp();
    expect(await Promise.all(ALL_PROJECTIONS.map((p) => read.all(p)))).toEqual(live);
  });
});
