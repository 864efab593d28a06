import { conflict, invalid } from '../shared/domain-error';
import type { Instant } from '../shared/message';

/**
 * A working-day calendar as data (domain.md, "Public notices"): Saturdays and Sundays are rest
 * days, `holidays` are rest days too, and `makeUpWorkdays` (调休上班) are working days even when they
 * fall on a weekend. Dates are local calendar dates, `YYYY-MM-DD`.
 */
export interface WorkingDayCalendar {
  holidays: string[];
  makeUpWorkdays: string[];
  /**
   * The years whose arrangement is known (the PRC calendar: the shipped data file plus the years a
   * district admin recorded). A period that reaches a day of another year is refused
   * (`CALENDAR.YEAR_NOT_KNOWN`) rather than counted on weekends alone. Absent: every year is
   * counted with the lists as given (a calendar of weekends only, in tests).
   */
  years?: number[];
}

/** One year's arrangement of the State Council (国务院办公厅关于<year>年部分节假日安排的通知). */
export interface YearArrangement {
  year: number;
  /** rest days (放假), local dates of that year */
  holidays: string[];
  /** make-up working days (调休上班), weekend dates of that year */
  makeUpWorkdays: string[];
  /** official: as published (source names the notice); expected: derived, to be confirmed */
  status: 'official' | 'expected';
  source: string;
}

export const FIRST_CALENDAR_YEAR = 2000;
export const LAST_CALENDAR_YEAR = 2100;

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';
export const MAX_WORKING_DAYS = 366;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** A local calendar date as a day number (days since 1970-01-01), for plain arithmetic. */
type DayNumber = number;

function dayOf(iso: string, field: string): DayNumber {
  const m = ISO_DATE.exec(iso);
  const t = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  if (!m || Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== iso) {
    throw invalid('CALENDAR.INVALID_DATE', `${field} must hold dates as YYYY-MM-DD; got ${JSON.stringify(iso)}`, { field });
  }
  return t / DAY_MS;
}

const isoOf = (day: DayNumber): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** Checks a calendar and turns it into sets of day numbers. */
function compile(calendar: WorkingDayCalendar): { holidays: Set<DayNumber>; makeUp: Set<DayNumber> } {
  if (!calendar || !Array.isArray(calendar.holidays) || !Array.isArray(calendar.makeUpWorkdays)) {
    throw invalid('CALENDAR.INVALID', 'a calendar has holidays and makeUpWorkdays lists', { field: 'calendar' });
  }
  const holidays = new Set(calendar.holidays.map((d) => dayOf(d, 'calendar.holidays')));
  const makeUp = new Set(calendar.makeUpWorkdays.map((d) => dayOf(d, 'calendar.makeUpWorkdays')));
  for (const d of makeUp) {
    if (holidays.has(d)) throw invalid('CALENDAR.INVALID', `${isoOf(d)} is both a holiday and a make-up working day`, { field: 'calendar' });
  }
  return { holidays, makeUp };
}

const yearOf = (day: DayNumber): number => new Date(day * DAY_MS).getUTCFullYear();

function requireKnownYear(day: DayNumber, calendar: WorkingDayCalendar, what: string): void {
  if (!calendar.years || calendar.years.includes(yearOf(day))) return;
  const year = yearOf(day);
  const known = [...calendar.years].sort((a, b) => a - b);
  throw conflict(
    'CALENDAR.YEAR_NOT_KNOWN',
    `${what} reaches ${isoOf(day)}, but the holiday arrangement of ${year} is not known ` +
      `(known years: ${known.join(', ') || 'none'}); the State Council publishes it each November, ` +
      `and a district admin records it (PUT /districts/{districtId}/holiday-calendar/${year} or \`cobuild calendar record ${year}\`)`,
    { year, knownYears: known },
  );
}

/** Is this local date a working day by the calendar? (refused in a year whose arrangement is not known) */
export function isWorkingDay(date: string, calendar: WorkingDayCalendar): boolean {
  const { holidays, makeUp } = compile(calendar);
  const day = dayOf(date, 'date');
  requireKnownYear(day, calendar, 'the date');
  return working(day, holidays, makeUp);
}

/**
 * Checks one year's arrangement: a year from 2000 to 2100, dates of that year as YYYY-MM-DD,
 * no date twice or in both lists, make-up working days on a Saturday or Sunday, some holidays, a
 * source. Returns it normalised (dates sorted, source trimmed).
 */
