import type { Decider } from '../shared/decider';
import type { DistrictCommand } from './commands';
import { decideDistrict } from './decide';
import type { DistrictEvent } from './events';
import { evolveDistrict } from './evolve';
import { initialDistrictState, type DistrictState } from './state';

export * from './commands';
export * from './events';
export * from './state';

export const category = 'district';
export const streamName = (districtId: string): string => `${category}-${districtId}`;

export const decider: Decider<DistrictState, DistrictCommand, DistrictEvent> = {
  decide: decideDistrict,
  evolve: evolveDistrict,
  initialState: initialDistrictState,
};
