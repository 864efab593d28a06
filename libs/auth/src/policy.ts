import type { Actor } from '@cobuild/domain';
import type { Principal, RoleGrant } from './principal';

/** Where a thing sits: its community and that community's street and district, its unit, its owner. */
export interface ScopeTarget {
  districtId?: string | null;
  streetId?: string | null;
  communityId?: string | null;
  unitId?: string | null;
  departmentId?: string | null;
  /** the person the thing belongs to (a member's own registration) */
  selfId?: string | null;
  /** units registered (双报到) at the thing's community: their contacts act there */
  servingUnitIds?: readonly string[];
  /** in-service members registered at the thing's community: they act there for themselves */
  residentMemberIds?: readonly string[];
}

export type GrantRole = RoleGrant['role'];

/** Does this grant's scope contain the target? A district contains its streets' communities, a street its communities. */
export function grantCovers(grant: RoleGrant, target: ScopeTarget): boolean {
  const id = grant.scope.id;
  switch (grant.scope.kind) {
    case 'district':
      return target.districtId === id;
    case 'street':
      return target.streetId === id;
    case 'community':
      return target.communityId === id;
    case 'unit':
      return target.unitId != null ? target.unitId === id : (target.servingUnitIds ?? []).includes(id);
    case 'department':
      return target.departmentId === id;
    case 'self':
      return target.selfId != null ? target.selfId === id : (target.residentMemberIds ?? []).includes(id);
  }
}

/**
 * The grant under which the principal may do an action that `roles` may do on `target`, or null.
 * A street admin may do what its communities' secretaries may (domain.md, Roles).
 */
export function pickGrant(principal: Principal, roles: readonly GrantRole[], target: ScopeTarget): RoleGrant | null {
  const allowed = new Set<GrantRole>(effectiveRoles(roles));
  const byPriority = [...principal.grants].sort((a, b) => roles.indexOf(a.role) - roles.indexOf(b.role));
  return byPriority.find((g) => allowed.has(g.role) && grantCovers(g, target)) ?? null;
}

/**
 * Every role that may act where `roles` are declared: a street admin may do what its communities'
 * secretaries may (domain.md, Roles). The guard, the scope check and the OpenAPI document's
 * `x-allowed-roles` all read this, so what is published is what is enforced.
 */
export function effectiveRoles(roles: readonly GrantRole[]): GrantRole[] {
  return roles.includes('community_secretary') && !roles.includes('street_admin') ? [...roles, 'street_admin'] : [...roles];
}

/** Does the principal hold any role the endpoint allows (before the target is known)? */
export function holdsAnyRole(principal: Principal, roles: readonly GrantRole[]): boolean {
  const allowed = effectiveRoles(roles);
  return principal.grants.some((g) => allowed.includes(g.role));
}

/** The actor the domain sees: the principal acting in one grant. */
export function actorOf(principal: Principal, grant: RoleGrant): Actor {
  return {
    // a member acts as themself: the domain knows them by their member id (the grant's scope)
    id: grant.scope.kind === 'self' ? grant.scope.id : principal.accountId,
    role: grant.role,
    ...(grant.scope.kind === 'unit' ? { unitId: grant.scope.id } : {}),
    ...(grant.scope.kind === 'department' ? { departmentId: grant.scope.id } : {}),
  };
}
