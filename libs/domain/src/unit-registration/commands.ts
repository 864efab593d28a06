import type { Command } from '../shared/message';
import type { ContactPerson } from './events';

/** What a stationed unit (驻区单位) declares when it reports to a community. */
export type UnitDetailsInput = {
  unitName: string;
  /** 单位党组织 — the name of the unit's Party organisation */
  partyOrganisationName: string;
  contactPerson: ContactPerson;
  /** 上级主管部门 — results are reported there */
  superiorDepartment: string;
};

/**
 * 驻区单位党组织到社区报到: the unit reports to the community where it is stationed.
 * `activeCommunityIds` is context loaded by the command handler from the registrations read model:
 * the communities where this unit currently holds an active registration. Serving a further
 * community needs the district's assignment (AssignUnitToCommunity).
 */
export type RegisterUnit = Command<
  'RegisterUnit',
  UnitDetailsInput & { unitId: string; communityId: string; activeCommunityIds: string[] }
>;

/** The district's organisation department assigns a unit to serve (another) community. district_admin only. */
export type AssignUnitToCommunity = Command<
  'AssignUnitToCommunity',
  UnitDetailsInput & { unitId: string; communityId: string; reason: string }
>;

export type ChangeUnitRegistrationDetails = Command<
  'ChangeUnitRegistrationDetails',
  Partial<UnitDetailsInput> & { unitId: string; communityId: string }
>;

export type DeregisterUnit = Command<'DeregisterUnit', { unitId: string; communityId: string; reason: string }>;

export type UnitRegistrationCommand = RegisterUnit | AssignUnitToCommunity | ChangeUnitRegistrationDetails | DeregisterUnit;
