import type { Event } from '../shared/message';

/**
 * A district admin recorded a year's holiday arrangement (国务院办公厅关于<year>年部分节假日安排的通知):
 * from this event on, working-day periods (objection periods of notices) count by it; it replaces
 * the shipped data of that year and any earlier recording. Periods already set keep their end.
 */
export type HolidayArrangementRecorded = Event<
  'HolidayArrangementRecorded',
  {
    year: number;
    /** rest days (放假), YYYY-MM-DD of that year, sorted */
    holidays: string[];
    /** make-up working days (调休上班), weekend dates of that year, sorted */
    makeUpWorkdays: string[];
    /** official: as published; expected: derived, to be confirmed */
    status: 'official' | 'expected';
    /** the notice it comes from (name, number, date, where published) */
    source: string;
  }
>;

export type HolidayCalendarEvent = HolidayArrangementRecorded;

export const holidayCalendarEventVersions: Record<HolidayCalendarEvent['type'], number> = {
  HolidayArrangementRecorded: 1,
};
