import type { Decider } from '../shared/decider';
import type { ReminderCommand } from './commands';
import { decideReminder } from './decide';
import type { ReminderEvent } from './events';
import { evolveReminder } from './evolve';
import { initialReminderState, type ReminderState } from './state';

export * from './commands';
export * from './events';
export * from './state';

/** Reminders delivered to inboxes: one stream per reminder, so each is delivered once. */
export const category = 'reminder';
export const streamName = (reminderId: string): string => `${category}-${reminderId}`;
/** A reminder's id from its job's id (`reminder/task-42/deadline/due-3d/r7` → `task-42.deadline.due-3d.r7`). */
export const reminderIdOf = (jobId: string): string => jobId.replace(/^reminder\//, '').replace(/\//g, '.');

export const decider: Decider<ReminderState, ReminderCommand, ReminderEvent> = {
  decide: decideReminder,
  evolve: evolveReminder,
  initialState: initialReminderState,
};
