import type { RecordedEvent } from '@cobuild/event-store';
import type { DispatchAction, JobRule, JobSpec, RuleContext } from '../job-plan';
import { localHourOnDay } from '../local-time';
import { QUEUES } from '../queues';

/** The job a task reminder carries; the processor checks it against the task as it stands when it runs. */
export interface TaskReminderJob {
  taskId: string;
  communityId: string;
  /** `due-7d` … `due-today`: inbox reminders; `overdue`: mark the task overdue; `escalation-proposed`; `accept` */
  kind: string;
  /** the deadline this job was planned for (a job for an older deadline does nothing) */
  deadline: string | null;
  /** the log revision of the task event that planned it */
  revision: number;
}

export const TASK_REMINDER_JOB = 'task-reminder';
const DAY = 86_400_000;

/** `reminder/task-42/deadline`: every pending deadline job of a task, removed together when the deadline changes or the task ends */
export const deadlineGroup = (taskId: string) => `reminder/task-${taskId}/deadline`;
export const acceptGroup = (taskId: string) => `reminder/task-${taskId}/accept`;

/** events that set (or reset) a task's deadline and responsible party */
const SETS_DEADLINE = ['TaskAssigned', 'TaskClaimConfirmed', 'TaskReassigned', 'TaskDeadlineExtended'];
/** events after which no deadline job applies */
const ENDS = ['TaskCancelled', 'TaskDeclined', 'TaskVerified', 'TaskClosed'];
/** events after which the acceptance reminder no longer applies */
const ANSWERS_ASSIGNMENT = ['TaskAccepted', 'TaskDeclined', 'TaskCancelled', 'TaskReassigned'];

function job(e: RecordedEvent, group: string, kind: string, runAt: Date, deadline: string | null): DispatchAction {
  const d = e.data as { taskId: string; communityId: string };
  const spec: JobSpec = {
    queue: QUEUES.reminders,
    name: TASK_REMINDER_JOB,
    jobId: `${group}/${kind}/r${e.revision}`,
    group,
    runAt: runAt.toISOString(),
    data: { taskId: d.taskId, communityId: d.communityId, kind, deadline, revision: e.revision } satisfies TaskReminderJob,
  };
  return { kind: 'add', job: spec };
}

/**
 * The schedule of one deadline: reminders `reminderDays` before it (at `reminderHour` local time
 * on that local day), on its local day (if that hour is still before the deadline), overdue
 * marking at the deadline, and a proposed escalation to the street `escalateAfterDays` after.
 * Reminders whose time had already passed when the deadline was set are not planned.
 */
export function deadlineSchedule(deadline: string, setAt: string, context: RuleContext): Array<{ kind: string; runAt: Date }> {
  const { settings, timeZone } = context;
  const due = Date.parse(deadline);
  const from = Date.parse(setAt);
  const plan: Array<{ kind: string; runAt: Date }> = [];
  for (const days of [...new Set(settings.reminderDays)].sort((a, b) => b - a)) {
    plan.push({ kind: `due-${days}d`, runAt: localHourOnDay(deadline, -days, settings.reminderHour, timeZone) });
  }
  const today = localHourOnDay(deadline, 0, settings.reminderHour, timeZone);
  if (today.getTime() < due) plan.push({ kind: 'due-today', runAt: today });
  plan.push({ kind: 'overdue', runAt: new Date(due) });
  plan.push({ kind: 'escalation-proposed', runAt: new Date(due + settings.escalateAfterDays * DAY) });
  return plan.filter((p) => p.runAt.getTime() > from || p.kind === 'overdue' || p.kind === 'escalation-proposed');
}

/** Task deadlines and assignments → reminder jobs (domain.md, "Reminders and escalation"). */
export const taskRemindersRule: JobRule = {
  name: 'task-reminders',
  filter: { categories: ['task'], eventTypes: [...new Set([...SETS_DEADLINE, ...ENDS, ...ANSWERS_ASSIGNMENT])] },
  plan(e, context) {
    const d = e.data as { taskId: string; deadline?: string };
    const actions: DispatchAction[] = [];
    if (ANSWERS_ASSIGNMENT.includes(e.type)) actions.push({ kind: 'removeGroup', queue: QUEUES.reminders, group: acceptGroup(d.taskId) });
    if (ENDS.includes(e.type) || SETS_DEADLINE.includes(e.type))
      actions.push({ kind: 'removeGroup', queue: QUEUES.reminders, group: deadlineGroup(d.taskId) });
    if (SETS_DEADLINE.includes(e.type) && d.deadline) {
      for (const p of deadlineSchedule(d.deadline, e.metadata.occurredAt, context)) actions.push(job(e, deadlineGroup(d.taskId), p.kind, p.runAt, d.deadline));
    }
    if (e.type === 'TaskAssigned' || e.type === 'TaskReassigned') {
      const at = new Date(Date.parse(e.metadata.occurredAt) + context.settings.acceptWithinDays * DAY);
      actions.push(job(e, acceptGroup(d.taskId), 'accept', at, d.deadline ?? null));
    }
    return actions;
  },
};
