export * from './working-days';
export { PRC_2026, PRC_CALENDAR } from './prc-2026';
