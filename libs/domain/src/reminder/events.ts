import type { Event, Instant } from '../shared/message';

/** Who a reminder is for: the inbox it lands in (a unit, a member, a functional department, a street). */
export type Recipient = { kind: 'unit' | 'member' | 'department' | 'street'; id: string };

export type ReminderKind =
  /** N days before a task's deadline (`due-7d`, `due-3d`, `due-1d`) */
  | `due-${number}d`
  /** on the deadline's local day */
  | 'due-today'
  /** an assignment the unit has not accepted in time */
  | 'accept'
  /** a task overdue for the set time: escalation to the street proposed */
  | 'escalation-proposed';

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
