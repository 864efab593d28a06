/** Local wall-clock arithmetic in a community's time zone (instants stay UTC). */

const formats = new Map<string, Intl.DateTimeFormat>();

function format(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formats.set(timeZone, f);
  }
  return f;
}

/** the wall-clock fields of an instant in the zone, read as if they were UTC */
function wall(ms: number, timeZone: string): number {
  const p = Object.fromEntries(format(timeZone).formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
}

/** The instant of `hour`:00 local time, `days` local days after (negative: before) the local date of `instant`. */
export function localHourOnDay(instant: string | Date, days: number, hour: number, timeZone: string): Date {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  const w = new Date(wall(ms, timeZone));
  const target = Date.UTC(w.getUTCFullYear(), w.getUTCMonth(), w.getUTCDate() + days, hour);
  let guess = target;
  for (let i = 0; i < 3; i++) guess = target - (wall(guess, timeZone) - guess);
  return new Date(guess);
}

/** The instant of `hour`:00 local time on `MM-DD` of the local year of `instant`. */
export function localDateInYear(instant: string | Date, monthDay: string, hour: number, timeZone: string): Date {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  const year = new Date(wall(ms, timeZone)).getUTCFullYear();
  const [m, d] = monthDay.split('-').map(Number);
  const target = Date.UTC(year, m - 1, d, hour);
  let guess = target;
  for (let i = 0; i < 3; i++) guess = target - (wall(guess, timeZone) - guess);
  return new Date(guess);
}

/** The local calendar year of an instant in the zone. */
export function localYear(instant: string | Date, timeZone: string): number {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  return new Date(wall(ms, timeZone)).getUTCFullYear();
}

/** The first `hour`:00 local on `MM-DD` strictly after `instant`: this local year's, or next year's when it has passed. */
export function nextLocalDate(instant: string | Date, monthDay: string, hour: number, timeZone: string): { year: number; at: Date } {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  const year = localYear(new Date(ms), timeZone);
  const at = localDateInYear(new Date(ms), monthDay, hour, timeZone);
  if (at.getTime() > ms) return { year, at };
  // mid-year of the next year is in that local year in every zone
  return { year: year + 1, at: localDateInYear(new Date(Date.UTC(year + 1, 5, 15)), monthDay, hour, timeZone) };
}
