import type { RoleGrant } from '@cobuild/auth';
import { UsageError } from '../usage-error';

/** `<role>:<scopeKind>:<scopeId>`, e.g. `district_admin:district:d-chengdong`; the account rules check the rest. */
export function parseGrant(spec: string): RoleGrant {
  const parts = spec.split(':');
  if (parts.length !== 3 || parts.some((p) => p === ''))
    throw new UsageError(`grant "${spec}" must be <role>:<scopeKind>:<scopeId>, e.g. district_admin:district:d1`);
  const [role, kind, id] = parts;
  return { role, scope: { kind, id } } as RoleGrant;
}
