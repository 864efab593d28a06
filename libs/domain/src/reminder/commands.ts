import type { Command, Instant } from '../shared/message';
import type { Recipient, ReminderKind } from './events';

/** System command from a reminder job. */
export type SendReminder = Command<
  'SendReminder',
  {
    reminderId: string;
    kind: ReminderKind;
    communityId: string;
    taskId?: string | null;
    roundId?: string | null;
    year?: number | null;
    recipients: Recipient[];
    deadline?: Instant | null;
    jobId: string;
  }
>;

export type ReminderCommand = SendReminder;
