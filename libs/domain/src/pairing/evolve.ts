import type { PairingEvent } from './events';
import type { PairingState } from './state';

export function evolvePairing(state: PairingState, event: PairingEvent): PairingState {
  switch (event.type) {
    case 'PairingAgreementSigned': {
      const d = event.data;
      return {
        status: 'active',
        pairingId: d.pairingId,
        communityId: d.communityId,
        unitIds: [...d.unitIds],
        term: { ...d.term },
        commitments: d.commitments.map((c) => ({ ...c })),
      };
    }
    case 'UnitAddedToPairing':
      if (state.status !== 'active') return state;
      return {
        ...state,
        unitIds: [...state.unitIds, event.data.unitId],
        commitments: [...state.commitments, ...event.data.commitments.map((c) => ({ ...c }))],
      };
    case 'UnitRemovedFromPairing':
      if (state.status !== 'active') return state;
      return {
        ...state,
        unitIds: state.unitIds.filter((id) => id !== event.data.unitId),
        commitments: state.commitments.filter((c) => c.partyId !== event.data.unitId),
      };
    case 'PairingCommitmentsAmended':
      return state.status === 'active' ? { ...state, commitments: event.data.commitments.map((c) => ({ ...c })) } : state;
    case 'PairingTerminated':
      return state.status === 'active' ? { ...state, status: 'terminated', reason: event.data.reason } : state;
    case 'PairingExpired':
      return state.status === 'active' ? { ...state, status: 'expired' } : state;
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}
