import type { UnitDetails, UnitRegistrationEvent } from './events';
import type { UnitRegistrationState } from './state';

const details = (d: UnitDetails): UnitDetails => ({
  unitName: d.unitName,
  partyOrganisationName: d.partyOrganisationName,
  contactPerson: { ...d.contactPerson },
  superiorDepartment: d.superiorDepartment,
});

export function evolveUnitRegistration(state: UnitRegistrationState, event: UnitRegistrationEvent): UnitRegistrationState {
  switch (event.type) {
    case 'UnitRegistered': {
      const d = event.data;
      return { status: 'registered', unitId: d.unitId, communityId: d.communityId, basis: 'reported', since: d.registeredAt, ...details(d) };
    }
    case 'UnitAssignedToCommunity': {
      const d = event.data;
      return { status: 'registered', unitId: d.unitId, communityId: d.communityId, basis: 'district_assignment', since: d.assignedAt, ...details(d) };
    }
    case 'UnitRegistrationDetailsChanged':
      return state.status === 'registered' ? { ...state, ...details(event.data) } : state;
    case 'UnitDeregistered':
      if (state.status !== 'registered') return state;
      return {
        status: 'deregistered',
        unitId: state.unitId,
        communityId: state.communityId,
        reason: event.data.reason,
        deregisteredAt: event.data.deregisteredAt,
        ...details(state),
      };
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}
