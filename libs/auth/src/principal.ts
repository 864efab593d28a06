import type { Role } from '@cobuild/domain';

/**
 * Who is calling. Every role grant carries the scope it applies to (domain.md, "Roles"):
 * a district (auditors, district admins), a street (street admins), a community (secretaries,
 * staff, evaluators), a unit (unit contacts), a functional department, or the person themself.
 */
export type ScopeKind = 'district' | 'street' | 'community' | 'unit' | 'department' | 'self';

export interface RoleGrant {
  role: Exclude<Role, 'public' | 'system'>;
  scope: { kind: ScopeKind; id: string };
}

export interface Principal {
  /** account id; also the actor id recorded on events */
  accountId: string;
  username: string;
  displayName: string;
  grants: RoleGrant[];
  /** how the caller authenticated */
  via: 'password' | 'api_token';
}

/** The role a grant kind must have as its scope kind. */
export const SCOPE_OF_ROLE: Record<RoleGrant['role'], ScopeKind> = {
  district_admin: 'district',
  auditor: 'district',
  street_admin: 'street',
  community_secretary: 'community',
  community_staff: 'community',
  evaluator: 'community',
  unit_contact: 'unit',
  department: 'department',
  member: 'self',
};
