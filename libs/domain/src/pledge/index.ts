import type { Decider } from '../shared/decider';
import type { PledgeCommand } from './commands';
import { decidePledge } from './decide';
import type { PledgeEvent } from './events';
import { evolvePledge } from './evolve';
import { initialPledgeState, type PledgeState } from './state';

export * from './commands';
export * from './events';
export * from './state';

/** 资源清单: one stream per pledge; the stream is the consistency boundary for its capacity. */
export const category = 'pledge';
export const streamName = (pledgeId: string): string => `${category}-${pledgeId}`;

export const decider: Decider<PledgeState, PledgeCommand, PledgeEvent> = {
  decide: decidePledge,
  evolve: evolvePledge,
  initialState: initialPledgeState,
};
