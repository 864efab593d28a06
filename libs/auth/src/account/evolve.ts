import type { AccountEvent } from './events';
import { sameGrant, type AccountState } from './state';

export function evolveAccount(state: AccountState, event: AccountEvent): AccountState {
  if (event.type === 'AccountCreated') {
    if (state.status !== 'none') return state;
    return { status: 'active', ...event.data, grants: [], tokens: [] };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'AccountPasswordChanged':
      return { ...state, passwordHash: event.data.passwordHash };
    case 'AccountRoleGranted':
      return state.grants.some((g) => sameGrant(g, event.data.grant)) ? state : { ...state, grants: [...state.grants, event.data.grant] };
    case 'AccountRoleRevoked':
      return { ...state, grants: state.grants.filter((g) => !sameGrant(g, event.data.grant)) };
    case 'AccountDisabled':
      return { ...state, status: 'disabled', disabledReason: event.data.reason };
    case 'AccountEnabled': {
      if (state.status !== 'disabled') return state;
      const { disabledReason: _dropped, ...rest } = state;
      return { ...rest, status: 'active' };
    }
    case 'ApiTokenIssued': {
      const { tokenId, name, secretHash, expiresAt } = event.data;
      return { ...state, tokens: [...state.tokens, { tokenId, name, secretHash, expiresAt, revoked: false }] };
    }
    case 'ApiTokenRevoked':
      return { ...state, tokens: state.tokens.map((t) => (t.tokenId === event.data.tokenId ? { ...t, revoked: true } : t)) };
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}
