import type { DistrictEvent } from './events';
import type { DistrictState } from './state';

export function evolveDistrict(state: DistrictState, event: DistrictEvent): DistrictState {
  switch (event.type) {
    case 'DistrictRegistered':
      return { status: 'registered', districtId: event.data.districtId, name: event.data.name };
    case 'DistrictRenamed':
      return state.status === 'registered' ? { ...state, name: event.data.name } : state;
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}
