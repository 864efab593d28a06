import data from './prc-holidays.json';
import { calendarOf, checkYearArrangement, type WorkingDayCalendar, type YearArrangement } from './working-days';

/**
 * The PRC holiday arrangements shipped with the engine: prc-holidays.json, one entry per year
 * (2026 official, from 国办发明电〔2025〕7号; 2027 EXPECTED, derived from the rules and to be
 * confirmed by a district admin's HolidayArrangementRecorded event once the State Council publishes
 * it). THIS IS DATA THAT MUST BE EXTENDED EVERY YEAR: add the next year to the JSON file, or record
 * it as an event (docs/calendar.md). A year that is neither here nor recorded is refused.
 */
export const SHIPPED_ARRANGEMENTS: readonly YearArrangement[] = (data.years as YearArrangement[]).map(checkYearArrangement);

const year = (y: number): YearArrangement => SHIPPED_ARRANGEMENTS.find((a) => a.year === y)!;

/** 2026 alone (国办发明电〔2025〕7号), for tests and examples. */
export const PRC_2026: WorkingDayCalendar = { holidays: [...year(2026).holidays], makeUpWorkdays: [...year(2026).makeUpWorkdays], years: [2026] };

/** The default calendar: every shipped year; days of other years are refused. */
export const PRC_CALENDAR: WorkingDayCalendar = calendarOf([...SHIPPED_ARRANGEMENTS]);
