import { addWorkingDays, PRC_CALENDAR, SHIPPED_ARRANGEMENTS } from '../calendar';
import { fold } from '../shared/decider';
import { DeciderSpecification } from '../testing/decider-specification';
import { commandMeta } from '../testing/meta';
import { calendarInForce, decider, streamName, type HolidayArrangementRecorded, type HolidayCalendarCommand } from './index';

const meta = commandMeta('2027-11-10T02:00:00Z', 'u-admin', 'district_admin');

/** a 2028 arrangement as a district admin would record it (dates for the test, not the real notice) */
const y2028: { year: number; holidays: string[]; makeUpWorkdays: string[]; status: 'official' | 'expected'; source: string } = {
  year: 2028,
  holidays: ['2028-01-01', '2028-01-02', '2028-01-03', '2028-10-01', '2028-10-02', '2028-10-03', '2028-10-04', '2028-10-05', '2028-10-06', '2028-10-07'],
  makeUpWorkdays: ['2028-10-08'],
  status: 'official',
  source: '国务院办公厅关于2028年部分节假日安排的通知（test）',
};
const record = (data: Partial<typeof y2028> & Record<string, unknown> = {}): HolidayCalendarCommand => ({
  type: 'RecordHolidayArrangement',
  data: { ...y2028, ...data } as typeof y2028,
  meta,
});
const recorded = (data: Partial<typeof y2028> = {}): HolidayArrangementRecorded => ({
  type: 'HolidayArrangementRecorded',
  data: { ...y2028, ...data, holidays: [...(data.holidays ?? y2028.holidays)].sort(), makeUpWorkdays: [...(data.makeUpWorkdays ?? y2028.makeUpWorkdays)].sort() },
});

