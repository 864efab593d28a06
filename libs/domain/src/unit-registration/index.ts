import type { Decider } from '../shared/decider';
import type { UnitRegistrationCommand } from './commands';
import { decideUnitRegistration } from './decide';
import type { UnitRegistrationEvent } from './events';
import { evolveUnitRegistration } from './evolve';
import { initialUnitRegistrationState, type UnitRegistrationState } from './state';

export * from './commands';
export * from './events';
export * from './state';

export const category = 'unitRegistration';

/** One stream per (unit, community): appending the first event with expected revision 'no_stream' makes it unique. */
export const registrationId = (unitId: string, communityId: string): string => `${unitId}:${communityId}`;
export const streamName = (id: string): string => `${category}-${id}`;
export const streamNameFor = (unitId: string, communityId: string): string => streamName(registrationId(unitId, communityId));

export const decider: Decider<UnitRegistrationState, UnitRegistrationCommand, UnitRegistrationEvent> = {
  decide: decideUnitRegistration,
  evolve: evolveUnitRegistration,
  initialState: initialUnitRegistrationState,
};
