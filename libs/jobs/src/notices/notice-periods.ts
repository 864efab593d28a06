import type { community } from '@cobuild/domain';

/**
 * Periodic notices (定期公示): one per community per period of its `noticeFrequency` (weekly,
 * monthly by default, quarterly), published at `hour` local time on the period's first day
 * (weeks start on Monday), in the community's time zone. Pure: instants in, instants out.
 */
export interface NoticePeriod {
  /** 2026-06, 2026-Q3 or 2026-W23 (ISO week) */
  key: string;
  /** when the period's notice goes out (ISO instant, UTC) */
  publishAt: string;
  /** for titles: 2026年6月, 2026年第3季度, 2026年第23周 */
  label: string;
}

type Ymd = { y: number; m: number; d: number };
const DAY = 86_400_000;

function localDate(ms: number, timeZone: string): Ymd {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(ms)).map((x) => [x.type, x.value]),
  );
  return { y: Number(p.year), m: Number(p.month), d: Number(p.day) };
}

/** the instant a local wall-clock time happens in a zone */
function localToInstant(date: Ymd, hour: number, timeZone: string): number {
  const f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const wallOf = (ms: number) => {
    const p = Object.fromEntries(f.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
    return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  };
  const wall = Date.UTC(date.y, date.m - 1, date.d, hour);
  let guess = wall;
  for (let i = 0; i < 3; i++) guess = wall - (wallOf(guess) - guess);
  return guess;
}

function isoWeek(date: Ymd): { year: number; week: number } {
  const t = new Date(Date.UTC(date.y, date.m - 1, date.d));
  const dow = (t.getUTCDay() + 6) % 7; // Monday 0
  t.setUTCDate(t.getUTCDate() - dow + 3); // the week's Thursday decides its year
  const year = t.getUTCFullYear();
  const week = 1 + Math.floor((t.getTime() - Date.UTC(year, 0, 1)) / DAY / 7);
  return { year, week };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The period starting on a local date (which must be a period's first day). */
function periodStarting(frequency: community.NoticeFrequency, start: Ymd, hour: number, timeZone: string): NoticePeriod {
  const publishAt = new Date(localToInstant(start, hour, timeZone)).toISOString();
  switch (frequency) {
    case 'monthly':
      return { key: `${start.y}-${pad(start.m)}`, publishAt, label: `${start.y}年${start.m}月` };
    case 'quarterly': {
      const q = Math.floor((start.m - 1) / 3) + 1;
      return { key: `${start.y}-Q${q}`, publishAt, label: `${start.y}年第${q}季度` };
    }
    case 'weekly': {
      const w = isoWeek(start);
      return { key: `${w.year}-W${pad(w.week)}`, publishAt, label: `${w.year}年第${w.week}周` };
    }
  }
}

/** The first period whose notice goes out strictly after `after` (an ISO instant). */
export function nextNoticePeriod(frequency: community.NoticeFrequency, after: string, timeZone: string, hour = 9): NoticePeriod {
  const afterMs = Date.parse(after);
  let date = localDate(afterMs, timeZone);
  for (let i = 0; i < 3; i++) {
    const start = firstDayOnOrAfter(frequency, date);
    const period = periodStarting(frequency, start, hour, timeZone);
    if (Date.parse(period.publishAt) > afterMs) return period;
    const next = new Date(Date.UTC(start.y, start.m - 1, start.d) + DAY);
    date = { y: next.getUTCFullYear(), m: next.getUTCMonth() + 1, d: next.getUTCDate() };
  }
  throw new Error('unreachable: no period found');
}

/** the first day of a period on or after a local date */
function firstDayOnOrAfter(frequency: community.NoticeFrequency, date: Ymd): Ymd {
  const at = (y: number, m: number, d: number): Ymd => {
    const t = new Date(Date.UTC(y, m - 1, d));
    return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
  };
  switch (frequency) {
    case 'monthly':
      return date.d === 1 ? date : at(date.y, date.m + 1, 1);
    case 'quarterly':
      return date.d === 1 && (date.m - 1) % 3 === 0 ? date : at(date.y, Math.floor((date.m - 1) / 3) * 3 + 4, 1);
    case 'weekly': {
      const dow = (new Date(Date.UTC(date.y, date.m - 1, date.d)).getUTCDay() + 6) % 7;
      return dow === 0 ? date : at(date.y, date.m, date.d + 7 - dow);
    }
  }
}
