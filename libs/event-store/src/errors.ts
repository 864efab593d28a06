/** Typed errors of the event store; `code` is stable and mapped to HTTP/CLI in one place. */
export abstract class EventStoreError extends Error {
  abstract readonly code: string;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The stream is not at the expected revision (optimistic concurrency). */
export class ConcurrencyError extends EventStoreError {
  readonly code = 'STORE.CONCURRENCY';
  constructor(
    readonly streamId: string,
    readonly expected: string | number,
    /** -1 when the stream does not exist */
    readonly actual: number,
  ) {
    super(`Stream ${streamId} is at revision ${actual < 0 ? 'none (no stream)' : actual}, expected ${expected}`);
  }
}

/** Bad input to the port: nothing was written. `field` names what is wrong. */
export class InvalidAppendError extends EventStoreError {
  readonly code = 'STORE.INVALID_INPUT';
  constructor(
    readonly field: string,
    readonly rule: string,
    message: string,
  ) {
    super(message);
  }
}

export class EventTooLargeError extends EventStoreError {
  readonly code = 'STORE.EVENT_TOO_LARGE';
  constructor(
    readonly eventId: string,
    readonly size: number,
    readonly limit: number,
  ) {
    super(`Event ${eventId} is ${size} bytes; the limit is ${limit}`);
  }
}

/** Some (not all) of the event ids already exist, or exist in another stream. */
export class DuplicateEventIdError extends EventStoreError {
  readonly code = 'STORE.DUPLICATE_EVENT_ID';
  constructor(
    readonly eventIds: string[],
    message: string,
  ) {
    super(message);
  }
}

export class StoreUnavailableError extends EventStoreError {
  readonly code = 'STORE.UNAVAILABLE';
  constructor(
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
  }
}
