import { fold, holidayCalendar } from '@cobuild/domain';
import type { EventStore } from '@cobuild/event-store';
import { SHIPPED_ARRANGEMENTS, type WorkingDayCalendar, type YearArrangement } from '../../../libs/domain/src/calendar';

/**
 * The working-day calendar in force at a position of the log (default: now): the shipped data file
 * (prc-holidays.json), each year replaced by the arrangement a district admin recorded for it on
 * `calendar-prc` up to that position. Periods are computed with it when a notice is published and
 * stored in the notice's event, so replay and as-of read the end that was set with the calendar
 * then in force.
 */
export async function holidayCalendarInForce(
  store: EventStore,
  options: { position?: number; shipped?: readonly YearArrangement[] } = {},
): Promise<WorkingDayCalendar & { arrangements: YearArrangement[] }> {
  const events = await store.readStream(holidayCalendar.streamName());
  const upTo = options.position ?? Number.POSITIVE_INFINITY;
  const state = fold(
    holidayCalendar.decider,
    events.filter((e) => e.position <= upTo).map((e) => ({ type: e.type, data: e.data }) as holidayCalendar.HolidayCalendarEvent),
  );
  return holidayCalendar.calendarInForce(options.shipped ?? SHIPPED_ARRANGEMENTS, state);
}
