import { DomainError } from '../shared/domain-error';
import { PRC_2026, PRC_CALENDAR } from './prc-calendar';
import { addWorkingDays, isWorkingDay, type WorkingDayCalendar } from './working-days';

const NONE: WorkingDayCalendar = { holidays: [], makeUpWorkdays: [] };
const codeOf = (f: () => unknown): string => {
  try {
    f();
    return 'no error';
  } catch (e) {
    return e instanceof DomainError ? e.code : String(e);
  }
};

describe('addWorkingDays', () => {
  describe('weekends', () => {
    it('counts from the next local date and ends at 24:00 of the last working day (Shanghai)', () => {
      // Thu 2026-03-05 10:00+08 → Fri 6, Mon 9, Tue 10, Wed 11, Thu 12 → 2026-03-13T00:00+08
      expect(addWorkingDays('2026-03-05T02:00:00Z', 5, PRC_CALENDAR)).toBe('2026-03-12T16:00:00.000Z');
    });

    it('skips the weekend after a Friday publication', () => {
      expect(addWorkingDays('2026-03-06T02:00:00Z', 1, PRC_CALENDAR, 'Asia/Shanghai')).toBe('2026-03-09T16:00:00.000Z');
      expect(addWorkingDays('2026-03-06T02:00:00Z', 5, PRC_CALENDAR, 'Asia/Shanghai')).toBe('2026-03-13T16:00:00.000Z');
    });

    it('treats a publication on a Saturday like one on the Friday before', () => {
      expect(addWorkingDays('2026-03-07T05:00:00Z', 1, NONE)).toBe('2026-03-09T16:00:00.000Z');
    });
  });

  describe('holidays and make-up working days (2026)', () => {
    it('skips the National Day week and counts the make-up Saturday 10 October', () => {
      // Wed 30 Sep → (1–7 Oct off) Thu 8, Fri 9, Sat 10 (make-up), Mon 12, Tue 13
      expect(addWorkingDays('2026-09-30T02:00:00Z', 5, PRC_CALENDAR)).toBe('2026-10-13T16:00:00.000Z');
      // without the calendar: Thu 1, Fri 2, Mon 5, Tue 6, Wed 7
      expect(addWorkingDays('2026-09-30T02:00:00Z', 5, NONE)).toBe('2026-10-07T16:00:00.000Z');
    });

    it('counts a make-up Saturday as a working day (Sat 14 Feb before the Spring Festival)', () => {
      expect(addWorkingDays('2026-02-13T02:00:00Z', 1, PRC_CALENDAR)).toBe('2026-02-14T16:00:00.000Z');
      // Sat 14 (make-up), 15–23 off, Tue 24, Wed 25
      expect(addWorkingDays('2026-02-13T02:00:00Z', 3, PRC_CALENDAR)).toBe('2026-02-25T16:00:00.000Z');
    });

    it('counts the make-up Sunday 20 September and skips the Mid-Autumn Friday', () => {
      // Fri 18 Sep → Sun 20 (make-up), Mon 21, Tue 22, Wed 23, Thu 24, (Fri 25 – Sun 27 off), Mon 28
      expect(addWorkingDays('2026-09-18T02:00:00Z', 6, PRC_CALENDAR)).toBe('2026-09-28T16:00:00.000Z');
    });

    it('skips Qingming Monday and the Labour Day week with its make-up Saturday', () => {
      expect(addWorkingDays('2026-04-03T02:00:00Z', 1, PRC_CALENDAR)).toBe('2026-04-07T16:00:00.000Z');
      // Thu 30 Apr → (1–5 May off) Wed 6, Thu 7, Fri 8, Sat 9 (make-up)
      expect(addWorkingDays('2026-04-30T02:00:00Z', 4, PRC_CALENDAR)).toBe('2026-05-09T16:00:00.000Z');
    });

    it('knows which days work', () => {
      expect(isWorkingDay('2026-10-01', PRC_2026)).toBe(false);
      expect(isWorkingDay('2026-10-10', PRC_2026)).toBe(true);
      expect(isWorkingDay('2026-06-19', PRC_2026)).toBe(false);
      expect(isWorkingDay('2026-06-22', PRC_2026)).toBe(true);
      expect(isWorkingDay('2026-06-20', NONE)).toBe(false);
      expect(PRC_2026.makeUpWorkdays.every((d) => isWorkingDay(d, PRC_2026))).toBe(true);
      expect(PRC_2026.holidays.some((d) => isWorkingDay(d, PRC_2026))).toBe(false);
    });
  });

  describe('time zones', () => {
    it('takes the local date of the start: 01:30 Friday in Shanghai is still Thursday in UTC', () => {
      const start = '2026-03-05T17:30:00Z';
      expect(addWorkingDays(start, 1, NONE, 'Asia/Shanghai')).toBe('2026-03-09T16:00:00.000Z');
      expect(addWorkingDays(start, 1, NONE, 'UTC')).toBe('2026-03-07T00:00:00.000Z');
    });

    it('takes the local date just before local midnight', () => {
      // 23:59 Thursday in Shanghai
      expect(addWorkingDays('2026-03-05T15:59:00Z', 1, NONE)).toBe('2026-03-06T16:00:00.000Z');
      // 00:00 Friday in Shanghai
      expect(addWorkingDays('2026-03-05T16:00:00Z', 1, NONE)).toBe('2026-03-09T16:00:00.000Z');
    });

    it('ends at local midnight across a daylight-saving change', () => {
      // New York: DST starts Sun 8 Mar 2026; Fri 6 Mar 07:00 EST → Mon 9 → ends Tue 10 00:00 EDT
      expect(addWorkingDays('2026-03-06T12:00:00Z', 1, NONE, 'America/New_York')).toBe('2026-03-10T04:00:00.000Z');
      expect(addWorkingDays('2026-03-05T12:00:00Z', 1, NONE, 'America/New_York')).toBe('2026-03-07T05:00:00.000Z');
    });

    it('always ends after the start, at 00:00 local time', () => {
      const fmt = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
      for (let d = 0; d < 400; d += 7) {
        const start = new Date(Date.UTC(2026, 0, 1) + d * 86_400_000 + ((d * 3_600_000) % 86_400_000)).toISOString();
        const end = addWorkingDays(start, 5, PRC_CALENDAR);
        expect(Date.parse(end)).toBeGreaterThan(Date.parse(start) + 5 * 86_400_000);
        expect(fmt.format(new Date(end))).toBe('00:00');
      }
    });
  });

  describe('bad input', () => {
    it('refuses days that are not a whole number from 1', () => {
      expect(codeOf(() => addWorkingDays('2026-03-05T02:00:00Z', 0, NONE))).toBe('CALENDAR.INVALID_DAYS');
      expect(codeOf(() => addWorkingDays('2026-03-05T02:00:00Z', 1.5, NONE))).toBe('CALENDAR.INVALID_DAYS');
      expect(codeOf(() => addWorkingDays('2026-03-05T02:00:00Z', 367, NONE))).toBe('CALENDAR.INVALID_DAYS');
    });

    it('refuses an unknown zone, a bad start, malformed dates and a day that is both kinds', () => {
      expect(codeOf(() => addWorkingDays('2026-03-05T02:00:00Z', 1, NONE, 'Mars/Olympus'))).toBe('CALENDAR.INVALID_TIME_ZONE');
      expect(codeOf(() => addWorkingDays('yesterday', 1, NONE))).toBe('CALENDAR.INVALID_INSTANT');
      expect(codeOf(() => addWorkingDays('2026-03-05T02:00:00Z', 1, { holidays: ['2026-02-30'], makeUpWorkdays: [] }))).toBe(
        'CALENDAR.INVALID_DATE',
      );
      expect(codeOf(() => addWorkingDays('2026-03-05T02:00:00Z', 1, { holidays: ['2026-3-1'], makeUpWorkdays: [] }))).toBe('CALENDAR.INVALID_DATE');
      expect(
        codeOf(() => addWorkingDays('2026-03-05T02:00:00Z', 1, { holidays: ['2026-03-07'], makeUpWorkdays: ['2026-03-07'] })),
      ).toBe('CALENDAR.INVALID');
    });
  });
});