export function checkYearArrangement(a: YearArrangement): YearArrangement {
  if (!Number.isInteger(a?.year) || a.year < FIRST_CALENDAR_YEAR || a.year > LAST_CALENDAR_YEAR) {
    throw invalid('CALENDAR.INVALID_YEAR', `year must be a whole number from ${FIRST_CALENDAR_YEAR} to ${LAST_CALENDAR_YEAR}`, { field: 'year' });
  }
  if (a.status !== 'official' && a.status !== 'expected') {
    throw invalid('CALENDAR.INVALID_STATUS', 'status must be official (as published) or expected (to be confirmed)', { field: 'status' });
  }
  if (typeof a.source !== 'string' || !a.source.trim() || a.source.trim().length > 1000) {
    throw invalid('CALENDAR.SOURCE_REQUIRED', 'source must name the notice the arrangement comes from (1–1000 characters)', { field: 'source' });
  }
  const dates = (list: unknown, field: 'holidays' | 'makeUpWorkdays', max: number): string[] => {
    if (!Array.isArray(list) || list.length > max) throw invalid('CALENDAR.INVALID_DATE', `${field} must be a list of at most ${max} dates`, { field });
    const seen = new Set<string>();
    for (const d of list) {
      const day = dayOf(d as string, field);
      if (yearOf(day) !== a.year) throw invalid('CALENDAR.DATE_OUTSIDE_YEAR', `${field} holds ${d as string}, which is not in ${a.year}`, { field });
      if (seen.has(d as string)) throw invalid('CALENDAR.INVALID_DATE', `${field} holds ${d as string} twice`, { field });
      seen.add(d as string);
    }
    return [...seen].sort();
  };
  const holidays = dates(a.holidays, 'holidays', 60);
  const makeUpWorkdays = dates(a.makeUpWorkdays, 'makeUpWorkdays', 30);
  if (holidays.length === 0) throw invalid('CALENDAR.HOLIDAYS_REQUIRED', 'holidays must list the rest days of the year', { field: 'holidays' });
  for (const d of makeUpWorkdays) {
    if (holidays.includes(d)) throw invalid('CALENDAR.INVALID', `${d} is both a holiday and a make-up working day`, { field: 'makeUpWorkdays' });
    const weekday = new Date(dayOf(d, 'makeUpWorkdays') * DAY_MS).getUTCDay();
    if (weekday !== 0 && weekday !== 6) {
      throw invalid('CALENDAR.MAKE_UP_NOT_WEEKEND', `${d} is a weekday: a make-up working day (调休上班) is a Saturday or Sunday`, { field: 'makeUpWorkdays' });
    }
  }
  return { year: a.year, holidays, makeUpWorkdays, status: a.status, source: a.source.trim() };
}

/**
 * The calendar of a set of year arrangements; a later arrangement of the same year replaces an
 * earlier one (the recorded official year replaces the shipped expected one).
 */
export function calendarOf(...arrangements: YearArrangement[][]): WorkingDayCalendar & { arrangements: YearArrangement[] } {
  const byYear = new Map<number, YearArrangement>();
  for (const list of arrangements) for (const a of list) byYear.set(a.year, a);
  const years = [...byYear.keys()].sort((a, b) => a - b);
  const chosen = years.map((y) => byYear.get(y)!);
  return {
    holidays: chosen.flatMap((a) => a.holidays),
    makeUpWorkdays: chosen.flatMap((a) => a.makeUpWorkdays),
    years,
    arrangements: chosen,
  };
}

function working(day: DayNumber, holidays: Set<DayNumber>, makeUp: Set<DayNumber>): boolean {
  if (makeUp.has(day)) return true;
  if (holidays.has(day)) return false;
  const weekday = new Date(day * DAY_MS).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

function requireZone(timeZone: string): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
  } catch {
    throw invalid('CALENDAR.INVALID_TIME_ZONE', `unknown time zone ${String(timeZone)}`, { field: 'timeZone' });
  }
}

/** The wall-clock fields of an instant in a zone, as if they were UTC (for offset arithmetic). */
function wallClock(format: Intl.DateTimeFormat, ms: number): number {
  const p = Object.fromEntries(format.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
}

/** The local calendar date (day number) of an instant in a zone. */
function localDay(format: Intl.DateTimeFormat, ms: number): DayNumber {
  return Math.floor(wallClock(format, ms) / DAY_MS);
}

/** The first instant of a local date in a zone (its 00:00, or the first existing time after a DST gap). */
function startOfLocalDay(format: Intl.DateTimeFormat, day: DayNumber): number {
  const wall = day * DAY_MS;
  let guess = wall;
  for (let i = 0; i < 3; i++) guess = wall - (wallClock(format, guess) - guess);
  // a gap at midnight (rare): step forward to the first instant that is on this local day
  while (localDay(format, guess) < day) guess += 60_000;
  while (localDay(format, guess - 1) >= day) guess -= 60_000;
  return guess;
}

/**
 * The instant when the `days`-th working day after `start` ends, in the community's time zone:
 * the publication day itself is not counted (counting starts with the next local date), weekends
 * and holidays are skipped, make-up working days count. The end of a day is the first instant of
 * the next local date (24:00), so "ended" means `now >= result`.
 *
 * e.g. published Thursday 2026-03-05 10:00 in Shanghai, 5 working days → Fri 6, Mon 9, Tue 10,
 * Wed 11, Thu 12 → 2026-03-13T00:00+08:00 = 2026-03-12T16:00:00.000Z.
 */
export function addWorkingDays(start: Instant, days: number, calendar: WorkingDayCalendar, timeZone: string = DEFAULT_TIME_ZONE): Instant {
  const startMs = Date.parse(start);
  if (typeof start !== 'string' || Number.isNaN(startMs)) throw invalid('CALENDAR.INVALID_INSTANT', 'start must be an ISO-8601 instant', { field: 'start' });
  if (!Number.isInteger(days) || days < 1 || days > MAX_WORKING_DAYS) {
    throw invalid('CALENDAR.INVALID_DAYS', `days must be a whole number from 1 to ${MAX_WORKING_DAYS}`, { field: 'days' });
  }
  const format = requireZone(timeZone);
  const { holidays, makeUp } = compile(calendar);
  let day = localDay(format, startMs);
  for (let counted = 0; counted < days; ) {
    day += 1;
    requireKnownYear(day, calendar, `a period of ${days} working days from ${isoOf(day - 1)}`);
    if (working(day, holidays, makeUp)) counted += 1;
  }
  return new Date(startOfLocalDay(format, day + 1)).toISOString();
}
