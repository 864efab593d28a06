import type { Instant } from '@cobuild/domain';
import type { RoleGrant } from '../principal';

export interface ApiTokenState {
  tokenId: string;
  name: string;
  secretHash: string;
  expiresAt: Instant | null;
  revoked: boolean;
}

export interface AccountFields {
  accountId: string;
  username: string;
  displayName: string;
  passwordHash: string;
  grants: RoleGrant[];
  tokens: ApiTokenState[];
}

export type AccountState =
  | { status: 'none' }
  | ({ status: 'active' } & AccountFields)
  | ({ status: 'disabled'; disabledReason: string } & AccountFields);

export type ExistingAccount = Exclude<AccountState, { status: 'none' }>;

export const initialAccountState = (): AccountState => ({ status: 'none' });

export const sameGrant = (a: RoleGrant, b: RoleGrant): boolean =>
  a.role === b.role && a.scope.kind === b.scope.kind && a.scope.id === b.scope.id;
