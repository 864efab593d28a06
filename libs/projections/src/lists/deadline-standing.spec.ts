import { deadlineStanding } from './deadline-standing';

const SH = 'Asia/Shanghai';

describe('a task against its deadline', () => {
  // "by 1 December" in Shanghai = 2 December 00:00 local = 1 December 16:00 UTC
  const byDec1 = '2026-12-01T16:00:00.000Z';

  it('counts local calendar days to the deadline; a midnight deadline belongs to the day before', () => {
    expect(deadlineStanding(byDec1, 'accepted', new Date('2026-11-28T02:00:00Z'), SH)).toEqual({ overdue: false, daysToDeadline: 3, daysOverdue: null });
    // 23:30 on 30 November in Shanghai (15:30 UTC): one day left
    expect(deadlineStanding(byDec1, 'in_progress', new Date('2026-11-30T15:30:00Z'), SH)).toMatchObject({ daysToDeadline: 1 });
    // 1 December, 08:00 local: due today
    expect(deadlineStanding(byDec1, 'assigned', new Date('2026-12-01T00:00:00Z'), SH)).toEqual({ overdue: false, daysToDeadline: 0, daysOverdue: null });
  });

  it('is overdue from the deadline on, counting the days since its day', () => {
    expect(deadlineStanding(byDec1, 'assigned', new Date(byDec1), SH)).toEqual({ overdue: true, daysToDeadline: null, daysOverdue: 1 });
    expect(deadlineStanding(byDec1, 'accepted', new Date('2026-12-06T03:00:00Z'), SH)).toEqual({ overdue: true, daysToDeadline: null, daysOverdue: 5 });
    // a deadline at 10:00 local that passed at noon the same day
    expect(deadlineStanding('2026-12-01T02:00:00.000Z', 'accepted', new Date('2026-12-01T04:00:00Z'), SH)).toEqual({ overdue: true, daysToDeadline: null, daysOverdue: 0 });
  });

  it('says nothing of tasks without a deadline or without work still expected', () => {
    const none = { overdue: false, daysToDeadline: null, daysOverdue: null };
    expect(deadlineStanding(null, 'proposed', new Date(), SH)).toEqual(none);
    for (const status of ['completed', 'verified', 'closed', 'cancelled', 'declined'] as const)
      expect(deadlineStanding(byDec1, status, new Date('2026-12-20T00:00:00Z'), SH)).toEqual(none);
  });

  it('counts days in the community time zone', () => {
    // 20:00 UTC on 30 November is already 1 December in Shanghai, still 30 November in London
    const now = new Date('2026-11-30T20:00:00Z');
    expect(deadlineStanding('2026-12-02T12:00:00.000Z', 'accepted', now, SH).daysToDeadline).toBe(1);
    expect(deadlineStanding('2026-12-02T12:00:00.000Z', 'accepted', now, 'Europe/London').daysToDeadline).toBe(2);
  });
});
