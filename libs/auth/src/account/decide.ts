import { assertNever, conflict, invalid, notFound } from '@cobuild/domain';
import type {
  AccountCommand,
  ChangePassword,
  CreateAccount,
  DisableAccount,
  EnableAccount,
  GrantRole,
  IssueApiToken,
  RevokeApiToken,
  RevokeRole,
} from './commands';
import type { AccountEvent } from './events';
import {
  requireGrant,
  requireId,
  requireInstant,
  requirePasswordHash,
  requireSecretHash,
  requireText,
  requireUsername,
} from './rules';
import { sameGrant, type AccountState, type ExistingAccount } from './state';

export function decideAccount(command: AccountCommand, state: AccountState): AccountEvent[] {
  switch (command.type) {
    case 'CreateAccount':
      return create(command, state);
    case 'ChangePassword':
      return changePassword(command, existing(state, command.data.accountId));
    case 'GrantRole':
      return grantRole(command, existing(state, command.data.accountId));
    case 'RevokeRole':
      return revokeRole(command, existing(state, command.data.accountId));
    case 'DisableAccount':
      return disable(command, existing(state, command.data.accountId));
    case 'EnableAccount':
      return enable(command, existing(state, command.data.accountId));
    case 'IssueApiToken':
      return issueToken(command, existing(state, command.data.accountId));
    case 'RevokeApiToken':
      return revokeToken(command, existing(state, command.data.accountId));
    default:
      return assertNever(command);
  }
}

function existing(state: AccountState, accountId: string): ExistingAccount {
  if (state.status === 'none') throw notFound('ACCOUNT.NOT_FOUND', `account ${accountId} does not exist`);
  return state;
}

function create(command: CreateAccount, state: AccountState): AccountEvent[] {
  if (state.status !== 'none') throw conflict('ACCOUNT.ALREADY_EXISTS', `account ${command.data.accountId} already exists`);
  const accountId = requireId(command.data.accountId, 'ACCOUNT.INVALID_ID', 'accountId');
  const username = requireUsername(command.data.username);
  const displayName = requireText(command.data.displayName, 'ACCOUNT.DISPLAY_NAME_REQUIRED', 'displayName', 100);
  const passwordHash = requirePasswordHash(command.data.passwordHash);
  return [{ type: 'AccountCreated', data: { accountId, username, displayName, passwordHash } }];
}

function changePassword(command: ChangePassword, state: ExistingAccount): AccountEvent[] {
  const passwordHash = requirePasswordHash(command.data.passwordHash);
  return [{ type: 'AccountPasswordChanged', data: { accountId: state.accountId, passwordHash } }];
}

function grantRole(command: GrantRole, state: ExistingAccount): AccountEvent[] {
  const grant = requireGrant(command.data.grant);
  if (state.grants.some((g) => sameGrant(g, grant))) return [];
  return [{ type: 'AccountRoleGranted', data: { accountId: state.accountId, grant } }];
}

function revokeRole(command: RevokeRole, state: ExistingAccount): AccountEvent[] {
  const grant = requireGrant(command.data.grant);
  if (!state.grants.some((g) => sameGrant(g, grant)))
    throw notFound('ACCOUNT.GRANT_NOT_FOUND', `${state.username} does not hold ${grant.role} on ${grant.scope.kind} ${grant.scope.id}`);
  return [{ type: 'AccountRoleRevoked', data: { accountId: state.accountId, grant } }];
}

function disable(command: DisableAccount, state: ExistingAccount): AccountEvent[] {
  const reason = requireText(command.data.reason, 'ACCOUNT.REASON_REQUIRED', 'reason', 500);
  if (state.status === 'disabled') return [];
  return [{ type: 'AccountDisabled', data: { accountId: state.accountId, reason } }];
}

function enable(_command: EnableAccount, state: ExistingAccount): AccountEvent[] {
  if (state.status === 'active') return [];
  return [{ type: 'AccountEnabled', data: { accountId: state.accountId } }];
}

function issueToken(command: IssueApiToken, state: ExistingAccount): AccountEvent[] {
  if (state.status === 'disabled') throw conflict('ACCOUNT.DISABLED', `account ${state.username} is disabled`);
  const tokenId = requireId(command.data.tokenId, 'ACCOUNT.INVALID_TOKEN_ID', 'tokenId');
  if (state.tokens.some((t) => t.tokenId === tokenId)) throw conflict('ACCOUNT.TOKEN_EXISTS', `token ${tokenId} already exists`);
  const name = requireText(command.data.name, 'ACCOUNT.TOKEN_NAME_REQUIRED', 'name', 100);
  if (state.tokens.some((t) => !t.revoked && t.name === name))
    throw conflict('ACCOUNT.TOKEN_NAME_TAKEN', `${state.username} already has a live token named ${name}`);
  const secretHash = requireSecretHash(command.data.secretHash);
  let expiresAt: string | null = null;
  if (command.data.expiresAt !== null && command.data.expiresAt !== undefined) {
    expiresAt = requireInstant(command.data.expiresAt, 'ACCOUNT.INVALID_EXPIRY', 'expiresAt');
    if (Date.parse(expiresAt) <= command.meta.now.getTime())
      throw invalid('ACCOUNT.INVALID_EXPIRY', 'expiresAt must be in the future', { field: 'expiresAt' });
  }
  return [{ type: 'ApiTokenIssued', data: { accountId: state.accountId, tokenId, name, secretHash, expiresAt } }];
}

function revokeToken(command: RevokeApiToken, state: ExistingAccount): AccountEvent[] {
  const token = state.tokens.find((t) => t.tokenId === command.data.tokenId);
  if (!token) throw notFound('ACCOUNT.TOKEN_NOT_FOUND', `${state.username} has no token ${command.data.tokenId}`);
  if (token.revoked) return [];
  return [{ type: 'ApiTokenRevoked', data: { accountId: state.accountId, tokenId: token.tokenId } }];
}
