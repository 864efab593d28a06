/**
 * The BullMQ queues. One queue per kind of work, so a slow webhook never holds up a reminder.
 * Add a queue here when a job kind needs its own (see libs/jobs/README.md).
 */
export const QUEUES = {
  /** deadline, acceptance, rating and year-end reminders; overdue marking; escalation proposals */
  reminders: 'reminders',
  /** public notices (公示): periodic and after key decisions, and closing their objection periods */
  notices: 'notices',
  /** outbound webhooks: notices, reports to superior departments, reminders (docs/webhooks.md) */
  webhooks: 'webhooks',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];
