import { Harness, type World } from './harness';
import { needBody } from './authorization/examples/needs.examples';
import { assignment } from './authorization/examples/workflow-fixtures';

/**
 * Roles see what they act on: a functional department to which a task is escalated reads the task
 * and its timeline (it accepts and resolves the case), finds the case in its inbox (work queue), and
 * keeps reading it after resolving; another department reads none of it.
 */
describe('a functional department reads the tasks escalated to it, over HTTP (real store, real auth)', () => {
  let h: Harness;
  let w: World;
  beforeAll(async () => {
    h = await Harness.start('embedded');
    w = await h.world();
  });
  afterAll(() => h.close());

  it('reads the task, its timeline and its inbox entry; another department does not', async () => {
    const secretary = await h.as('community_secretary', w.communities[0]);
    const needId = (await h.post(`/communities/${w.communities[0]}/needs`, secretary, needBody()).expect(201)).body.id;
    await h.post(`/needs/${needId}/list`, secretary).expect(200);
    const taskId = (
      await h.post(`/communities/${w.communities[0]}/tasks`, secretary, { title: '加装扶手', description: '需住建审批', needIds: [needId], assignment: assignment(w.units[0]) }).expect(201)
    ).body.id;
    const housing = await h.as('department', 'dep-housing');
    const water = await h.as('department', 'dep-water');

    // before the escalation the department has nothing to do with the task
    await h.get(`/tasks/${taskId}`, housing).expect(403);
    await h.get(`/audit/streams/task-${taskId}/timeline`, housing).expect(403);

    await h.post(`/tasks/${taskId}/escalate`, secretary, { escalationId: 'e1', to: { kind: 'department', departmentId: 'dep-housing' }, reason: '需住建部门审批' }).expect(200);
    const read = await h.get(`/tasks/${taskId}`, housing).expect(200);
    expect(read.body).toMatchObject({ taskId, status: 'assigned', escalation: { escalationId: 'e1', to: { kind: 'department', departmentId: 'dep-housing' }, accepted: false } });
    expect(read.body.responsiblePerson).toEqual({ name: '李*', phone: '139****1111' }); // not its personal data to see whole
    const timeline = await h.get(`/audit/streams/task-${taskId}/timeline`, housing).expect(200);
    expect(timeline.body.map((e: { type: string }) => e.type)).toEqual(['TaskProposed', 'TaskAssigned', 'TaskEscalated']);
    await h.get(`/tasks/${taskId}`, water).expect(403);
    await h.get(`/audit/streams/task-${taskId}/timeline`, water).expect(403);
    await h.get(`/audit/streams/need-${needId}/timeline`, housing).expect(403); // only the escalated task's own stream

    // its work queue (inbox) lists the case
    await h.projected();
    const inbox = await h.get('/inbox', housing).expect(200);
    expect(inbox.body.items).toEqual([expect.objectContaining({ type: 'TaskEscalated', taskId, for: { kind: 'department', id: 'dep-housing' } })]);
    expect((await h.get('/inbox', water).expect(200)).body.items).toEqual([]);

    // accepts and resolves, and still reads what it resolved
    await h.post(`/tasks/${taskId}/escalations/e1/accept`, housing).expect(200);
    await h.post(`/tasks/${taskId}/escalations/e1/resolve`, housing, { resolution: '已批复' }).expect(200);
    expect((await h.get(`/tasks/${taskId}`, housing).expect(200)).body.escalation).toBeNull();
    const after = await h.get(`/audit/streams/task-${taskId}/timeline`, housing).expect(200);
    expect(after.body.map((e: { type: string }) => e.type).slice(-2)).toEqual(['TaskEscalationAccepted', 'TaskEscalationResolved']);
  });
});
