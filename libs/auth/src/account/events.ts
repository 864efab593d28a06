import type { Event, Instant } from '@cobuild/domain';
import type { RoleGrant } from '../principal';

/** A person's (or an integration's) account was created; the password is kept only as an argon2id hash. */
export type AccountCreated = Event<
  'AccountCreated',
  { accountId: string; username: string; displayName: string; passwordHash: string }
>;
/** The account's password was replaced (argon2id hash). */
export type AccountPasswordChanged = Event<'AccountPasswordChanged', { accountId: string; passwordHash: string }>;
/** The account may now act in `grant.role` within `grant.scope`. */
export type AccountRoleGranted = Event<'AccountRoleGranted', { accountId: string; grant: RoleGrant }>;
/** The grant was taken back. */
export type AccountRoleRevoked = Event<'AccountRoleRevoked', { accountId: string; grant: RoleGrant }>;
/** The account can no longer log in; its bearer and API tokens stop working at once. */
export type AccountDisabled = Event<'AccountDisabled', { accountId: string; reason: string }>;
/** The account may log in again. */
export type AccountEnabled = Event<'AccountEnabled', { accountId: string }>;
/** An API token for an integration; `secretHash` is the hex SHA-256 of its secret. */
export type ApiTokenIssued = Event<
  'ApiTokenIssued',
  { accountId: string; tokenId: string; name: string; secretHash: string; expiresAt: Instant | null }
>;
/** The API token no longer authenticates. */
export type ApiTokenRevoked = Event<'ApiTokenRevoked', { accountId: string; tokenId: string }>;

export type AccountEvent =
  | AccountCreated
  | AccountPasswordChanged
  | AccountRoleGranted
  | AccountRoleRevoked
  | AccountDisabled
  | AccountEnabled
  | ApiTokenIssued
  | ApiTokenRevoked;

export const accountEventVersions: Record<AccountEvent['type'], number> = {
  AccountCreated: 1,
  AccountPasswordChanged: 1,
  AccountRoleGranted: 1,
  AccountRoleRevoked: 1,
  AccountDisabled: 1,
  AccountEnabled: 1,
  ApiTokenIssued: 1,
  ApiTokenRevoked: 1,
};
