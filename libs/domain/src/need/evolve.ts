import type { NeedEvent } from './events';
import type { NeedState } from './state';

export function evolveNeed(state: NeedState, event: NeedEvent): NeedState {
  if (event.type === 'NeedSubmitted') {
    const d = event.data;
    return {
      ...d,
      beneficiaries: { ...d.beneficiaries },
      location: { ...d.location },
      requester: { ...d.requester },
      status: 'submitted',
      tasks: {},
      mergedInto: null,
      reason: null,
      publicTitle: null,
    };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'NeedListed':
      return { ...state, status: 'listed' };
    case 'NeedPublicTitleConfirmed':
      return { ...state, publicTitle: event.data.publicTitle };
    case 'NeedRejected':
      return { ...state, status: 'rejected', reason: event.data.reason };
    case 'NeedMerged':
      return { ...state, status: 'merged', mergedInto: event.data.intoNeedId };
    case 'NeedUrgencyChanged':
      return { ...state, urgency: event.data.to };
    case 'NeedMatched':
      return { ...state, status: 'matched', tasks: { ...state.tasks, [event.data.taskId]: 'open' } };
    case 'NeedMatchReleased': {
      const { [event.data.taskId]: _released, ...tasks } = state.tasks;
      return { ...state, tasks };
    }
    case 'NeedReturnedToList':
      return { ...state, status: 'listed' };
    case 'NeedTaskVerified':
      return { ...state, tasks: { ...state.tasks, [event.data.taskId]: 'verified' } };
    case 'NeedFulfilled':
      return { ...state, status: 'fulfilled' };
    case 'NeedTaskReopened':
      return {
        ...state,
        status: state.status === 'fulfilled' ? 'matched' : state.status,
        tasks: { ...state.tasks, [event.data.taskId]: 'open' },
      };
    case 'NeedWithdrawn':
      return { ...state, status: 'withdrawn', reason: event.data.reason };
    case 'NeedClosedUnfulfilled':
      return { ...state, status: 'closed', reason: event.data.reason };
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}
