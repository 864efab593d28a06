import type { LogFilter, RecordedEvent } from '@cobuild/event-store';

/**
 * What the dispatcher does for one event: add jobs and remove pending ones. Rules produce these
 * from the event alone (pure), so replaying the log produces the same actions with the same ids.
 */
export interface JobSpec {
  /** a queue of QUEUES */
  queue: string;
  /** the job kind (the processor registered for it handles the job) */
  name: string;
  /**
   * Deterministic: derived from the source event (its stream and revision), never random, so a
   * replay or retry of the dispatcher adds nothing twice (BullMQ ignores a job id it already holds).
   * Parts are separated by `/` (BullMQ refuses `:` in custom ids), e.g. `reminder/task-42/due-3d/r7`;
   * no spaces; a grouped job's id starts with `${group}/`.
   */
  jobId: string;
  /** the pending jobs this one belongs to (e.g. `reminder/task-42`): removed together by `removeGroup` */
  group: string | null;
  /** when the job should run (ISO instant, by the job clock); null: at once */
  runAt: string | null;
  data: Record<string, unknown>;
}

export type DispatchAction =
  | { kind: 'add'; job: JobSpec }
  /** remove every pending (waiting or delayed) job of the group; running ones finish and see for themselves */
  | { kind: 'removeGroup'; queue: string; group: string };

export interface RuleContext {
  /** the communities' time zone (COBUILD_TIME_ZONE) */
  timeZone: string;
  /** the jobs' settings (reminder days and windows) */
  settings: JobSettings;
}

export interface JobSettings {
  /** days before a task's deadline to remind its responsible party (default 7, 3, 1) */
  reminderDays: number[];
  /** local hour (0–23) at which day-based reminders go out (default 9) */
  reminderHour: number;
  /** days overdue after which escalation to the street is proposed (default 7) */
  escalateAfterDays: number;
  /** days an assignment may wait for acceptance before the unit is reminded (default 3) */
  acceptWithinDays: number;
  /** days before an evaluation round closes to remind evaluators who have not rated (default 3) */
  ratingReminderDays: number;
  /** local date (MM-DD) by which units and members with nothing done this year are reminded (default 12-01) */
  yearEndReminderDate: string;
}

export const DEFAULT_JOB_SETTINGS: JobSettings = {
  reminderDays: [7, 3, 1],
  reminderHour: 9,
  escalateAfterDays: 7,
  acceptWithinDays: 3,
  ratingReminderDays: 3,
  yearEndReminderDate: '12-01',
};

/** Turns events into dispatch actions. Pure: no I/O, no clock (the dispatcher owns time). */
export interface JobRule {
  /** for logs and errors */
  name: string;
  /** which events the rule looks at (the dispatcher subscribes to the union of all rules' filters) */
  filter: { categories: string[]; eventTypes?: string[] };
  plan(event: RecordedEvent, context: RuleContext): DispatchAction[];
}

/** The log filter covering every rule (categories only when any rule takes a whole category). */
export function filterOf(rules: readonly JobRule[]): LogFilter {
  const categories = [...new Set(rules.flatMap((r) => r.filter.categories))];
  const anyWhole = rules.some((r) => !r.filter.eventTypes);
  return anyWhole ? { categories } : { categories, eventTypes: [...new Set(rules.flatMap((r) => r.filter.eventTypes!))] };
}

/** Every action of every rule that takes the event, in rule order. */
export function planFor(rules: readonly JobRule[], event: RecordedEvent, context: RuleContext): DispatchAction[] {
  const category = event.streamId.slice(0, Math.max(event.streamId.indexOf('-'), 0)) || event.streamId;
  const actions: DispatchAction[] = [];
  for (const rule of rules) {
    if (!rule.filter.categories.includes(category)) continue;
    if (rule.filter.eventTypes && !rule.filter.eventTypes.includes(event.type)) continue;
    actions.push(...rule.plan(event, context));
  }
  return actions;
}
