import { DomainError } from '@cobuild/domain';
import { EventStoreError, InvalidAppendError } from '@cobuild/event-store';
import { HttpException, HttpStatus } from '@nestjs/common';
import {
  ConcurrencyExhaustedError,
  IdempotencyKeyReusedError,
  PreconditionFailedError,
} from '../../../common/src/commands/command-errors';

/** RFC 9457 problem details, with a stable `code` and, for bad input, each failing field and rule. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
  [extra: string]: unknown;
}

export interface FieldError {
  field: string;
  rule: string;
  message: string;
}

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthenticated',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  408: 'Request timeout',
  409: 'Conflict',
  412: 'Precondition failed',
  413: 'Payload too large',
  415: 'Unsupported media type',
  429: 'Too many requests',
  431: 'Request header fields too large',
  500: 'Internal server error',
  503: 'Service unavailable',
};

const DOMAIN_STATUS = { invalid: 400, not_found: 404, forbidden: 403, conflict: 409 } as const;
const STORE_STATUS: Record<string, number> = {
  'STORE.CONCURRENCY': 409,
  'STORE.INVALID_INPUT': 400,
  'STORE.EVENT_TOO_LARGE': 413,
  'STORE.DUPLICATE_EVENT_ID': 409,
  'STORE.UNAVAILABLE': 503,
};
const HTTP_CODES: Record<number, string> = {
  400: 'HTTP.BAD_REQUEST',
  401: 'AUTH.UNAUTHENTICATED',
  403: 'AUTH.FORBIDDEN',
  404: 'HTTP.NOT_FOUND',
  405: 'HTTP.METHOD_NOT_ALLOWED',
  413: 'HTTP.PAYLOAD_TOO_LARGE',
  415: 'HTTP.UNSUPPORTED_MEDIA_TYPE',
  429: 'HTTP.RATE_LIMITED',
};

export function problem(status: number, code: string, detail: string, extra: Partial<Problem> = {}): Problem {
  return {
    type: `https://cobuild.dev/problems/${code.toLowerCase().replace(/[._]/g, '-')}`,
    title: TITLES[status] ?? 'Error',
    status,
    code,
    detail,
    ...extra,
  };
}

/** The one place where errors become HTTP answers. Unknown errors are 500s and are logged. */
export function toProblem(error: unknown): Problem {
  if (error instanceof DomainError)
    return problem(DOMAIN_STATUS[error.kind], error.code, error.message, {
      ...(error.details.field ? { errors: [{ field: String(error.details.field), rule: error.code, message: error.message }] } : {}),
      details: error.details,
    });
  if (error instanceof PreconditionFailedError)
    return problem(412, error.code, error.message, { currentRevision: error.actual });
  if (error instanceof IdempotencyKeyReusedError || error instanceof ConcurrencyExhaustedError)
    return problem(409, error.code, error.message);
  if (error instanceof InvalidAppendError) {
    // last line of defence: input the validation let through and the store refused, named as the
    // request's field where it came from an event's data (events[0].data.title → title)
    const field = error.field.replace(/^events\[\d+\]\.data\.?/, '') || error.field;
    return problem(400, error.code, `${field}: ${error.message}`, { errors: [{ field, rule: error.rule, message: error.message }] });
  }
  if (error instanceof EventStoreError) return problem(STORE_STATUS[error.code] ?? 500, error.code, error.message);
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const body = error.getResponse();
    const b = (typeof body === 'object' && body !== null ? body : { message: body }) as Record<string, unknown>;
    const detail = typeof b.detail === 'string' ? b.detail : Array.isArray(b.message) ? b.message.join('; ') : String(b.message ?? error.message);
    const code = typeof b.code === 'string' ? b.code : (HTTP_CODES[status] ?? `HTTP.${status}`);
    return problem(status, code, detail, Array.isArray(b.errors) ? { errors: b.errors as FieldError[] } : {});
  }
  return problem(HttpStatus.INTERNAL_SERVER_ERROR, 'SERVER.ERROR', 'The server failed; the request id identifies the failure in the logs');
}
