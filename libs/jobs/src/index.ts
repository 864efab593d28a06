export * from './job-plan';
export * from './job-clock';
export * from './queues';
export { jobRules } from './rules';
export * from './local-time';
export * from './rules/task-reminders.rule';
export * from './rules/rating-reminders.rule';
export * from './rules/year-end-reminders.rule';
export * from './dispatcher-progress';
