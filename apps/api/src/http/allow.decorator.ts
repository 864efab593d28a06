import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { GrantRole } from '@cobuild/auth';

export const ALLOWED_ROLES = 'cobuild:allowed-roles';

/**
 * The roles that may call an endpoint; the scope is checked against the thing it acts on.
 * Also published in the OpenAPI document as `x-allowed-roles`, which the authorisation matrix
 * test reads to try every endpoint with every role.
 */
export const Allow = (...roles: GrantRole[]) =>
  applyDecorators(SetMetadata(ALLOWED_ROLES, roles), ApiExtension('x-allowed-roles', roles));
