export * from './masking';
export * from './runtime/document-projection';
export * from './runtime/read-store';
export * from './runtime/projection-engine';
export * from './runtime/as-of';
export * from './registry';
export * from './lists';
export * from './views';
