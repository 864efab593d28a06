import type { Event, Instant } from '../shared/message';

export interface ContactPerson {
  name: string;
  phone: string;
}

export type UnitDetails = {
  unitName: string;
  partyOrganisationName: string;
  contactPerson: ContactPerson;
  superiorDepartment: string;
};

/** 驻区单位党组织到社区报到: the unit reported to the community where it is stationed. */
export type UnitRegistered = Event<
  'UnitRegistered',
  UnitDetails & { unitId: string; communityId: string; registeredAt: Instant }
>;

/** A registration created by the district's assignment rather than by the unit reporting itself. */
export type UnitAssignedToCommunity = Event<
  'UnitAssignedToCommunity',
  UnitDetails & { unitId: string; communityId: string; reason: string; assignedAt: Instant }
>;

/** The unit's name, Party organisation, contact person or superior department changed; carries the full new details. */
export type UnitRegistrationDetailsChanged = Event<
  'UnitRegistrationDetailsChanged',
  UnitDetails & { unitId: string; communityId: string; changed: Array<keyof UnitDetails> }
>;

/** The unit no longer serves the community (reason required). */
export type UnitDeregistered = Event<
  'UnitDeregistered',
  { unitId: string; communityId: string; reason: string; deregisteredAt: Instant }
>;

export type UnitRegistrationEvent =
  | UnitRegistered
  | UnitAssignedToCommunity
  | UnitRegistrationDetailsChanged
  | UnitDeregistered;

export const unitRegistrationEventVersions: Record<UnitRegistrationEvent['type'], number> = {
  UnitRegistered: 1,
  UnitAssignedToCommunity: 1,
  UnitRegistrationDetailsChanged: 1,
  UnitDeregistered: 1,
};
