import { invalid } from '../shared/domain-error';
import type { Instant } from '../shared/message';

/**
 * A working-day calendar as data (domain.md, "Public notices"): Saturdays and Sundays are rest
 * days, `holidays` are rest days too, and `makeUpWorkdays` (调休上班) are working days even when they
 * fall on a weekend. Dates are local calendar dates, `YYYY-MM-DD`.
 */
export interface WorkingDayCalendar {
  holidays: string[];
  makeUpWorkdays: string[];
}

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

/** Is this local date a working day by the calendar? */
export function isWorkingDay(date: string, calendar: WorkingDayCalendar): boolean {
  const { holidays, makeUp } = compile(calendar);
  return working(dayOf(date, 'date'), holidays, makeUp);
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
    if (working(day, holidays, makeUp)) counted += 1;
  }
  return new Date(startOfLocalDay(format, day + 1)).toISOString();
}
