import type { Decider } from '../shared/decider';
import type { CommunityCommand } from './commands';
import { decideCommunity } from './decide';
import type { CommunityEvent } from './events';
import { evolveCommunity } from './evolve';
import { initialCommunityState, type CommunityState } from './state';

export * from './commands';
export * from './events';
export * from './state';
export { applyConfiguration, MAX_OBJECTION_PERIOD_WORKING_DAYS } from './decide';

export const category = 'community';
export const streamName = (communityId: string): string => `${category}-${communityId}`;

export const decider: Decider<CommunityState, CommunityCommand, CommunityEvent> = {
  decide: decideCommunity,
  evolve: evolveCommunity,
  initialState: initialCommunityState,
};
