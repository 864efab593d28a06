import { SetMetadata } from '@nestjs/common';
import type { GrantRole } from '@cobuild/auth';

export const ALLOWED_ROLES = 'cobuild:allowed-roles';
export const PUBLIC_ROUTE = 'cobuild:public-route';

/** The roles that may call an endpoint; the scope is checked against the thing it acts on. */
export const Allow = (...roles: GrantRole[]) => SetMetadata(ALLOWED_ROLES, roles);
