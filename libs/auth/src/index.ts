export * from './principal';
export * from './policy';
export * as account from './account';
export * from './accounts.service';
export * from './api-token';
export { hashPassword } from './password-hashing';
