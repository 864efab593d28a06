import { checkYearArrangement, type YearArrangement } from '../calendar/working-days';
import { assertNever } from '../shared/decider';
import { conflict } from '../shared/domain-error';
import type { HolidayCalendarCommand, RecordHolidayArrangement } from './commands';
import type { HolidayCalendarEvent } from './events';
import type { HolidayCalendarState } from './state';

export function decideHolidayCalendar(command: HolidayCalendarCommand, state: HolidayCalendarState): HolidayCalendarEvent[] {
  switch (command.type) {
    case 'RecordHolidayArrangement':
      return record(command, state);
    default:
      return assertNever(command.type);
  }
}

function record(command: RecordHolidayArrangement, state: HolidayCalendarState): HolidayCalendarEvent[] {
  const a = checkYearArrangement(command.data);
  const current = state.status === 'recorded' ? state.years[String(a.year)] : undefined;
  if (current?.status === 'official' && a.status === 'expected') {
    throw conflict('CALENDAR.OFFICIAL_RECORDED', `the official arrangement of ${a.year} is recorded; an expected one does not replace it`, { year: a.year });
  }
  if (current && sameArrangement(current, a)) return [];
  return [{ type: 'HolidayArrangementRecorded', data: a }];
}

const sameArrangement = (x: YearArrangement, y: YearArrangement): boolean =>
  x.year === y.year &&
  x.status === y.status &&
  x.source === y.source &&
  x.holidays.join() === y.holidays.join() &&
  x.makeUpWorkdays.join() === y.makeUpWorkdays.join();
