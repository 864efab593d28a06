/**
 * The event store port. Adapters: embedded (PGlite), PostgreSQL, KurrentDB.
 * Inject it by the EVENT_STORE token; keep this interface beside its adapters.
 */
export const EVENT_STORE = Symbol('EVENT_STORE');

/** `no_stream`: the stream must not exist; `stream_exists`: it must; a number: its exact revision. */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | number;

export interface EventActor {
  id: string;
  role: string;
}

/** Recorded with every event; the audit trail answers who, when, why and from which request. */
export interface EventMetadata {
  actor: EventActor;
  /** the community the event belongs to, or null for district/street-level events */
  communityId: string | null;
  correlationId: string;
  causationId: string | null;
  /** the client's Idempotency-Key of the request that caused the event, if any */
  idempotencyKey: string | null;
  /** the instant the command was issued (ISO-8601, UTC) */
  occurredAt: string;
  /** the request id the event came from, if any */
  requestId?: string | null;
  /** free-form extras (reason codes, client info); JSON only */
  [key: string]: unknown;
}

export type JsonObject = { [key: string]: unknown };

export interface NewEvent {
  /** UUID; appending an id that already exists is an idempotent no-op */
  id: string;
  type: string;
  /** schema version of `data`; older versions are upcast on read */
  schemaVersion: number;
  data: JsonObject;
  metadata: EventMetadata;
}

export interface RecordedEvent extends NewEvent {
  streamId: string;
  /** 0-based revision within the stream */
  revision: number;
  /** global position in the log: strictly increasing in commit order */
  position: number;
  /** schema version as stored, before upcasting */
  storedSchemaVersion: number;
  /** when the store committed it (ISO-8601) */
  recordedAt: string;
  /** hex SHA-256 chain hash, see docs/event-hashing.md */
  hash: string;
  /** hash of the stream's previous event, or null for revision 0 */
  prevHash: string | null;
}

/**
 * What read models fold over: an event without its chain hashes, revision and recording time, and
 * with only the metadata projections use (`PROJECTION_METADATA`). A RecordedEvent is one, so folds
 * also run over full events (as-of views, tests); the projector reads these leaner rows, which
 * costs it about a sixth less than the full ones.
 */
export interface ProjectionEvent {
  id: string;
  type: string;
  schemaVersion: number;
  streamId: string;
  position: number;
  data: JsonObject;
  metadata: Pick<EventMetadata, (typeof PROJECTION_METADATA)[number]>;
}

/** the metadata fields a ProjectionEvent carries (string fields: the projector reads them as text): add one here when a projection needs it */
export const PROJECTION_METADATA = ['occurredAt'] as const;

export interface AppendOptions {
  expectedRevision: ExpectedRevision;
}

export interface AppendResult {
  /** the stream's revision after the append (= the last appended event's revision) */
  nextRevision: number;
  /** global position of the last appended event */
  position: number;
  /** positions of each appended event, in order */
  positions: number[];
  /** true when every event id already existed: nothing was written, original positions returned */
  idempotent: boolean;
}

/** One stream's part of a multi-stream append (`appendToStreams`). */
export interface StreamAppend {
  streamId: string;
  events: NewEvent[];
  expectedRevision: ExpectedRevision;
}

export interface MultiStreamAppendResult {
  /** one per stream, in the order given */
  streams: Array<{ streamId: string; nextRevision: number; positions: number[] }>;
  /** global position of the last event written (or, when idempotent, of the last original) */
  position: number;
  /** true when every event id of every stream was already recorded there: nothing was written */
  idempotent: boolean;
}

export interface ReadStreamOptions {
  direction?: 'forwards' | 'backwards';
  /** inclusive; defaults to the start (forwards) or the end (backwards) */
  fromRevision?: number;
  maxCount?: number;
  /** apply upcasters (default true); audit reads raw */
  upcast?: boolean;
}

export interface LogFilter {
  /** stream categories: the part of the stream id before the first '-' */
  categories?: string[];
  communityId?: string;
  eventTypes?: string[];
}

export interface ReadAllOptions {
  /** exclusive: return events with position > after; 0 (default) = from the start */
  after?: number;
  maxCount?: number;
  filter?: LogFilter;
  upcast?: boolean;
}

export interface SubscribeOptions {
  /** checkpoint: deliver events with position > after */
  after?: number;
  filter?: LogFilter;
  batchSize?: number;
  /** called when the subscription stops on an error (handler or store) */
  onError?: (error: unknown) => void;
  /** called whenever the subscription has delivered everything committed so far */
  onCaughtUp?: (position: number) => void;
}

/** A batch handler; the subscription waits for it before reading on. */
export type EventBatchHandler = (events: RecordedEvent[]) => Promise<void>;

export interface Subscription {
  /** resolves after the in-flight batch (if any) has been handled */
  stop(): Promise<void>;
  /** the position of the last event handed to the handler */
  readonly position: number;
}

export interface EventStore {
  readonly kind: 'embedded' | 'postgres' | 'kurrentdb';
  append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult>;
  /**
   * All or nothing: appends to several distinct streams, each checked against its expected
   * revision, in one atomic commit — either every stream gets its events or none does (a
   * ConcurrencyError names the first stream, in stream-id order, that was not where expected).
   * Positions are consecutive, in the order the streams are given. A retry whose event ids are
   * all recorded already (each in its stream) is idempotent; some but not all: DuplicateEventIdError.
   */
  appendToStreams(appends: StreamAppend[]): Promise<MultiStreamAppendResult>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** one page of the global log, in position order */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /** the same page as readAll (upcast), as ProjectionEvents: what the projector reads */
  readAllForProjection(options?: Omit<ReadAllOptions, 'upcast'>): Promise<ProjectionEvent[]>;
  /** catch-up subscription from a checkpoint that keeps going live */
  subscribe(handler: EventBatchHandler, options?: SubscribeOptions): Subscription;
  streamExists(streamId: string): Promise<boolean>;
  /** position of the last committed event (0 when empty) */
  headPosition(): Promise<number>;
  /** cheap liveness probe for health checks; throws StoreUnavailableError */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** The category of a stream id: the part before the first '-' ("task-42" → "task"). */
export function categoryOf(streamId: string): string {
  const i = streamId.indexOf('-');
  return i < 0 ? streamId : streamId.slice(0, i);
}
