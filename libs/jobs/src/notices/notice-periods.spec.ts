import { nextNoticePeriod } from './notice-periods';

const SH = 'Asia/Shanghai';

describe('periodic notice periods', () => {
  it('monthly: 09:00 Shanghai on the 1st of the next month', () =>
    expect(nextNoticePeriod('monthly', '2026-05-06T01:00:00Z', SH)).toEqual({ key: '2026-06', publishAt: '2026-06-01T01:00:00.000Z', label: '2026年6月' }));
  it('monthly: the 1st before 09:00 local is still that month', () =>
    expect(nextNoticePeriod('monthly', '2026-05-31T20:00:00Z', SH).key).toBe('2026-06'));
  it('monthly: right at 09:00 the next is the month after', () =>
    expect(nextNoticePeriod('monthly', '2026-06-01T01:00:00.000Z', SH).key).toBe('2026-07'));
  it('rolls over the year', () => expect(nextNoticePeriod('monthly', '2026-12-15T00:00:00Z', SH)).toMatchObject({ key: '2027-01', publishAt: '2027-01-01T01:00:00.000Z' }));
  it('quarterly', () =>
    expect(nextNoticePeriod('quarterly', '2026-05-06T01:00:00Z', SH)).toEqual({ key: '2026-Q3', publishAt: '2026-07-01T01:00:00.000Z', label: '2026年第3季度' }));
  it('weekly: the next Monday, ISO week numbers', () =>
    expect(nextNoticePeriod('weekly', '2026-05-06T01:00:00Z', SH)).toEqual({ key: '2026-W20', publishAt: '2026-05-11T01:00:00.000Z', label: '2026年第20周' }));
  it('weekly: ISO week 1 of the next year can start in December', () => expect(nextNoticePeriod('weekly', '2026-12-26T00:00:00Z', SH).key).toBe('2026-W53'));
  it('in another zone', () => expect(nextNoticePeriod('monthly', '2026-05-06T01:00:00Z', 'Europe/Berlin').publishAt).toBe('2026-06-01T07:00:00.000Z'));
});
