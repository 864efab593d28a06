import { invalid } from '../shared/domain-error';
import type { Instant } from '../shared/message';

/**
 * Input guards shared by the registration, pairing, notice, evaluation and assessment deciders.
 * Each throws an `invalid` DomainError with the caller's code and `details.field`.
 */

/** A trimmed, non-empty text of at most `max` characters; returns the trimmed text. */
export function requireText(value: unknown, code: string, field: string, max = 500): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw invalid(code, `${field} must not be empty`, { field });
  }
  const text = value.trim();
  if (text.length > max) throw invalid(code, `${field} must be at most ${max} characters`, { field, max });
  return text;
}

/** Ids are used inside stream names: non-empty, no whitespace, no ':' (our composite-id separator). */
export function requireId(value: unknown, code: string, field: string): string {
  if (typeof value !== 'string' || !/^[^\s:]{1,128}$/.test(value)) {
    throw invalid(code, `${field} must be a non-empty id without spaces or ':'`, { field });
  }
  return value;
}

/** Optional text: undefined/null/blank become null, otherwise trimmed and length-checked. */
export function optionalText(value: unknown, code: string, field: string, max = 2000): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw invalid(code, `${field} must be text`, { field });
  if (value.trim() === '') return null;
  return requireText(value, code, field, max);
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;

/** An ISO-8601 UTC instant (`2026-12-01T00:00:00Z` or with milliseconds), as `Instant` says. */
export function requireInstant(value: unknown, code: string, field: string): Instant {
  if (typeof value !== 'string' || !ISO_INSTANT.test(value) || !isRealDateTime(value)) {
    throw invalid(code, `${field} must be an ISO-8601 UTC instant, e.g. 2026-12-01T00:00:00Z`, { field });
  }
  return value;
}

/** Rejects 2026-02-30, 24:00 and the like, which Date.parse silently rolls over. */
function isRealDateTime(value: string): boolean {
  const [y, mo, d, h, mi, se] = value.slice(0, 19).split(/[-T:]/).map(Number);
  const daysInMonth = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth[mo - 1] && h <= 23 && mi <= 59 && se <= 59;
}

/** Milliseconds since the epoch of an instant string already validated by `requireInstant`. */
export const millis = (instant: Instant): number => Date.parse(instant);

/** A list of ids without blanks or duplicates; returns a copy. */
export function requireIdList(value: unknown, code: string, field: string, { min = 0 } = {}): string[] {
  if (!Array.isArray(value)) throw invalid(code, `${field} must be a list`, { field });
  const ids = value.map((v) => requireId(v, code, field));
  if (new Set(ids).size !== ids.length) throw invalid(code, `${field} must not repeat an id`, { field });
  if (ids.length < min) throw invalid(code, `${field} needs at least ${min} entr${min === 1 ? 'y' : 'ies'}`, { field });
  return ids;
}

/** True when the value is an integer in [min, max]. */
export const isIntegerIn = (value: unknown, min: number, max: number): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
