import { randomUUID } from 'node:crypto';
import { startTaskFollowUps } from '../../apps/worker/src/task-follow-ups';
import { Harness, type World } from './harness';
import { needBody } from './authorization/examples/needs.examples';
import { assignment, inDays, pledgeBody } from './authorization/examples/workflow-fixtures';

describe('tasks (项目清单) over HTTP (real store, real auth)', () => {
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

  const listedNeed = async (community = 0, token = secretaryA) => {
    const id = (await h.post(`/communities/${w.communities[community]}/needs`, token, needBody()).expect(201)).body.id as string;
    await h.post(`/needs/${id}/list`, token).expect(200);
    return id;
  };
  const confirmedPledge = async (quantity = 100) => {
    const id = (await h.post(`/communities/${w.communities[0]}/pledges`, unit0, pledgeBody(w.units[0], { capacity: { quantity, measure: 'm2' } })).expect(201)).body
      .id as string;
    await h.post(`/pledges/${id}/confirm`, secretaryA, {}).expect(200);
    return id;
  };
  const types = async (stream: string) => (await h.store.readStream(stream)).map((e) => e.type);
  const form = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    h.post(`/communities/${w.communities[0]}/tasks`, secretaryA, { title: '为3号楼加装扶手', description: '共建单位出资出人', ...body }, headers);
  const assignedTask = async () => {
    const res = await form({ needIds: [await listedNeed()], assignment: assignment(w.units[0]) }).expect(201);
    return res.body.id as string;
  };

  it('forms a task at a joint meeting: reserves on the pledge, matches the need, records the task and the decision', async () => {
    const needId = await listedNeed();
    const pledgeId = await confirmedPledge();
    const meetingId = (
      await h.post(`/communities/${w.communities[0]}/meetings`, secretaryA, { title: '联席会议', scheduledAt: '2026-01-15T01:30:00Z', chairUnitId: w.units[0] }).expect(201)
    ).body.id;
    const res = await form({ needIds: [needId], allocations: [{ pledgeId, quantity: 30 }], meetingId, assignment: assignment(w.units[0]) }).expect(201);
    expect(res.body).toMatchObject({ revision: 1, events: ['TaskProposed', 'TaskAssigned'], replayed: false });
    const taskId = res.body.id;
    expect(await types(`pledge-${pledgeId}`)).toEqual(['ResourcePledged', 'PledgeListed', 'PledgeCapacityAllocated']);
    expect((await h.get(`/pledges/${pledgeId}`, secretaryA).expect(200)).body).toMatchObject({ status: 'partly_allocated', allocated: 30, remaining: 70 });
    expect((await h.get(`/needs/${needId}`, secretaryA).expect(200)).body.status).toBe('matched');
    const meeting = (await h.get(`/meetings/${meetingId}`, secretaryA).expect(200)).body;
    expect(meeting.decisions).toEqual([{ decisionId: `task-${taskId}`, kind: 'task_formed', taskId, pledgeId: null, summary: '为3号楼加装扶手' }]);
    const task = (await h.get(`/tasks/${taskId}`, unit0).expect(200)).body;
    expect(task).toMatchObject({
      status: 'assigned',
      meetingId,
      needIds: [needId],
      allocations: [{ allocationId: `${taskId}-a1`, pledgeId, quantity: 30, measure: 'm2' }],
      responsible: { kind: 'unit', unitId: w.units[0] },
      responsiblePerson: { name: '李四', phone: '13900001111' },
    });
    const evaluator = await h.as('evaluator', w.communities[0]);
    expect((await h.get(`/tasks/${taskId}`, evaluator).expect(200)).body.responsiblePerson).toEqual({ name: '李*', phone: '139****1111' });
    // every step carries the request's actor and correlation
    const pledgeEvent = (await h.store.readStream(`pledge-${pledgeId}`))[2];
    const taskEvent = (await h.store.readStream(`task-${taskId}`))[0];
    expect(pledgeEvent.metadata.correlationId).toBe(taskEvent.metadata.correlationId);
    expect(pledgeEvent.metadata.actor).toEqual(taskEvent.metadata.actor);
  });

  it('refuses capacity beyond the pledge and writes nothing to any stream (409, no task, no reservation made and undone)', async () => {
    const needId = await listedNeed();
    const roomy = await confirmedPledge(100);
    const small = await confirmedPledge(10);
    const meetingId = (
      await h.post(`/communities/${w.communities[0]}/meetings`, secretaryA, { title: '联席会议', scheduledAt: '2026-01-15T01:30:00Z', chairUnitId: w.units[0] }).expect(201)
    ).body.id;
    const taskId = randomUUID();
    const head = await h.store.headPosition();
    const res = await form({ taskId, needIds: [needId], meetingId, allocations: [{ pledgeId: roomy, quantity: 50 }, { pledgeId: small, quantity: 11 }] }).expect(409);
    expect(res.body.code).toBe('PLEDGE.CAPACITY_EXCEEDED');
    expect(await types(`pledge-${roomy}`)).toEqual(['ResourcePledged', 'PledgeListed']);
    expect(await types(`pledge-${small}`)).toEqual(['ResourcePledged', 'PledgeListed']);
    expect(await types(`need-${needId}`)).toEqual(['NeedSubmitted', 'NeedListed']);
    expect(await types(`meeting-${meetingId}`)).toEqual(['MeetingConvened']);
    expect(await h.store.streamExists(`task-${taskId}`)).toBe(false);
    expect(await h.store.headPosition()).toBe(head);
    expect((await h.get(`/pledges/${roomy}`, secretaryA).expect(200)).body.remaining).toBe(100);
  });

  it('two allocations from one pledge beyond what remains (150 + 150 of 180): 409 and the pledge stream untouched', async () => {
    const needId = await listedNeed();
    const pledgeId = await confirmedPledge(200);
    await form({ needIds: [await listedNeed()], allocations: [{ pledgeId, quantity: 20 }] }).expect(201);
    const before = (await h.store.readStream(`pledge-${pledgeId}`)).map((e) => e.id);
    const head = await h.store.headPosition();
    const res = await form({ needIds: [needId], allocations: [{ pledgeId, quantity: 150 }, { pledgeId, quantity: 150 }] }, { 'Idempotency-Key': randomUUID() }).expect(409);
    expect(res.body.code).toBe('PLEDGE.CAPACITY_EXCEEDED');
    expect((await h.store.readStream(`pledge-${pledgeId}`)).map((e) => e.id)).toEqual(before);
    expect(await h.store.headPosition()).toBe(head);
    // within what remains, both allocations land together
    const ok = await form({ needIds: [needId], allocations: [{ pledgeId, quantity: 90 }, { pledgeId, quantity: 90 }] }).expect(201);
    expect((await h.store.readStream(`pledge-${pledgeId}`)).filter((e) => e.data.taskId === ok.body.id).map((e) => e.type)).toEqual([
      'PledgeCapacityAllocated',
      'PledgeCapacityAllocated',
    ]);
    expect((await h.get(`/pledges/${pledgeId}`, secretaryA).expect(200)).body).toMatchObject({ status: 'exhausted', remaining: 0 });
  });

  it('stops before writing anything when a need is outside the community or not listed', async () => {
    const head = await h.store.headPosition();
    const elsewhere = await listedNeed(1, await h.as('community_secretary', w.communities[1]));
    const afterSetup = await h.store.headPosition();
    expect(afterSetup).toBeGreaterThan(head);
    expect((await form({ needIds: [elsewhere] }).expect(409)).body.code).toBe('TASK.NEED_OUTSIDE_COMMUNITY');
    const submitted = (await h.post(`/communities/${w.communities[0]}/needs`, secretaryA, needBody()).expect(201)).body.id;
    const mark = await h.store.headPosition();
    expect((await form({ needIds: [submitted] }).expect(409)).body.code).toBe('TASK.NEED_NOT_LISTED');
    expect(await h.store.headPosition()).toBe(mark);
  });

  it('answers a retried formation (same Idempotency-Key) with the original result, allocating once', async () => {
    const needId = await listedNeed();
    const pledgeId = await confirmedPledge();
    const key = randomUUID();
    const body = { needIds: [needId], allocations: [{ pledgeId, quantity: 40 }] };
    const first = await form(body, { 'Idempotency-Key': key }).expect(201);
    const head = await h.store.headPosition();
    const retry = await form(body, { 'Idempotency-Key': key }).expect(201);
    expect(retry.body).toEqual({ ...first.body, replayed: true });
    expect(await h.store.headPosition()).toBe(head);
    expect((await h.get(`/pledges/${pledgeId}`, secretaryA).expect(200)).body.allocated).toBe(40);
    expect((await form({ ...body, taskId: first.body.id }).expect(409)).body.code).toBe('TASK.ALREADY_EXISTS');
  });

  it('the responsible unit accepts, reports, completes; the community verifies and closes; others are refused', async () => {
    const taskId = await assignedTask();
    expect((await h.post(`/tasks/${taskId}/accept`, unit1).expect(403)).body.code).toBe('AUTH.OUT_OF_SCOPE');
    expect((await h.post(`/tasks/${taskId}/accept`, secretaryA).expect(403)).body.code).toBe('AUTH.ROLE_NOT_ALLOWED');
    await h.post(`/tasks/${taskId}/accept`, unit0).expect(200);
    expect((await h.post(`/tasks/${taskId}/accept`, unit0).expect(409)).body.code).toBe('TASK.ALREADY_ACCEPTED');
    await h.post(`/tasks/${taskId}/progress`, unit0, { reportId: 'r1', summary: '材料已采购', percentComplete: 40 }).expect(200);
    expect((await h.post(`/tasks/${taskId}/progress`, unit0, { reportId: 'r1', summary: '材料已采购', percentComplete: 40 }).expect(200)).body.events).toEqual([]);
    const noEvidence = await h.post(`/tasks/${taskId}/complete`, unit0, { summary: '已完成', evidence: [] }).expect(400);
    expect(noEvidence.body.errors[0]).toMatchObject({ field: 'evidence', rule: 'arrayMinSize' });
    await h.post(`/tasks/${taskId}/complete`, unit0, { summary: '已完成', evidence: [{ kind: 'photo', uri: 'https://files.example/a.jpg' }] }).expect(200);
    await h.post(`/tasks/${taskId}/reject-completion`, secretaryA, { reason: '扶手松动' }).expect(200);
    await h.post(`/tasks/${taskId}/complete`, unit0, { summary: '已加固', evidence: [{ kind: 'photo', uri: 'https://files.example/b.jpg' }] }).expect(200);
    await h.post(`/tasks/${taskId}/verify`, secretaryA, { note: '验收合格' }).expect(200);
    await h.post(`/tasks/${taskId}/rework`, secretaryA, { reason: '复查发现问题' }).expect(200);
    await h.post(`/tasks/${taskId}/complete`, unit0, { summary: '已整改', evidence: [{ kind: 'document', uri: 'https://files.example/c.pdf' }] }).expect(200);
    await h.post(`/tasks/${taskId}/verify`, secretaryA, {}).expect(200);
    await h.post(`/tasks/${taskId}/close`, secretaryA).expect(200);
    expect((await h.get(`/tasks/${taskId}`, secretaryA).expect(200)).body).toMatchObject({ status: 'closed', reworkCount: 2 });
  });

  it('the responsible unit declines with a reason', async () => {
    const taskId = await assignedTask();
    await h.post(`/tasks/${taskId}/decline`, unit0, { reason: '超出本单位能力' }).expect(200);
    expect((await h.get(`/tasks/${taskId}`, unit0).expect(200)).body).toMatchObject({ status: 'declined', reason: '超出本单位能力' });
  });

  it('deadline extensions: requested by the unit, granted or refused by the community', async () => {
    const taskId = await assignedTask();
    await h.post(`/tasks/${taskId}/accept`, unit0).expect(200);
    const requested = inDays(60);
    await h.post(`/tasks/${taskId}/extension-request`, unit0, { requestedDeadline: requested, reason: '材料到货延迟' }).expect(200);
    await h.post(`/tasks/${taskId}/extension/refuse`, secretaryA, { reason: '时间已足够' }).expect(200);
    expect((await h.post(`/tasks/${taskId}/extension/grant`, secretaryA, {}).expect(409)).body.code).toBe('TASK.NO_EXTENSION_PENDING');
    await h.post(`/tasks/${taskId}/extension-request`, unit0, { requestedDeadline: requested, reason: '材料到货延迟' }).expect(200);
    await h.post(`/tasks/${taskId}/extension/grant`, secretaryA, {}).expect(200);
    expect((await h.get(`/tasks/${taskId}`, secretaryA).expect(200)).body.deadline).toBe(requested);
  });

  it('escalates to a functional department, which accepts and resolves it; another department may not', async () => {
    const taskId = await assignedTask();
    const res = await h.post(`/tasks/${taskId}/escalate`, secretaryA, { to: { kind: 'department', departmentId: 'dep-housing' }, reason: '需住建部门协调' }).expect(200);
    expect(res.body.events).toEqual(['TaskEscalated']);
    const escalationId = (await h.get(`/tasks/${taskId}`, secretaryA).expect(200)).body.escalation.escalationId;
    const other = await h.as('department', 'dep-other');
    await h.post(`/tasks/${taskId}/escalations/${escalationId}/accept`, other).expect(403);
    const housing = await h.as('department', 'dep-housing');
    expect((await h.post(`/tasks/${taskId}/escalations/${escalationId}/resolve`, housing, { resolution: 'x' }).expect(409)).body.code).toBe(
      'TASK.ESCALATION_NOT_ACCEPTED',
    );
    await h.post(`/tasks/${taskId}/escalations/${escalationId}/accept`, housing).expect(200);
    await h.post(`/tasks/${taskId}/escalations/${escalationId}/resolve`, housing, { resolution: '已协调解决' }).expect(200);
    expect((await h.get(`/tasks/${taskId}`, secretaryA).expect(200)).body.escalation).toBeNull();
    const bad = await h.post(`/tasks/${taskId}/escalate`, secretaryA, { to: { kind: 'department' }, reason: 'x' }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toContain('to.departmentId');
  });

  it('escalates to the street, whose admin (and only it) accepts and resolves it', async () => {
    const taskId = await assignedTask();
    await h.post(`/tasks/${taskId}/escalate`, secretaryA, { escalationId: 'e-street', to: { kind: 'street', streetId: w.streets[0] }, reason: '跨社区协调' }).expect(200);
    await h.post(`/tasks/${taskId}/street-escalations/e-street/accept`, await h.as('street_admin', w.streets[1])).expect(403);
    await h.post(`/tasks/${taskId}/escalations/e-street/accept`, await h.as('department', 'dep-housing')).expect(403);
    const streetAdmin = await h.as('street_admin', w.streets[0]);
    await h.post(`/tasks/${taskId}/street-escalations/e-street/accept`, streetAdmin).expect(200);
    await h.post(`/tasks/${taskId}/street-escalations/e-street/resolve`, streetAdmin, { resolution: '街道协调解决' }).expect(200);
    expect(await types(`task-${taskId}`)).toEqual(['TaskProposed', 'TaskAssigned', 'TaskEscalated', 'TaskEscalationAccepted', 'TaskEscalationResolved']);
  });

  it('reassigns to another unit, which may then accept; cancels with a reason', async () => {
    const taskId = await assignedTask();
    // the new unit must be registered (双报到) at the task's community too (references stay inside their scope)
    const other = `u-other-${taskId}`;
    await h.registerUnit(other, w.communities[0]);
    await h.post(`/tasks/${taskId}/reassign`, secretaryA, { ...assignment(other), reason: '原单位无力完成' }).expect(200);
    await h.post(`/tasks/${taskId}/accept`, unit0).expect(403);
    await h.post(`/tasks/${taskId}/accept`, unit1).expect(403);
    await h.post(`/tasks/${taskId}/accept`, await h.as('unit_contact', other)).expect(200);
    await h.post(`/tasks/${taskId}/cancel`, secretaryA, { reason: '需求已由政府解决' }).expect(200);
    expect(await types(`task-${taskId}`)).toEqual(['TaskProposed', 'TaskAssigned', 'TaskReassigned', 'TaskAccepted', 'TaskCancelled']);
  });

  it('with the worker following the log, a cancelled task gives its capacity back and its need returns to the list', async () => {
    const needId = await listedNeed();
    const pledgeId = await confirmedPledge(10);
    const taskId = (await form({ needIds: [needId], allocations: [{ pledgeId, quantity: 10 }], assignment: assignment(w.units[0]) }).expect(201)).body.id;
    expect((await h.get(`/pledges/${pledgeId}`, secretaryA).expect(200)).body.status).toBe('exhausted');
    await h.post(`/tasks/${taskId}/cancel`, secretaryA, { reason: '需求已由政府解决' }).expect(200);
    const followUps = await startTaskFollowUps(h.store);
    try {
      await followUps.caughtUp();
    } finally {
      await followUps.stop();
    }
    expect((await h.get(`/pledges/${pledgeId}`, secretaryA).expect(200)).body).toMatchObject({ status: 'listed', remaining: 10 });
    expect((await h.get(`/needs/${needId}`, secretaryA).expect(200)).body.status).toBe('listed');
  });

  it('a proposed task is assigned later', async () => {
    const taskId = (await form({ needIds: [await listedNeed()] }).expect(201)).body.id;
    expect((await h.post(`/tasks/${taskId}/assign`, secretaryA, { ...assignment(w.units[0]), deadline: '2020-01-01T00:00:00Z' }).expect(400)).body.code).toBe(
      'TASK.DEADLINE_IN_PAST',
    );
    await h.post(`/tasks/${taskId}/assign`, secretaryA, assignment(w.units[0])).expect(200);
  });

  it('claims (认领): a unit contact claims a listed need; the community confirms (the need is matched) or rejects', async () => {
    const needId = await listedNeed();
    const claim = { title: '认领：加装扶手', description: '我单位出资出人', responsiblePerson: { name: '李四', phone: '13900001111' } };
    const taskId = (await h.post(`/needs/${needId}/claims`, unit0, claim).expect(201)).body.id;
    await h.post(`/needs/${needId}/claims`, unit1, claim).expect(403);
    const member = await h.as('member', w.members[0]);
    const rival = (await h.post(`/needs/${needId}/claims`, member, claim).expect(201)).body.id;
    await h.post(`/tasks/${taskId}/confirm-claim`, secretaryA, { deadline: inDays(30) }).expect(200);
    expect((await h.get(`/tasks/${taskId}`, unit0).expect(200)).body).toMatchObject({ status: 'accepted', responsible: { kind: 'unit', unitId: w.units[0] } });
    expect((await h.get(`/needs/${needId}`, secretaryA).expect(200)).body.status).toBe('matched');
    await h.post(`/tasks/${rival}/reject-claim`, secretaryA, { reason: '已由其他单位认领' }).expect(200);
    expect((await h.post(`/tasks/${rival}/confirm-claim`, secretaryA, { deadline: inDays(30) }).expect(409)).body.code).toBe('TASK.WRONG_STATUS');
    expect((await h.post(`/needs/${randomUUID()}/claims`, unit0, claim).expect(404)).body.code).toBe('NEED.NOT_FOUND');
  });

  it('names each failing field and rule of a formation, and writes nothing', async () => {
    const head = await h.store.headPosition();
    const res = await form({ needIds: [], allocations: [{ pledgeId: '', quantity: -1 }], assignment: { responsibleUnitId: 'u' } }).expect(400);
    const fields = res.body.errors.map((e: { field: string; rule: string }) => `${e.field}:${e.rule}`);
    expect(fields).toEqual(
      expect.arrayContaining(['needIds:arrayMinSize', 'allocations[0].pledgeId:isNotEmpty', 'allocations[0].quantity:isPositive', 'assignment.deadline:isInstant']),
    );
    expect(await h.store.headPosition()).toBe(head);
    await h.post(`/communities/${w.communities[1]}/tasks`, secretaryA, { title: 't', description: 'd', needIds: ['n'] }).expect(403);
  });
});
