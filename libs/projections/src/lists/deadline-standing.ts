import { task } from '@cobuild/domain';

/** How a task stands against its deadline at one instant, in the community's time zone. */
export interface DeadlineStanding {
  /** work is still expected (assigned, accepted, in progress) and the deadline has passed */
  overdue: boolean;
  /** local calendar days until the deadline's day (0: due today); null when overdue, done or undated */
  daysToDeadline: number | null;
  /** local calendar days since the deadline's day (0: it passed today); null unless overdue */
  daysOverdue: number | null;
}

const DAY_MS = 86_400_000;
const formats = new Map<string, Intl.DateTimeFormat>();

/** the local calendar date of an instant, as days since 1970-01-01 */
function localDay(ms: number, timeZone: string): number {
  let f = formats.get(timeZone);
  if (!f) formats.set(timeZone, (f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })));
  const p = Object.fromEntries(f.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day)) / DAY_MS;
}

/**
 * A deadline at local midnight (24:00, "by 1 December" = 2 December 00:00) belongs to the day
 * before, so its day is that of the instant just before it.
 */
export function deadlineStanding(deadline: string | null, status: task.TaskStatus, now: Date, timeZone: string): DeadlineStanding {
  if (!deadline || !task.ACTIVE_TASK_STATUSES.includes(status)) return { overdue: false, daysToDeadline: null, daysOverdue: null };
  const due = Date.parse(deadline);
  const days = localDay(due - 1, timeZone) - localDay(now.getTime(), timeZone);
  if (now.getTime() >= due) return { overdue: true, daysToDeadline: null, daysOverdue: Math.max(0, -days) };
  return { overdue: false, daysToDeadline: Math.max(0, days), daysOverdue: null };
}
