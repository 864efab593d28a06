import type { Decider } from '../shared/decider';
import type { PairingCommand } from './commands';
import { decidePairing } from './decide';
import type { PairingEvent } from './events';
import { evolvePairing } from './evolve';
import { initialPairingState, type PairingState } from './state';

export * from './commands';
export * from './events';
export * from './state';

export const category = 'pairing';
export const streamName = (pairingId: string): string => `${category}-${pairingId}`;

export const decider: Decider<PairingState, PairingCommand, PairingEvent> = {
  decide: decidePairing,
  evolve: evolvePairing,
  initialState: initialPairingState,
};
