import type { Command } from '../shared/message';

/**
 * Record one year's holiday arrangement (the State Council's notice of holidays and make-up working
 * days): a year the engine does not ship, or the published version of a shipped `expected` year.
 */
export type RecordHolidayArrangement = Command<
  'RecordHolidayArrangement',
  { year: number; holidays: string[]; makeUpWorkdays: string[]; status: 'official' | 'expected'; source: string }
>;

export type HolidayCalendarCommand = RecordHolidayArrangement;
