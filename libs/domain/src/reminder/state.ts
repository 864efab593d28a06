export type ReminderState = { status: 'none' } | { status: 'sent'; reminderId: string; sentAt: string };

export const initialReminderState = (): ReminderState => ({ status: 'none' });
