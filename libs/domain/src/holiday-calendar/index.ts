import type { Decider } from '../shared/decider';
import { calendarOf, type WorkingDayCalendar, type YearArrangement } from '../calendar/working-days';
import type { HolidayCalendarCommand } from './commands';
import { decideHolidayCalendar } from './decide';
import type { HolidayCalendarEvent } from './events';
import { evolveHolidayCalendar } from './evolve';
import { initialHolidayCalendarState, type HolidayCalendarState } from './state';

export * from './commands';
export * from './events';
export * from './state';

/** One stream for the country's calendar: `calendar-prc`. */
export const category = 'calendar';
export const streamName = (): string => `${category}-prc`;

export const decider: Decider<HolidayCalendarState, HolidayCalendarCommand, HolidayCalendarEvent> = {
  decide: decideHolidayCalendar,
  evolve: evolveHolidayCalendar,
  initialState: initialHolidayCalendarState,
};

/** The calendar in force: the shipped years, each replaced by the year recorded in the stream (if any). */
export function calendarInForce(shipped: readonly YearArrangement[], state: HolidayCalendarState): WorkingDayCalendar & { arrangements: YearArrangement[] } {
  return calendarOf([...shipped], state.status === 'recorded' ? Object.values(state.years) : []);
}
