import { assertNever } from '../shared/decider';
import { conflict, forbidden, invalid, notFound } from '../shared/domain-error';
import { requireId, requireText } from '../guards';
import type {
  AssignUnitToCommunity,
  ChangeUnitRegistrationDetails,
  DeregisterUnit,
  RegisterUnit,
  UnitDetailsInput,
  UnitRegistrationCommand,
} from './commands';
import type { UnitDetails, UnitRegistrationEvent } from './events';
import type { UnitRegistrationState } from './state';

export function decideUnitRegistration(command: UnitRegistrationCommand, state: UnitRegistrationState): UnitRegistrationEvent[] {
  switch (command.type) {
    case 'RegisterUnit':
      return register(command, state);
    case 'AssignUnitToCommunity':
      return assign(command, state);
    case 'ChangeUnitRegistrationDetails':
      return changeDetails(command, state);
    case 'DeregisterUnit':
      return deregister(command, state);
    default:
      return assertNever(command);
  }
}

function register(command: RegisterUnit, state: UnitRegistrationState): UnitRegistrationEvent[] {
  const { unitId, communityId } = ids(command.data, state);
  const details = requireDetails(command.data);
  if (!Array.isArray(command.data.activeCommunityIds)) {
    throw invalid('UNIT.CONTEXT_REQUIRED', "the unit's active registrations must be passed in", { field: 'activeCommunityIds' });
  }
  const elsewhere = command.data.activeCommunityIds.filter((id) => id !== communityId);
  if (elsewhere.length > 0) {
    throw conflict(
      'UNIT.DISTRICT_ASSIGNMENT_REQUIRED',
      `unit ${unitId} already serves ${elsewhere.join(', ')}; serving another community needs the district's assignment`,
      { activeCommunityIds: elsewhere },
    );
  }
  return [{ type: 'UnitRegistered', data: { unitId, communityId, ...details, registeredAt: command.meta.now.toISOString() } }];
}

function assign(command: AssignUnitToCommunity, state: UnitRegistrationState): UnitRegistrationEvent[] {
  if (command.meta.actor.role !== 'district_admin') {
    throw forbidden('UNIT.ASSIGNMENT_REQUIRES_DISTRICT', 'only the district may assign a unit to a community');
  }
  const { unitId, communityId } = ids(command.data, state);
  const details = requireDetails(command.data);
  const reason = requireText(command.data.reason, 'UNIT.REASON_REQUIRED', 'reason');
  return [
    {
      type: 'UnitAssignedToCommunity',
      data: { unitId, communityId, ...details, reason, assignedAt: command.meta.now.toISOString() },
    },
  ];
}

function changeDetails(command: ChangeUnitRegistrationDetails, state: UnitRegistrationState): UnitRegistrationEvent[] {
  const current = requireRegistered(state, command.data);
  const { unitId: _u, communityId: _c, ...given } = command.data;
  const next = requireDetails({ ...pickDetails(current), ...definedOnly(given) });
  const changed = (Object.keys(next) as Array<keyof UnitDetails>).filter(
    (key) => JSON.stringify(next[key]) !== JSON.stringify(current[key]),
  );
  if (changed.length === 0) return [];
  return [
    { type: 'UnitRegistrationDetailsChanged', data: { unitId: current.unitId, communityId: current.communityId, ...next, changed } },
  ];
}

function deregister(command: DeregisterUnit, state: UnitRegistrationState): UnitRegistrationEvent[] {
  const current = requireRegistered(state, command.data);
  const reason = requireText(command.data.reason, 'UNIT.REASON_REQUIRED', 'reason');
  return [
    {
      type: 'UnitDeregistered',
      data: { unitId: current.unitId, communityId: current.communityId, reason, deregisteredAt: command.meta.now.toISOString() },
    },
  ];
}

/** Validates the ids and that no active registration exists for this (unit, community). */
function ids(data: { unitId: string; communityId: string }, state: UnitRegistrationState) {
  const unitId = requireId(data.unitId, 'UNIT.INVALID_ID', 'unitId');
  const communityId = requireId(data.communityId, 'UNIT.INVALID_ID', 'communityId');
  if (state.status === 'registered') {
    throw conflict('UNIT.ALREADY_REGISTERED', `unit ${unitId} is already registered at community ${communityId}`);
  }
  if (state.status === 'deregistered' && (state.unitId !== unitId || state.communityId !== communityId)) {
    throw invalid('UNIT.STREAM_MISMATCH', 'the command names another unit or community than this registration', {
      field: 'unitId',
    });
  }
  return { unitId, communityId };
}

function requireRegistered(state: UnitRegistrationState, data: { unitId: string; communityId: string }) {
  if (state.status !== 'registered') {
    throw notFound('UNIT.NOT_REGISTERED', `unit ${data.unitId} is not registered at community ${data.communityId}`);
  }
  return state;
}

export function requireDetails(input: Partial<UnitDetailsInput>): UnitDetails {
  const contact = input.contactPerson;
  if (!contact || typeof contact !== 'object') {
    throw invalid('UNIT.INVALID_CONTACT', 'a contact person with name and phone is required', { field: 'contactPerson' });
  }
  const phone = requireText(contact.phone, 'UNIT.INVALID_CONTACT', 'contactPerson.phone', 30);
  if (!/^[0-9+\-() ]{5,30}$/.test(phone)) {
    throw invalid('UNIT.INVALID_CONTACT', 'the contact phone may hold digits, spaces, +, - and brackets only', {
      field: 'contactPerson.phone',
    });
  }
  return {
    unitName: requireText(input.unitName, 'UNIT.NAME_REQUIRED', 'unitName', 200),
    partyOrganisationName: requireText(input.partyOrganisationName, 'UNIT.PARTY_ORGANISATION_REQUIRED', 'partyOrganisationName', 200),
    contactPerson: { name: requireText(contact.name, 'UNIT.INVALID_CONTACT', 'contactPerson.name', 50), phone },
    superiorDepartment: requireText(input.superiorDepartment, 'UNIT.SUPERIOR_DEPARTMENT_REQUIRED', 'superiorDepartment', 200),
  };
}

const pickDetails = (s: UnitDetails): UnitDetails => ({
  unitName: s.unitName,
  partyOrganisationName: s.partyOrganisationName,
  contactPerson: s.contactPerson,
  superiorDepartment: s.superiorDepartment,
});

const definedOnly = <T extends object>(o: T): Partial<T> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
