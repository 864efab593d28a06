import type { Decider } from '../shared/decider';
import type { NeedCommand } from './commands';
import { decideNeed } from './decide';
import type { NeedEvent } from './events';
import { evolveNeed } from './evolve';
import { initialNeedState, type NeedState } from './state';

export * from './commands';
export * from './events';
export * from './state';
export { needPersonalData } from './decide';
export { compareNeedsForList } from './ordering';

/** 需求清单: one stream per need. */
export const category = 'need';
export const streamName = (needId: string): string => `${category}-${needId}`;

export const decider: Decider<NeedState, NeedCommand, NeedEvent> = {
  decide: decideNeed,
  evolve: evolveNeed,
  initialState: initialNeedState,
};
