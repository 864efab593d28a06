import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@cobuild/event-store';
import { SHIPPED_ARRANGEMENTS, type WorkingDayCalendar, type YearArrangement } from '../../../../libs/domain/src/calendar';
import { holidayCalendarInForce } from '../../../common/src/holiday-calendar';

/** The year arrangements shipped with the engine (prc-holidays.json); a deployment may provide others under this token. */
export const WORKING_DAY_CALENDAR = Symbol('WORKING_DAY_CALENDAR');

export const workingDayCalendarProvider = { provide: WORKING_DAY_CALENDAR, useValue: SHIPPED_ARRANGEMENTS satisfies readonly YearArrangement[] };

/** The working-day calendar objection periods are counted by (domain.md, "Public notices"): shipped years plus recorded ones. */
@Injectable()
export class WorkingDayCalendars {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(WORKING_DAY_CALENDAR) private readonly shipped: readonly YearArrangement[],
  ) {}

  inForce(position?: number): Promise<WorkingDayCalendar & { arrangements: YearArrangement[] }> {
    return holidayCalendarInForce(this.store, { position, shipped: this.shipped });
  }
}
