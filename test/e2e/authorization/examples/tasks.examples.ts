import type { EndpointExample, ExampleContext } from '../endpoint-example';
import { aNeed } from './needs.examples';
import { aClaim, aPledge, assignment, aTask, inDays, once, type TaskStage } from './workflow-fixtures';

const task = (stage: TaskStage) => once(async (c: ExampleContext) => (await aTask(c, stage)).taskId);
const escalation = (stage: TaskStage) => once((c: ExampleContext) => aTask(c, stage));
const claim = () => once(aClaim);
const reasonOf = { reason: '情况有变' };
const on = (make: (c: ExampleContext) => Promise<string>, path: string, body: unknown = {}) => async (c: ExampleContext) => ({
  path: `/tasks/${await make(c)}/${path}`,
  body,
});

const proposedForAssign = task('proposed');
const assignedForReassign = task('assigned');
// escalated to the department the matrix grants in scope (dep-a): it reads the task like the community does
const escalatedForRead = task('escalated');
const escalated = escalation('escalated');
const escalatedToStreet = escalation('escalated_to_street');

/**
 * A second unit registered (双报到) at community A, made once per world: a reassignment must go to a
 * unit registered at the task's community (another community's unit is UNIT.NOT_REGISTERED_HERE).
 */
const secondUnits = new Map<string, Promise<string>>();
function secondUnitOfA(c: ExampleContext): Promise<string> {
  let made = secondUnits.get(c.world.districtId);
  if (!made) {
    const unitId = c.world.units[0].replace(/^u1-/, 'u3-');
    made = c.h.registerUnit(unitId, c.world.communities[0]).then(() => unitId);
    secondUnits.set(c.world.districtId, made);
  }
  return made;
}

const formed = once(async (c: ExampleContext) => ({ needId: await aNeed(c, true), pledgeId: await aPledge(c, true) }));

export const examples: EndpointExample[] = [
  {
    operation: 'POST /communities/{communityId}/tasks',
    prepare: async (c) => {
      const { needId, pledgeId } = await formed(c);
      return {
        path: `/communities/${c.world.communities[0]}/tasks`,
        body: { title: '加装扶手', description: '共建', needIds: [needId], allocations: [{ pledgeId, quantity: 1 }] },
      };
    },
  },
  {
    operation: 'POST /needs/{needId}/claims',
    prepare: async (c) => ({
      path: `/needs/${await aNeed(c, true)}/claims`,
      body: { title: '认领', description: '出资出人', responsiblePerson: { name: '李四' } },
    }),
  },
  { operation: 'POST /tasks/{taskId}/confirm-claim', prepare: on(claim(), 'confirm-claim', { deadline: inDays(30) }) },
  { operation: 'POST /tasks/{taskId}/reject-claim', prepare: on(claim(), 'reject-claim', reasonOf) },
  { operation: 'POST /tasks/{taskId}/assign', prepare: async (c) => on(proposedForAssign, 'assign', assignment(c.world.units[0]))(c) },
  { operation: 'POST /tasks/{taskId}/accept', prepare: on(task('assigned'), 'accept') },
  { operation: 'POST /tasks/{taskId}/decline', prepare: on(task('assigned'), 'decline', reasonOf) },
  { operation: 'POST /tasks/{taskId}/progress', prepare: on(task('accepted'), 'progress', { reportId: 'r1', summary: '材料已采购', percentComplete: 40 }) },
  {
    operation: 'POST /tasks/{taskId}/complete',
    prepare: on(task('accepted'), 'complete', { summary: '已完成', evidence: [{ kind: 'link', uri: 'https://files.example/x' }] }),
  },
  { operation: 'POST /tasks/{taskId}/extension-request', prepare: on(task('accepted'), 'extension-request', { requestedDeadline: inDays(90), reason: '延迟' }) },
  { operation: 'POST /tasks/{taskId}/verify', prepare: on(task('completed'), 'verify', { note: '合格' }) },
  { operation: 'POST /tasks/{taskId}/reject-completion', prepare: on(task('completed'), 'reject-completion', reasonOf) },
  { operation: 'POST /tasks/{taskId}/rework', prepare: on(task('verified'), 'rework', reasonOf) },
  { operation: 'POST /tasks/{taskId}/close', prepare: on(task('verified'), 'close') },
  { operation: 'POST /tasks/{taskId}/extension/grant', prepare: on(task('extension_requested'), 'extension/grant') },
  { operation: 'POST /tasks/{taskId}/extension/refuse', prepare: on(task('extension_requested'), 'extension/refuse', reasonOf) },
  {
    operation: 'POST /tasks/{taskId}/escalate',
    prepare: on(task('assigned'), 'escalate', { to: { kind: 'department', departmentId: 'dep-a' }, reason: '需协调' }),
  },
  {
    operation: 'POST /tasks/{taskId}/escalations/{escalationId}/accept',
    prepare: async (c) => {
      const t = await escalated(c);
      return { path: `/tasks/${t.taskId}/escalations/${t.escalationId}/accept`, scope: { departmentId: 'dep-a' } };
    },
  },
  {
    operation: 'POST /tasks/{taskId}/escalations/{escalationId}/resolve',
    prepare: async (c) => {
      // fresh each time: once resolved, the task has no escalation whose department could be in scope
      const t = await aTask(c, 'escalation_accepted');
      return { path: `/tasks/${t.taskId}/escalations/${t.escalationId}/resolve`, body: { resolution: '已协调解决' }, scope: { departmentId: 'dep-a' } };
    },
  },
  {
    operation: 'POST /tasks/{taskId}/street-escalations/{escalationId}/accept',
    prepare: async (c) => {
      const t = await escalatedToStreet(c);
      return { path: `/tasks/${t.taskId}/street-escalations/${t.escalationId}/accept` };
    },
  },
  {
    operation: 'POST /tasks/{taskId}/street-escalations/{escalationId}/resolve',
    prepare: async (c) => {
      const t = await aTask(c, 'street_escalation_accepted');
      return { path: `/tasks/${t.taskId}/street-escalations/${t.escalationId}/resolve`, body: { resolution: '街道协调解决' } };
    },
  },
  {
    operation: 'POST /tasks/{taskId}/reassign',
    prepare: async (c) => on(assignedForReassign, 'reassign', { ...assignment(await secondUnitOfA(c)), reason: '原单位无力完成' })(c),
  },
  { operation: 'POST /tasks/{taskId}/cancel', prepare: on(task('proposed'), 'cancel', reasonOf) },
  { operation: 'GET /tasks/{taskId}', prepare: async (c) => ({ path: `/tasks/${await escalatedForRead(c)}` }) },
];
