export * from './log-pages';
export * from './verify-log';
