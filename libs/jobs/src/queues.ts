/**
 * The BullMQ queues. One queue per kind of work, so a slow webhook never holds up a reminder.
 * Add a queue here when a job kind needs its own (see libs/jobs/README.md).
 */
export const QUEUES = {
  /** deadline, acceptance, rating and year-end reminders; overdue marking; escalation proposals */
  reminders: 'reminders',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];
