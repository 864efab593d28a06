import type { Event, Instant } from '../shared/message';

/** Who a reminder is for: the inbox it lands in (a unit, a member, a functional department, a street, a person such as an appointed evaluator). */
export type Recipient = { kind: 'unit' | 'member' | 'department' | 'street' | 'person'; id: string };

export type ReminderKind =
  /** N days before a task's deadline (`due-7d`, `due-3d`, `due-1d`) */
  | `due-${number}d`
  /** on the deadline's local day */
  | 'due-today'
  /** an assignment the unit has not accepted in time */
  | 'accept'
  /** a task overdue for the set time: escalation to the street proposed */
  | 'escalation-proposed'
  /** an evaluation round closes soon and the evaluator has not rated yet */
  | 'rating-due'
  /** 每年至少办一件实事: a unit or member with no task verified this year, ahead of year end */
  | 'year-end';

/**
 * A reminder delivered to the in-app inbox (the inbox projection shows it). One stream per
 * reminder (`reminder-<reminderId>`, the id derived from the job), written once: a job that runs
 * again — retried, or re-run after a worker died mid-job — finds it sent and records nothing.
 */
export type ReminderSent = Event<
  'ReminderSent',
  {
    reminderId: string;
    kind: ReminderKind;
    communityId: string;
    taskId: string | null;
    /** the evaluation round a `rating-due` reminder is about */
    roundId?: string | null;
    /** the year a `year-end` reminder is about */
    year?: number | null;
    recipients: Recipient[];
    /** the deadline the reminder is about, if any */
    deadline: Instant | null;
    channel: 'inbox';
    /** the job that delivered it */
    jobId: string;
    sentAt: Instant;
  }
>;

export type ReminderEvent = ReminderSent;

export const reminderEventVersions: Record<ReminderEvent['type'], number> = { ReminderSent: 1 };
