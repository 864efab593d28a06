import type { RecordedEvent } from '@cobuild/event-store';
import { DEFAULT_JOB_SETTINGS, type DispatchAction, type JobSpec } from '../job-plan';
import { taskRemindersRule } from './task-reminders.rule';

const context = { timeZone: 'Asia/Shanghai', settings: DEFAULT_JOB_SETTINGS };
const event = (type: string, revision: number, occurredAt: string, data: Record<string, unknown>): RecordedEvent =>
  ({ id: `e${revision}`, type, streamId: 'task-42', revision, position: 100 + revision, data: { taskId: '42', communityId: 'c1', ...data }, metadata: { occurredAt } }) as unknown as RecordedEvent;
const adds = (a: DispatchAction[]) => a.filter((x): x is { kind: 'add'; job: JobSpec } => x.kind === 'add').map((x) => [x.job.jobId, x.job.runAt]);
const removes = (a: DispatchAction[]) => a.filter((x) => x.kind === 'removeGroup').map((x) => (x as { group: string }).group);

describe('task reminders rule', () => {
  // due 2026-12-10 18:00 Shanghai (10:00Z), assigned 2026-11-20 10:00 Shanghai
  const assigned = event('TaskAssigned', 3, '2026-11-20T02:00:00.000Z', { deadline: '2026-12-10T10:00:00.000Z', responsible: { kind: 'unit', unitId: 'u1' } });

  it('plans 7, 3 and 1 days before at 09:00 local, on the day, overdue at the deadline, escalation 7 days after, acceptance after 3 days', () => {
    const actions = taskRemindersRule.plan(assigned, context);
    expect(removes(actions)).toEqual(['reminder/task-42/deadline']);
    expect(adds(actions)).toEqual([
      ['reminder/task-42/deadline/due-7d/r3', '2026-12-03T01:00:00.000Z'],
      ['reminder/task-42/deadline/due-3d/r3', '2026-12-07T01:00:00.000Z'],
      ['reminder/task-42/deadline/due-1d/r3', '2026-12-09T01:00:00.000Z'],
      ['reminder/task-42/deadline/due-today/r3', '2026-12-10T01:00:00.000Z'],
      ['reminder/task-42/deadline/overdue/r3', '2026-12-10T10:00:00.000Z'],
      ['reminder/task-42/deadline/escalation-proposed/r3', '2026-12-17T10:00:00.000Z'],
      ['reminder/task-42/accept/accept/r3', '2026-11-23T02:00:00.000Z'],
    ]);
  });

  it('gives the same ids on a replay', () => {
    expect(taskRemindersRule.plan(assigned, context)).toEqual(taskRemindersRule.plan(assigned, context));
  });

  it('follows the configured days and skips reminders whose time has passed', () => {
    const late = event('TaskAssigned', 3, '2026-12-08T02:00:00.000Z', { deadline: '2026-12-10T00:30:00.000Z' });
    const actions = taskRemindersRule.plan(late, { ...context, settings: { ...DEFAULT_JOB_SETTINGS, reminderDays: [1, 5] } });
    // 5 days before has passed; the deadline is at 08:30 local, before the 09:00 reminder hour: no "on the day"
    expect(adds(actions).map(([id]) => id)).toEqual([
      'reminder/task-42/deadline/due-1d/r3',
      'reminder/task-42/deadline/overdue/r3',
      'reminder/task-42/deadline/escalation-proposed/r3',
      'reminder/task-42/accept/accept/r3',
    ]);
  });

  it('replaces the pending reminders when the deadline moves', () => {
    const extended = event('TaskDeadlineExtended', 7, '2026-12-01T02:00:00.000Z', { previousDeadline: '2026-12-10T10:00:00.000Z', deadline: '2026-12-20T10:00:00.000Z' });
    const actions = taskRemindersRule.plan(extended, context);
    expect(actions[0]).toEqual({ kind: 'removeGroup', queue: 'reminders', group: 'reminder/task-42/deadline' });
    expect(adds(actions)[0]).toEqual(['reminder/task-42/deadline/due-7d/r7', '2026-12-13T01:00:00.000Z']);
  });

  it('removes the pending reminders when the task is cancelled, and the acceptance reminder once accepted', () => {
    expect(taskRemindersRule.plan(event('TaskCancelled', 9, '2026-12-01T00:00:00Z', { reason: 'x' }), context)).toEqual([
      { kind: 'removeGroup', queue: 'reminders', group: 'reminder/task-42/accept' },
      { kind: 'removeGroup', queue: 'reminders', group: 'reminder/task-42/deadline' },
    ]);
    expect(taskRemindersRule.plan(event('TaskAccepted', 4, '2026-11-21T00:00:00Z', {}), context)).toEqual([
      { kind: 'removeGroup', queue: 'reminders', group: 'reminder/task-42/accept' },
    ]);
  });

  it('reassignment replaces both schedules', () => {
    const actions = taskRemindersRule.plan(event('TaskReassigned', 5, '2026-11-25T00:00:00Z', { deadline: '2026-12-10T10:00:00.000Z' }), context);
    expect(removes(actions)).toEqual(['reminder/task-42/accept', 'reminder/task-42/deadline']);
    expect(adds(actions).map(([id]) => id)).toContain('reminder/task-42/accept/accept/r5');
  });
});
