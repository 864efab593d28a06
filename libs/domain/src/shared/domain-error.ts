/**
 * A rule of the domain was broken. `code` is stable (`TASK.ALREADY_ACCEPTED`) and is what the API
 * maps to HTTP (409 for rules, 404 for NOT_FOUND codes, 403 for NOT_* ownership codes, 400 for
 * INVALID_* input codes) in one place. The domain never throws HTTP exceptions.
 */
export type DomainErrorKind = 'invalid' | 'not_found' | 'forbidden' | 'conflict';

export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly kind: DomainErrorKind = 'conflict',
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const invalid = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError(code, message, 'invalid', details);
export const notFound = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError(code, message, 'not_found', details);
export const forbidden = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError(code, message, 'forbidden', details);
export const conflict = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError(code, message, 'conflict', details);
