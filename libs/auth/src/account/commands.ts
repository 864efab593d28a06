import type { Command } from '@cobuild/domain';
import type { RoleGrant } from '../principal';

/** The password arrives already hashed (argon2id): the decider does no I/O and draws no randomness. */
export type CreateAccount = Command<
  'CreateAccount',
  { accountId: string; username: string; displayName: string; passwordHash: string }
>;
export type ChangePassword = Command<'ChangePassword', { accountId: string; passwordHash: string }>;
export type GrantRole = Command<'GrantRole', { accountId: string; grant: RoleGrant }>;
export type RevokeRole = Command<'RevokeRole', { accountId: string; grant: RoleGrant }>;
export type DisableAccount = Command<'DisableAccount', { accountId: string; reason: string }>;
export type EnableAccount = Command<'EnableAccount', { accountId: string }>;
/** `secretHash` is the hex SHA-256 of the token's secret; the plaintext is never stored. */
export type IssueApiToken = Command<
  'IssueApiToken',
  { accountId: string; tokenId: string; name: string; secretHash: string; expiresAt: string | null }
>;
export type RevokeApiToken = Command<'RevokeApiToken', { accountId: string; tokenId: string }>;

export type AccountCommand =
  | CreateAccount
  | ChangePassword
  | GrantRole
  | RevokeRole
  | DisableAccount
  | EnableAccount
  | IssueApiToken
  | RevokeApiToken;
