export * from './working-days';
export { PRC_2026, PRC_CALENDAR, SHIPPED_ARRANGEMENTS } from './prc-calendar';
