import type { HolidayCalendarEvent } from './events';
import type { HolidayCalendarState } from './state';

export function evolveHolidayCalendar(state: HolidayCalendarState, event: HolidayCalendarEvent): HolidayCalendarState {
  switch (event.type) {
    case 'HolidayArrangementRecorded': {
      const years = state.status === 'recorded' ? state.years : {};
      return { status: 'recorded', years: { ...years, [String(event.data.year)]: { ...event.data } } };
    }
    default: {
      const unknown: never = event.type;
      return unknown;
    }
  }
}
