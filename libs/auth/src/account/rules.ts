import { invalid } from '@cobuild/domain';
import { SCOPE_OF_ROLE, type RoleGrant } from '../principal';

export const MIN_PASSWORD_LENGTH = 12;
/** argon2 takes any length; a cap keeps a login request from costing more than it should */
export const MAX_PASSWORD_LENGTH = 1024;
const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._-]{1,31}$/;
const ID = /^[^\s:]{1,128}$/;

/** 2–32 characters: letters, digits, '.', '_' or '-', starting with a letter or digit. Unique ignoring case. */
export function requireUsername(value: unknown): string {
  if (typeof value !== 'string' || !USERNAME.test(value))
    throw invalid(
      'ACCOUNT.INVALID_USERNAME',
      'username must be 2–32 letters, digits, ".", "_" or "-", starting with a letter or digit',
      { field: 'username' },
    );
  return value;
}

/** Applied by the service before hashing (the decider only ever sees the hash). */
export function requireStrongPassword(value: unknown): string {
  if (typeof value !== 'string' || [...value].length < MIN_PASSWORD_LENGTH)
    throw invalid('ACCOUNT.WEAK_PASSWORD', `password must be at least ${MIN_PASSWORD_LENGTH} characters`, { field: 'password' });
  if (value.length > MAX_PASSWORD_LENGTH)
    throw invalid('ACCOUNT.WEAK_PASSWORD', `password must be at most ${MAX_PASSWORD_LENGTH} characters`, { field: 'password' });
  return value;
}

export function requireText(value: unknown, code: string, field: string, max: number): string {
  if (typeof value !== 'string' || value.trim() === '') throw invalid(code, `${field} must not be empty`, { field });
  const text = value.trim();
  if ([...text].length > max) throw invalid(code, `${field} must be at most ${max} characters`, { field, max });
  return text;
}

export function requireId(value: unknown, code: string, field: string): string {
  if (typeof value !== 'string' || !ID.test(value))
    throw invalid(code, `${field} must be a non-empty id without spaces or ':'`, { field });
  return value;
}

/** Only argon2 hashes are accepted, so a plaintext password can never end up in the log by mistake. */
export function requirePasswordHash(value: unknown): string {
  if (typeof value !== 'string' || !/^\$argon2(id|i|d)\$/.test(value))
    throw invalid('ACCOUNT.INVALID_PASSWORD_HASH', 'passwordHash must be an argon2 hash', { field: 'passwordHash' });
  return value;
}

export function requireSecretHash(value: unknown): string {
  if (typeof value !== 'string' || !/^[0-9a-f]{64}$/.test(value))
    throw invalid('ACCOUNT.INVALID_SECRET_HASH', 'secretHash must be a hex SHA-256', { field: 'secretHash' });
  return value;
}

/** A known role whose scope kind is the one SCOPE_OF_ROLE names, with a usable scope id. */
export function requireGrant(value: unknown): RoleGrant {
  const g = value as RoleGrant | undefined;
  const role = g?.role;
  if (typeof role !== 'string' || !Object.prototype.hasOwnProperty.call(SCOPE_OF_ROLE, role))
    throw invalid('ACCOUNT.INVALID_ROLE', `unknown role ${JSON.stringify(role)}; one of ${Object.keys(SCOPE_OF_ROLE).join(', ')}`, {
      field: 'grant.role',
    });
  const expected = SCOPE_OF_ROLE[role];
  if (g?.scope?.kind !== expected)
    throw invalid('ACCOUNT.GRANT_SCOPE_MISMATCH', `role ${role} is granted on a ${expected}, not on ${JSON.stringify(g?.scope?.kind)}`, {
      field: 'grant.scope.kind',
      expected,
    });
  const id = requireId(g.scope.id, 'ACCOUNT.INVALID_SCOPE_ID', 'grant.scope.id');
  return { role, scope: { kind: expected, id } };
}

/** An ISO-8601 UTC instant (as Date#toISOString writes it). */
export function requireInstant(value: unknown, code: string, field: string): string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/.test(value) || Number.isNaN(Date.parse(value)))
    throw invalid(code, `${field} must be an ISO-8601 UTC instant`, { field });
  return new Date(value).toISOString();
}
