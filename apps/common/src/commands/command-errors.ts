/** Errors of the command path that are not domain rules; each has a stable code mapped to HTTP in one place. */
export class PreconditionFailedError extends Error {
  readonly code = 'COMMAND.PRECONDITION_FAILED';
  constructor(
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`The resource is at revision ${actual}, not ${expected} (If-Match)`);
    this.name = 'PreconditionFailedError';
  }
}

export class IdempotencyKeyReusedError extends Error {
  readonly code = 'COMMAND.IDEMPOTENCY_KEY_REUSED';
  constructor(readonly key: string) {
    super(`Idempotency-Key "${key}" was already used for a different request`);
    this.name = 'IdempotencyKeyReusedError';
  }
}

/** Optimistic concurrency kept failing after the bounded number of retries. */
export class ConcurrencyExhaustedError extends Error {
  readonly code = 'COMMAND.CONCURRENCY_CONFLICT';
  constructor(
    readonly streamId: string,
    readonly attempts: number,
  ) {
    super(`${streamId} kept changing while the command was applied (${attempts} attempts); try again`);
    this.name = 'ConcurrencyExhaustedError';
  }
}
