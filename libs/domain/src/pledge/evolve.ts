import type { PledgeEvent } from './events';
import { confirmedStatusOf, type ExistingPledge, type PledgeState } from './state';

export function evolvePledge(state: PledgeState, event: PledgeEvent): PledgeState {
  if (event.type === 'ResourcePledged') {
    const d = event.data;
    return {
      status: 'pledged',
      pledgeId: d.pledgeId,
      communityId: d.communityId,
      pledger: { ...d.pledger },
      type: d.type,
      description: d.description,
      capacity: { ...d.capacity },
      availability: { ...d.availability },
      contact: { ...d.contact },
      meetingId: null,
      allocations: {},
      reason: null,
    };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'PledgeListed':
      return { ...state, status: 'listed', meetingId: event.data.meetingId };
    case 'PledgeRejected':
      return { ...state, status: 'rejected', reason: event.data.reason };
    case 'PledgeCapacityAllocated': {
      const { allocationId, taskId, quantity } = event.data;
      return withConfirmedStatus({
        ...state,
        allocations: { ...state.allocations, [allocationId]: { allocationId, taskId, quantity, released: false } },
      });
    }
    case 'PledgeAllocationReleased': {
      const allocation = state.allocations[event.data.allocationId];
      if (!allocation) return state;
      return withConfirmedStatus({
        ...state,
        allocations: { ...state.allocations, [allocation.allocationId]: { ...allocation, released: true } },
      });
    }
    case 'PledgeWithdrawn':
      return { ...state, status: 'withdrawn', reason: event.data.reason };
    case 'PledgeExpired':
      return { ...state, status: 'expired' };
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

/** While confirmed, the status follows the numbers; expired/withdrawn pledges keep theirs. */
function withConfirmedStatus(state: ExistingPledge): ExistingPledge {
  if (state.status === 'listed' || state.status === 'partly_allocated' || state.status === 'exhausted') {
    return { ...state, status: confirmedStatusOf(state) };
  }
  return state;
}
