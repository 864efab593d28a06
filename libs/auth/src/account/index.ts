import type { Decider } from '@cobuild/domain';
import type { AccountCommand } from './commands';
import { decideAccount } from './decide';
import type { AccountEvent } from './events';
import { evolveAccount } from './evolve';
import { initialAccountState, type AccountState } from './state';

export * from './commands';
export * from './events';
export * from './state';
export * from './rules';
export * from './username-claim';

export const category = 'account';
export const streamName = (accountId: string): string => `${category}-${accountId}`;

export const decider: Decider<AccountState, AccountCommand, AccountEvent> = {
  decide: decideAccount,
  evolve: evolveAccount,
  initialState: initialAccountState,
};
