import type { EventStore, RecordedEvent } from './event-store.port';

/** what the cache folds with: a decider's evolve and initial state (deciders' states are immutable) */
export interface Folder<S> {
  evolve(state: S, event: any): S;
  initialState(): S;
}

/** Where one request's events (same actor and Idempotency-Key) sit in a stream: what a retry is answered from. */
export interface KeyedRequest {
  /** the request hash of the request's first event there (a retry with another body is refused) */
  requestHash: string | null;
  /** first and last revision in this stream that carry the key */
  from: number;
  to: number;
}

/**
 * A stream's decider state as of one revision, with what a command needs besides the state. Never
 * mutated once handed out (the state is deep-frozen: deciders' states are immutable), except `keys`, which only ever grows by
 * requests at revisions above the entry's: read it through `requestAt`.
 */
export interface LoadedStream<S> {
  streamId: string;
  state: S;
  /** the revision the state is folded up to (-1: the stream does not exist) */
  revision: number;
  /** chain hash of the event at `revision` (null when the stream does not exist) */
  hash: string | null;
  /** the community of the stream's first event (where the stream began) */
  firstCommunityId: string | null;
  /** requests with an Idempotency-Key, by `${actorId}\n${key}`, over the whole stream */
  keys: Map<string, KeyedRequest>;
}

export const requestKey = (actorId: string, idempotencyKey: string) => `${actorId}\n${idempotencyKey}`;

/** the request recorded in this loaded stream (at or below its revision), if any */
export function requestAt(loaded: LoadedStream<unknown>, actorId: string, idempotencyKey: string): KeyedRequest | null {
  const found = loaded.keys.get(requestKey(actorId, idempotencyKey));
  return found && found.from <= loaded.revision ? found : null;
}

export interface StreamStateCacheStats {
  hits: number;
  misses: number;
  /** a cached entry whose revision/hash the store did not confirm: dropped, the stream read in full */
  rejected: number;
  /** events read from the store by `load` (tails and full reads) */
  eventsRead: number;
  entries: number;
}

/** default bound of the state cache: the number of (decider, stream) entries kept (COBUILD_STATE_CACHE_ENTRIES) */
export const DEFAULT_STATE_CACHE_ENTRIES = 5000;

/**
 * In-process cache of folded decider state per stream, so a command costs the same on a stream's
 * 1,000th event as on its first: a command reads only the stream's tail after the cached revision
 * (one indexed range read) and folds it onto the cached state.
 *
 * - **Never trusted over the log**: the tail is read *from* the cached revision, and the event the
 *   store returns there must carry the cached chain hash; otherwise the entry is dropped and the
 *   stream is read and folded in full.
 * - **Several replicas**: each process has its own cache; another replica's writes simply show up
 *   in the tail. The append still guards with the expected revision the decision was made at, so
 *   a write made in between (by any process) makes the append conflict, and the retry re-reads the tail.
 * - **Bounded**: at most `maxEntries` (decider, stream) entries, least recently used evicted first.
 *   An entry holds the state plus one small record per keyed request in the stream (for replays).
 */
export class StreamStateCache {
  private readonly entries = new Map<string, LoadedStream<unknown>>();
  private readonly deciderIds = new WeakMap<object, number>();
  private nextDeciderId = 1;
  private readonly counters = { hits: 0, misses: 0, rejected: 0, eventsRead: 0 };

  constructor(readonly maxEntries: number = DEFAULT_STATE_CACHE_ENTRIES) {
    if (!Number.isSafeInteger(maxEntries) || maxEntries < 0) throw new Error(`state cache size must be a whole number >= 0, got ${maxEntries}`);
  }

  static fromEnv(env: NodeJS.ProcessEnv = process.env): StreamStateCache {
    const raw = env.COBUILD_STATE_CACHE_ENTRIES;
    return new StreamStateCache(raw === undefined || raw === '' ? DEFAULT_STATE_CACHE_ENTRIES : Number(raw));
  }

  get stats(): StreamStateCacheStats {
    return { ...this.counters, entries: this.entries.size };
  }

  private key(decider: object, streamId: string): string {
    let id = this.deciderIds.get(decider);
    if (id === undefined) this.deciderIds.set(decider, (id = this.nextDeciderId++));
    return `${id}\u0000${streamId}`;
  }

  /** the cached entry (for tests and diagnostics); does not touch the LRU order */
  peek<S>(decider: Folder<S>, streamId: string): LoadedStream<S> | undefined {
    return this.entries.get(this.key(decider, streamId)) as LoadedStream<S> | undefined;
  }

  /** puts an entry (tests use it to plant a stale or forged one; `load` must not believe it) */
  put<S>(decider: Folder<S>, loaded: LoadedStream<S>): void {
    if (this.maxEntries === 0 || loaded.revision < 0) return;
    const key = this.key(decider, loaded.streamId);
    this.entries.delete(key);
    this.entries.set(key, loaded as LoadedStream<unknown>);
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  clear(): void {
    this.entries.clear();
  }

  /** The stream's state now: the cached state plus the tail after it, or (no entry, or one the log does not confirm) a full fold. */
  async load<S>(store: Pick<EventStore, 'readStream'>, decider: Folder<S>, streamId: string): Promise<LoadedStream<S>> {
    const key = this.key(decider, streamId);
    const cached = this.entries.get(key) as LoadedStream<S> | undefined;
    if (cached) {
      const tail = await store.readStream(streamId, { fromRevision: cached.revision });
      this.counters.eventsRead += tail.length;
      if (tail[0] && tail[0].revision === cached.revision && tail[0].hash === cached.hash) {
        this.counters.hits++;
        const next = extend(cached, tail.slice(1), decider, cached.keys);
        this.put(decider, next);
        return next;
      }
      this.counters.rejected++;
      this.entries.delete(key);
    }
    this.counters.misses++;
    const all = await store.readStream(streamId);
    this.counters.eventsRead += all.length;
    const empty: LoadedStream<S> = { streamId, state: decider.initialState(), revision: -1, hash: null, firstCommunityId: null, keys: new Map() };
    const loaded = extend(empty, all, decider, new Map());
    this.put(decider, loaded);
    return loaded;
  }
}

/**
 * Deep-freezes what a fold made new: a cached state is shared by every later command, so a decider
 * or reader that mutated it in place would corrupt them all — frozen, it throws instead. Parts
 * already frozen (carried over from the cached state by evolve's copies) are not walked again, so
 * this costs what the fold itself allocated.
 */
function freeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) freeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

function extend<S>(
  from: LoadedStream<S>,
  events: RecordedEvent[],
  decider: Folder<S>,
  keys: Map<string, KeyedRequest>,
): LoadedStream<S> {
  if (events.length === 0) return from;
  for (const e of events) {
    const idempotencyKey = e.metadata.idempotencyKey;
    if (!idempotencyKey) continue;
    const k = requestKey(e.metadata.actor.id, idempotencyKey);
    const known = keys.get(k);
    if (!known) keys.set(k, { requestHash: (e.metadata.requestHash as string | null | undefined) ?? null, from: e.revision, to: e.revision });
    else if (e.revision > known.to) known.to = e.revision;
  }
  const last = events[events.length - 1];
  return {
    streamId: from.streamId,
    state: freeze(events.reduce((state, r) => decider.evolve(state, { type: r.type, data: r.data }), from.state)),
    revision: last.revision,
    hash: last.hash,
    firstCommunityId: from.revision < 0 ? ((events[0].metadata.communityId as string | null | undefined) ?? null) : from.firstCommunityId,
    keys,
  };
}
