import { PRC_CALENDAR, type WorkingDayCalendar } from '../../../../libs/domain/src/calendar';

/** The working-day calendar objection periods are counted by (domain.md, "Public notices"). */
export const WORKING_DAY_CALENDAR = Symbol('WORKING_DAY_CALENDAR');

/** The PRC calendar shipped with the engine; a deployment may provide another under the same token. */
export const workingDayCalendarProvider = { provide: WORKING_DAY_CALENDAR, useValue: PRC_CALENDAR satisfies WorkingDayCalendar };
