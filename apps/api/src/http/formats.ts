import { isISO8601, ValidateBy, type ValidationOptions } from 'class-validator';

/** what an instant looks like on the wire: a date, a time and an offset (Z or ±hh:mm) */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/i;
export const INSTANT_FORM = 'a date-time with its offset, e.g. 2026-12-31T16:00:00Z or 2027-01-01T00:00:00+08:00';

/**
 * An instant (a deadline, a meeting time, a period's bound): a date-time WITH its offset. A
 * date-time without one, or a bare date, is refused: communities live in Asia/Shanghai, and reading
 * `2027-01-01T00:00:00` as UTC would move the instant by eight hours without anybody noticing.
 */
export function IsInstant(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isInstant',
      validator: {
        validate: (v: unknown) => typeof v === 'string' && INSTANT.test(v) && isISO8601(v, { strict: true }) && !Number.isNaN(Date.parse(v)),
        defaultMessage: (args) =>
          typeof args?.value === 'string' && /^\d{4}-\d{2}-\d{2}(T[^Z+-]*)?$/i.test(args.value)
            ? `${args.property} needs an offset: ${args.value} could be read in any time zone; send ${INSTANT_FORM}`
            : `${args?.property} must be ${INSTANT_FORM}`,
      },
    },
    options,
  );
}

/** Evidence and other links: an absolute http(s) URL with a host (no javascript:, data:, file: …). */
export function IsHttpLink(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isHttpLink',
      validator: {
        validate: (v: unknown) => {
          if (typeof v !== 'string') return false;
          try {
            const url = new URL(v);
            return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.length > 0 && /^https?:\/\//i.test(v);
          } catch {
            return false;
          }
        },
        defaultMessage: (args) => `${args?.property} must be an http:// or https:// link (e.g. https://files.example/photo.jpg)`,
      },
    },
    options,
  );
}
