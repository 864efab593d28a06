import type { StreetEvent } from './events';
import type { StreetState } from './state';

export function evolveStreet(state: StreetState, event: StreetEvent): StreetState {
  switch (event.type) {
    case 'StreetRegistered':
      return { status: 'registered', ...event.data };
    case 'StreetRenamed':
      return state.status === 'registered' ? { ...state, name: event.data.name } : state;
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}
