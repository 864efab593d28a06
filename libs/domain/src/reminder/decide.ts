import { requireId } from '../guards';
import { assertNever } from '../shared/decider';
import { forbidden, invalid } from '../shared/domain-error';
import type { ReminderCommand, SendReminder } from './commands';
import type { Recipient, ReminderEvent } from './events';
import type { ReminderState } from './state';

const ID = 'REMINDER.INVALID_ID';
const KINDS = /^(due-\d{1,3}d|due-today|accept|escalation-proposed|rating-due|year-end)$/;
const RECIPIENT_KINDS: readonly Recipient['kind'][] = ['unit', 'member', 'department', 'street', 'person'];

export function decideReminder(command: ReminderCommand, state: ReminderState): ReminderEvent[] {
  switch (command.type) {
    case 'SendReminder':
      return send(command, state);
    default:
      return assertNever(command.type);
  }
}

function send(command: SendReminder, state: ReminderState): ReminderEvent[] {
  const { data, meta } = command;
  if (meta.actor.role !== 'system') throw forbidden('REMINDER.SYSTEM_ONLY', 'reminders are sent by the system');
  // sent once: a second delivery of the same reminder (a retried or re-run job) records nothing
  if (state.status === 'sent') return [];
  if (!KINDS.test(String(data.kind))) throw invalid('REMINDER.INVALID_KIND', `unknown reminder kind ${JSON.stringify(data.kind)}`, { field: 'kind' });
  if (!Array.isArray(data.recipients) || data.recipients.length === 0)
    throw invalid('REMINDER.NO_RECIPIENT', 'a reminder goes to at least one recipient', { field: 'recipients' });
  const recipients = data.recipients.map((r, i) => {
    if (!RECIPIENT_KINDS.includes(r?.kind)) throw invalid('REMINDER.INVALID_RECIPIENT', `recipient ${i} has no valid kind`, { field: `recipients[${i}].kind` });
    return { kind: r.kind, id: requireId(r.id, ID, `recipients[${i}].id`) };
  });
  return [
    {
      type: 'ReminderSent',
      data: {
        reminderId: requireId(data.reminderId, ID, 'reminderId'),
        kind: data.kind,
        communityId: requireId(data.communityId, ID, 'communityId'),
        taskId: data.taskId ? requireId(data.taskId, ID, 'taskId') : null,
        ...(data.roundId ? { roundId: requireId(data.roundId, ID, 'roundId') } : {}),
        ...(data.year != null ? { year: requireYear(data.year) } : {}),
        recipients,
        deadline: data.deadline ?? null,
        channel: 'inbox',
        jobId: String(data.jobId),
        sentAt: meta.now.toISOString(),
      },
    },
  ];
}

function requireYear(year: unknown): number {
  if (!Number.isInteger(year) || (year as number) < 2000 || (year as number) > 9999)
    throw invalid('REMINDER.INVALID_YEAR', 'year must be a whole year (2000–9999)', { field: 'year' });
  return year as number;
}
