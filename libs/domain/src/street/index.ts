import type { Decider } from '../shared/decider';
import type { StreetCommand } from './commands';
import { decideStreet } from './decide';
import type { StreetEvent } from './events';
import { evolveStreet } from './evolve';
import { initialStreetState, type StreetState } from './state';

export * from './commands';
export * from './events';
export * from './state';

export const category = 'street';
export const streamName = (streetId: string): string => `${category}-${streetId}`;

export const decider: Decider<StreetState, StreetCommand, StreetEvent> = {
  decide: decideStreet,
  evolve: evolveStreet,
  initialState: initialStreetState,
};
