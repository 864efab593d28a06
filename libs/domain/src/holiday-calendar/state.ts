import type { YearArrangement } from '../calendar/working-days';

/** The arrangements recorded as events (the shipped data file is not part of the stream). */
export type HolidayCalendarState = { status: 'none' } | { status: 'recorded'; years: Record<string, YearArrangement> };

export const initialHolidayCalendarState = (): HolidayCalendarState => ({ status: 'none' });
