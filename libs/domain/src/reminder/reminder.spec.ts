import { DeciderSpecification } from '../testing/decider-specification';
import { commandMeta } from '../testing/meta';
import { decider, reminderIdOf, streamName, type ReminderCommand } from './index';

const meta = commandMeta('2026-11-20T01:00:00Z', 'worker:reminders', 'system');

describe('reminder', () => {
  const spec = DeciderSpecification.for(decider);
  const send = (over: Partial<ReminderCommand['data']> = {}, m = meta): ReminderCommand => ({
    type: 'SendReminder',
    data: { reminderId: 'task-42.deadline.due-3d.r7', kind: 'due-3d', communityId: 'c1', taskId: '42', recipients: [{ kind: 'unit', id: 'u1' }], deadline: '2026-11-23T09:00:00.000Z', jobId: 'reminder/task-42/deadline/due-3d/r7', ...over },
    meta: m,
  });
  const sent = {
    type: 'ReminderSent' as const,
    data: {
      reminderId: 'task-42.deadline.due-3d.r7', kind: 'due-3d' as const, communityId: 'c1', taskId: '42', recipients: [{ kind: 'unit' as const, id: 'u1' }],
      deadline: '2026-11-23T09:00:00.000Z', channel: 'inbox' as const, jobId: 'reminder/task-42/deadline/due-3d/r7', sentAt: '2026-11-20T01:00:00.000Z',
    },
  };
  it('derives its stream from the job id', () => {
    expect(reminderIdOf('reminder/task-42/deadline/due-3d/r7')).toBe('task-42.deadline.due-3d.r7');
    expect(streamName('task-42.deadline.due-3d.r7')).toBe('reminder-task-42.deadline.due-3d.r7');
  });
  it('is sent to the inbox', () => spec.given([]).when(send()).then([sent]));
  it('is sent once: a second delivery records nothing', () => spec.given([sent]).when(send()).then([]));
  it('is sent by the system only', () => spec.given([]).when(send({}, commandMeta('2026-11-20T01:00:00Z', 's1', 'community_secretary'))).thenThrows('REMINDER.SYSTEM_ONLY'));
  it('names a recipient and a known kind', () => {
    spec.given([]).when(send({ recipients: [] })).thenThrows('REMINDER.NO_RECIPIENT');
    spec.given([]).when(send({ kind: 'whenever' as never })).thenThrows('REMINDER.INVALID_KIND');
    spec.given([]).when(send({ recipients: [{ kind: 'pope' as never, id: 'x' }] })).thenThrows('REMINDER.INVALID_RECIPIENT');
  });
  it('reminds an evaluator of a round (a person) and a unit of the year, naming the round and the year', () => {
    const rating = send({ reminderId: 'round-r1.rating.r0.e1', kind: 'rating-due', taskId: null, roundId: 'r1', recipients: [{ kind: 'person', id: 'e1' }], jobId: 'reminder/round-r1/rating/r0' });
    spec.given([]).when(rating).then([{ type: 'ReminderSent', data: { ...sent.data, reminderId: 'round-r1.rating.r0.e1', kind: 'rating-due', taskId: null, roundId: 'r1', recipients: [{ kind: 'person', id: 'e1' }], jobId: 'reminder/round-r1/rating/r0' } }]);
    spec.given([]).when(send({ kind: 'year-end', taskId: null, year: 26 })).thenThrows('REMINDER.INVALID_YEAR');
  });
});
