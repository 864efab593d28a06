import type { ReminderEvent } from './events';
import type { ReminderState } from './state';

export function evolveReminder(state: ReminderState, event: ReminderEvent): ReminderState {
  switch (event.type) {
    case 'ReminderSent':
      return { status: 'sent', reminderId: event.data.reminderId, sentAt: event.data.sentAt };
    default: {
      const unknown: never = event.type;
      return unknown;
    }
  }
}
