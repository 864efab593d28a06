import type { RecordedEvent } from '@cobuild/event-store';
import { DEFAULT_JOB_SETTINGS, type DispatchAction, type JobSpec } from '../job-plan';
import { ratingRemindersRule } from './rating-reminders.rule';
import { yearEndRemindersRule } from './year-end-reminders.rule';

const context = { timeZone: 'Asia/Shanghai', settings: DEFAULT_JOB_SETTINGS };
const event = (streamId: string, type: string, revision: number, occurredAt: string, data: Record<string, unknown>): RecordedEvent =>
  ({ id: `e${revision}`, type, streamId, revision, position: 100 + revision, data, metadata: { occurredAt } }) as unknown as RecordedEvent;
const adds = (a: DispatchAction[]) => a.filter((x): x is { kind: 'add'; job: JobSpec } => x.kind === 'add').map((x) => [x.job.jobId, x.job.runAt]);
const removes = (a: DispatchAction[]) => a.filter((x) => x.kind === 'removeGroup').map((x) => (x as { group: string }).group);

describe('rating reminders rule', () => {
  const opened = (plannedCloseAt: string | null, occurredAt = '2026-11-20T02:00:00.000Z') =>
    event('evaluationRound-r7', 'EvaluationRoundOpened', 0, occurredAt, { roundId: 'r7', communityId: 'c1', appointedEvaluatorIds: ['e1'], plannedCloseAt });

  it('plans one job 3 days before the planned close at 09:00 local, replacing any pending one', () => {
    // closes 2026-12-10 18:00 Shanghai → reminder 2026-12-07 09:00 Shanghai
    const actions = ratingRemindersRule.plan(opened('2026-12-10T10:00:00.000Z'), context);
    expect(removes(actions)).toEqual(['reminder/round-r7/rating']);
    expect(adds(actions)).toEqual([['reminder/round-r7/rating/rating-due/r0', '2026-12-07T01:00:00.000Z']]);
    expect((actions[1] as { job: JobSpec }).job.data).toEqual({ roundId: 'r7', plannedCloseAt: '2026-12-10T10:00:00.000Z', revision: 0 });
    expect(ratingRemindersRule.plan(opened('2026-12-10T10:00:00.000Z'), context)).toEqual(actions);
  });

  it('takes the days from the settings', () => {
    const actions = ratingRemindersRule.plan(opened('2026-12-10T10:00:00.000Z'), { ...context, settings: { ...DEFAULT_JOB_SETTINGS, ratingReminderDays: 5 } });
    expect(adds(actions)).toEqual([['reminder/round-r7/rating/rating-due/r0', '2026-12-05T01:00:00.000Z']]);
  });

  it('plans nothing without a planned close, or when the reminder time had passed at opening', () => {
    expect(adds(ratingRemindersRule.plan(opened(null), context))).toEqual([]);
    expect(adds(ratingRemindersRule.plan(opened('2026-11-21T10:00:00.000Z'), context))).toEqual([]);
  });

  it('removes the pending job when the round closes', () => {
    const closed = event('evaluationRound-r7', 'EvaluationRoundClosed', 4, '2026-12-01T02:00:00.000Z', { roundId: 'r7', communityId: 'c1' });
    expect(ratingRemindersRule.plan(closed, context)).toEqual([{ kind: 'removeGroup', queue: 'reminders', group: 'reminder/round-r7/rating' }]);
  });
});

describe('year-end reminders rule', () => {
  it("plans the community's check on 1 December 09:00 local of the event's year, one job id per community and year", () => {
    const unit = event('unitRegistration-u1-c1', 'UnitRegistered', 0, '2026-03-02T02:00:00.000Z', { unitId: 'u1', communityId: 'c1' });
    const member = event('member-m1', 'MemberRegistered', 0, '2026-07-02T02:00:00.000Z', { memberId: 'm1', communityId: 'c1' });
    expect(adds(yearEndRemindersRule.plan(unit, context))).toEqual([['reminder/yearly-2026/community-c1', '2026-12-01T01:00:00.000Z']]);
    expect(yearEndRemindersRule.plan(member, context)).toEqual(yearEndRemindersRule.plan(unit, context));
    expect((yearEndRemindersRule.plan(unit, context)[0] as { job: JobSpec }).job.data).toEqual({ communityId: 'c1', year: 2026 });
  });

  it("plans next year's check from this year's reminders and from anything after 1 December", () => {
    const sent = event('reminder-yearly-2026-unit-u1', 'ReminderSent', 0, '2026-12-01T01:00:03.000Z', { kind: 'year-end', communityId: 'c1', year: 2026 });
    expect(adds(yearEndRemindersRule.plan(sent, context))).toEqual([['reminder/yearly-2027/community-c1', '2027-12-01T01:00:00.000Z']]);
    // 1 December 08:59 local is still this year's; 09:00 is next year's
    const verified = (at: string) => event('task-t1', 'TaskVerified', 5, at, { taskId: 't1', communityId: 'c1' });
    expect(adds(yearEndRemindersRule.plan(verified('2026-12-01T00:59:00.000Z'), context))).toEqual([['reminder/yearly-2026/community-c1', '2026-12-01T01:00:00.000Z']]);
    expect(adds(yearEndRemindersRule.plan(verified('2026-12-01T01:00:00.000Z'), context))).toEqual([['reminder/yearly-2027/community-c1', '2027-12-01T01:00:00.000Z']]);
  });

  it('ignores task reminders and events without a community', () => {
    expect(yearEndRemindersRule.plan(event('reminder-x', 'ReminderSent', 0, '2026-12-01T01:00:00.000Z', { kind: 'due-3d', communityId: 'c1' }), context)).toEqual([]);
    expect(yearEndRemindersRule.plan(event('reminder-x', 'ReminderSent', 0, '2026-12-01T01:00:00.000Z', { kind: 'year-end', communityId: null }), context)).toEqual([]);
  });
});
