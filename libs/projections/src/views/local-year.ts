/** The calendar year of an instant in Asia/Shanghai (UTC+8 all year: no daylight saving since 1991). */
export function shanghaiYear(instant: string | Date): number {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  return new Date(ms + 8 * 3600 * 1000).getUTCFullYear();
}
