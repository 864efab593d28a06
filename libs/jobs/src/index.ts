export * from './job-plan';
export * from './job-clock';
export * from './queues';
export { jobRules } from './rules';