describe('holiday calendar (the State Council arrangements as events)', () => {
  const spec = DeciderSpecification.for(decider);

  it('has one stream for the country', () => expect(streamName()).toBe('calendar-prc'));

  it('records a year', () => spec.given([]).when(record()).then([recorded()]));
  it('records the same arrangement once', () => spec.given([recorded()]).when(record()).thenNothingHappens());
  it('replaces a year with a new recording (the official notice after the expected one)', () =>
    spec.given([recorded({ status: 'expected' })]).when(record()).then([recorded()]));
  it('does not let an expected arrangement replace an official one', () =>
    spec.given([recorded()]).when(record({ status: 'expected' })).thenThrows('CALENDAR.OFFICIAL_RECORDED'));

  it.each([
    ['a year out of range', { year: 1999 }, 'CALENDAR.INVALID_YEAR'],
    ['a fractional year', { year: 2028.5 }, 'CALENDAR.INVALID_YEAR'],
    ['a date of another year', { holidays: ['2027-12-31'] }, 'CALENDAR.DATE_OUTSIDE_YEAR'],
    ['a malformed date', { holidays: ['2028-2-30'] }, 'CALENDAR.INVALID_DATE'],
    ['an impossible date', { holidays: ['2028-02-30'] }, 'CALENDAR.INVALID_DATE'],
    ['a date twice', { holidays: ['2028-10-01', '2028-10-01'] }, 'CALENDAR.INVALID_DATE'],
    ['no holidays', { holidays: [] }, 'CALENDAR.HOLIDAYS_REQUIRED'],
    ['a make-up working day on a weekday', { makeUpWorkdays: ['2028-10-09'] }, 'CALENDAR.MAKE_UP_NOT_WEEKEND'],
    ['a day that is both', { makeUpWorkdays: ['2028-10-01'] }, 'CALENDAR.INVALID'],
    ['no source', { source: '  ' }, 'CALENDAR.SOURCE_REQUIRED'],
    ['an unknown status', { status: 'rumoured' }, 'CALENDAR.INVALID_STATUS'],
  ])('refuses %s', (_what, data, code) => spec.given([]).when(record(data as never)).thenThrows(code));

  describe('the calendar in force', () => {
    it('ships 2026 (official) and 2027 (expected, to be confirmed)', () => {
      expect(SHIPPED_ARRANGEMENTS.map((a) => [a.year, a.status])).toEqual([
        [2026, 'official'],
        [2027, 'expected'],
      ]);
      expect(SHIPPED_ARRANGEMENTS[1].source).toMatch(/^EXPECTED, to be confirmed/);
      expect(PRC_CALENDAR.years).toEqual([2026, 2027]);
    });

    it('counts across the new year into 2027 by the shipped 2027 data', () => {
      // Wed 30 Dec 2026 → Thu 31, (Fri 1 Jan 2027 元旦, Sat 2, Sun 3 off) Mon 4, Tue 5
      expect(addWorkingDays('2026-12-30T02:00:00Z', 3, PRC_CALENDAR)).toBe('2027-01-05T16:00:00.000Z');
      // Fri 29 Jan 2027 → Sun 31 (make-up), Mon 1, Tue 2, Wed 3, (4–11 Feb 春节) Fri 12
      expect(addWorkingDays('2027-01-29T02:00:00Z', 5, PRC_CALENDAR)).toBe('2027-02-12T16:00:00.000Z');
      // Thu 30 Sep 2027 → (1–7 Oct 国庆) Fri 8, Sat 9 (make-up), Mon 11
      expect(addWorkingDays('2027-09-30T02:00:00Z', 3, PRC_CALENDAR)).toBe('2027-10-11T16:00:00.000Z');
    });

    it('refuses a period that runs past the last known year, naming the year (never counted on weekends alone)', () => {
      let thrown: any;
      try {
        // Mon 27 Dec 2027: 5 working days reach into 2028
        addWorkingDays('2027-12-27T02:00:00Z', 5, PRC_CALENDAR);
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toMatchObject({ code: 'CALENDAR.YEAR_NOT_KNOWN', kind: 'conflict', details: { year: 2028, knownYears: [2026, 2027] } });
      expect(thrown.message).toMatch(/holiday arrangement of 2028 is not known/);
      // a period that ends on 31 December is still counted
      expect(addWorkingDays('2027-12-24T02:00:00Z', 5, PRC_CALENDAR)).toBe('2027-12-31T16:00:00.000Z');
      // and a year before the data is refused too
      expect(() => addWorkingDays('2025-12-29T02:00:00Z', 1, PRC_CALENDAR)).toThrow(/2025 is not known/);
    });

    it('counts 2028 once a district admin recorded it, and a recording replaces the shipped year', () => {
      const state = fold(decider, [recorded()]);
      const calendar = calendarInForce(SHIPPED_ARRANGEMENTS, state);
      expect(calendar.years).toEqual([2026, 2027, 2028]);
      // Mon 27 Dec 2027 → Tue 28, Wed 29, Thu 30, Fri 31, (Sat 1 – Mon 3 Jan 2028 off) Tue 4
      expect(addWorkingDays('2027-12-27T02:00:00Z', 5, calendar)).toBe('2028-01-04T16:00:00.000Z');
      // Sun 8 Oct 2028 is a make-up working day in the recorded data
      expect(addWorkingDays('2028-10-06T02:00:00Z', 1, calendar)).toBe('2028-10-08T16:00:00.000Z');

      const official2027 = { ...SHIPPED_ARRANGEMENTS[1], status: 'official' as const, source: '国办发明电〔2026〕x号 (test)', holidays: [...SHIPPED_ARRANGEMENTS[1].holidays.filter((d) => d !== '2027-06-09'), '2027-06-11'].sort() };
      const replaced = calendarInForce(SHIPPED_ARRANGEMENTS, fold(decider, [{ type: 'HolidayArrangementRecorded', data: official2027 }]));
      expect(replaced.arrangements.find((a) => a.year === 2027)).toEqual(official2027);
      expect(replaced.holidays).toContain('2027-06-11');
      expect(replaced.holidays).not.toContain('2027-06-09');
    });
  });
});
