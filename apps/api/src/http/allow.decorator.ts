import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import { effectiveRoles, type GrantRole } from '@cobuild/auth';

export const ALLOWED_ROLES = 'cobuild:allowed-roles';

/**
 * The roles that may call an endpoint; the scope is checked against the thing it acts on.
 * Also published in the OpenAPI document as `x-allowed-roles`: the roles the guard lets through
 * (effectiveRoles: a street admin wherever a community secretary may act), checked by the
 * authorisation matrix test against its own table.
 */
export const Allow = (...roles: GrantRole[]) =>
  applyDecorators(SetMetadata(ALLOWED_ROLES, roles), ApiExtension('x-allowed-roles', effectiveRoles(roles)));
