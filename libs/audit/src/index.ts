export * from './log-pages';
export * from './verify-log';
export * from './notice-digest';
export * from './timeline';
