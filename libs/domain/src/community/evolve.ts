import type { CommunityEvent } from './events';
import type { CommunityState } from './state';

export function evolveCommunity(state: CommunityState, event: CommunityEvent): CommunityState {
  switch (event.type) {
    case 'CommunityRegistered':
      return { status: 'registered', ...event.data, configuration: { ...event.data.configuration } };
    case 'CommunityRenamed':
      return state.status === 'registered' ? { ...state, name: event.data.name } : state;
    case 'CommunityConfigured':
      return state.status === 'registered' ? { ...state, configuration: { ...event.data.configuration } } : state;
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}
