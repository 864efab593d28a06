import { randomUUID } from 'node:crypto';
import { DomainError, type Actor, type Command, type Decider, type Event } from '@cobuild/domain';
import { ConcurrencyError, DuplicateEventIdError, requestAt, StreamStateCache, type EventStore, type Folder, type LoadedStream, type NewEvent, type RecordedEvent } from '@cobuild/event-store';
import { ConcurrencyExhaustedError, IdempotencyKeyReusedError, PreconditionFailedError } from './command-errors';
import { deterministicEventId } from './deterministic-id';
import { StreamLocks } from './stream-locks';

/** Everything about a command that is not its data: who, when, from which request. */
export interface CommandContext {
  actor: Actor;
  now: Date;
  correlationId: string;
  causationId?: string | null;
  requestId?: string | null;
  /** the client's Idempotency-Key; with `requestHash` it makes a retry return the original result */
  idempotencyKey?: string | null;
  requestHash?: string | null;
  /** If-Match: the stream revision the client last saw (-1: the stream must not exist yet) */
  expectedRevision?: number;
  /** the schema version every new event is written with (per event type when given) */
  schemaVersionOf?: (type: string) => number;
}

/**
 * Called after the stream is loaded and before the decider runs: the place where the caller checks
 * that the actor may act on this thing (its community comes from the stream's own events).
 * Throw to refuse.
 */
export type Authorize<S> = (loaded: { state: S; revision: number; communityId: string | null }) => Promise<void> | void;

export interface CommandResult<E> {
  streamId: string;
  /** the stream's revision after the command (-1: the stream does not exist) */
  revision: number;
  /** global position of the last event written (or replayed); null when nothing was written */
  position: number | null;
  events: E[];
  /** true when this was a retry of an already applied request (nothing new written) */
  replayed: boolean;
}

export interface CommandHandlerOptions {
  /** appends tried before the command is decided once more on the latest state and answered (default 10) */
  maxAttempts?: number;
  /** the first retry waits up to this long (random, "full jitter"); each next one up to twice as long (default 4 ms) */
  retryBaseMs?: number;
  /** no retry waits longer than this (default 150 ms) */
  retryMaxMs?: number;
  /** the folded-state cache (default: a new one bounded by COBUILD_STATE_CACHE_ENTRIES, see StreamStateCache) */
  stateCache?: StreamStateCache;
}

/** One stream a multi-stream command reads and may write. */
export interface StreamSpec<S = any> {
  streamId: string;
  decider: Decider<S, any, any>;
  /** the community of the events this command writes to the stream, from its state after them; default: the stream's first event's */
  communityId?: (state: S) => string | null;
}

/**
 * What a multi-stream command's decision sees: every stream loaded at one moment, and `decide` to
 * run a decider on a stream — on its state as this decision has left it, so two allocations on
 * one pledge are decided one after the other. Nothing is written until the whole decision returns.
 */
export interface MultiStreamDecision {
  state<S>(streamId: string): S;
  /** the stream's revision as loaded (-1: it does not exist) */
  revision(streamId: string): number;
  decide<E extends Event<string, any>>(streamId: string, command: Pick<Command<string, any>, 'type' | 'data'>): E[];
}

export interface MultiStreamCommandResult {
  /** per stream named in the specs: its revision after the command and the events this command wrote (or, replayed, had written) */
  streams: Map<string, { revision: number; events: Array<Event<string, any>>; position: number | null }>;
  /** global position of the last event written (or replayed); null when nothing was written */
  position: number | null;
  replayed: boolean;
}

/**
 * The one generic command handler: load the stream's state (the cached state plus the events after
 * it, see StreamStateCache), decide, append at the loaded revision, and on a concurrency conflict
 * load again and retry (bounded, with jitter); when the retries are spent the command is decided
 * once more on the latest state, so the answer is the rule that refuses it if one does.
 */
export class CommandHandler {
  private readonly maxAttempts: number;

  constructor(
    private readonly store: EventStore,
    options: CommandHandlerOptions = {},
  ) {
    this.maxAttempts = options.maxAttempts ?? 10;
    this.retryBaseMs = options.retryBaseMs ?? 4;
    this.retryMaxMs = options.retryMaxMs ?? 150;
    this.stateCache = options.stateCache ?? StreamStateCache.fromEnv();
  }

  /** folded state per stream, so a command reads only the stream's tail (see StreamStateCache) */
  readonly stateCache: StreamStateCache;

  /** a stream's current state, from the cache plus the tail (commands and the readers they use) */
  load<S>(decider: Folder<S>, streamId: string): Promise<LoadedStream<S>> {
    return this.stateCache.load(this.store, decider, streamId);
  }

  private readonly retryBaseMs: number;
  private readonly retryMaxMs: number;
  /** this process's commands on one stream take turns (see StreamLocks); other processes race through the store */
  readonly locks = new StreamLocks();

  /** bounded exponential backoff with full jitter before attempt `attempt + 1` */
  private backoff(attempt: number): Promise<void> {
    const cap = Math.min(this.retryMaxMs, this.retryBaseMs * 2 ** (attempt - 1));
    return new Promise((resolve) => setTimeout(resolve, Math.random() * cap));
  }

  async handle<S, C extends Command<string, any>, E extends Event<string, any>>(
    decider: Decider<S, C, E>,
    streamId: string,
    command: Pick<C, 'type' | 'data'>,
    ctx: CommandContext,
    options: { communityId: (state: S, data: Readonly<Record<string, unknown>>) => string | null; authorize?: Authorize<S> },
  ): Promise<CommandResult<E>> {
    return this.locks.with([streamId], () => this.handleLocked(decider, streamId, command, ctx, options));
  }

  private async handleLocked<S, C extends Command<string, any>, E extends Event<string, any>>(
    decider: Decider<S, C, E>,
    streamId: string,
    command: Pick<C, 'type' | 'data'>,
    ctx: CommandContext,
    options: { communityId: (state: S, data: Readonly<Record<string, unknown>>) => string | null; authorize?: Authorize<S> },
  ): Promise<CommandResult<E>> {
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      const loaded = await this.load(decider, streamId);
      const { state, revision } = loaded;
      // the thing's community as it stands now (a member can move), else where its stream began
      const communityId = options.communityId(state, command.data) ?? loaded.firstCommunityId;
      // an unknown thing with no community to check a scope against: let the decider say 404 first
      if (revision < 0 && communityId === null) this.refuseUnknown(decider, command, state, ctx);
      if (options.authorize) await options.authorize({ state, revision, communityId });

      // a retry is answered only to a caller who may act here now
      const replay = await this.replayOf<E>(loaded, ctx);
      if (replay) return replay;
      if (ctx.expectedRevision !== undefined && ctx.expectedRevision !== revision)
        throw new PreconditionFailedError(ctx.expectedRevision, revision);

      const events = decider.decide({ ...command, meta: { now: ctx.now, actor: ctx.actor } } as C, state);
      if (events.length === 0) return { streamId, revision, position: null, events: [], replayed: false };

      const eventCommunity = options.communityId(decider.evolve(state, events[0]), command.data) ?? communityId;
      try {
        const result = await this.store.append(
          streamId,
          events.map((e, i) => this.toNewEvent(e, eventCommunity, ctx, i)),
          { expectedRevision: revision < 0 ? 'no_stream' : revision },
        );
        return { streamId, revision: result.nextRevision, position: result.position, events, replayed: result.idempotent };
      } catch (e) {
        if (e instanceof ConcurrencyError) {
          if (ctx.expectedRevision !== undefined) throw new PreconditionFailedError(ctx.expectedRevision, e.actual);
          if (attempt < this.maxAttempts) await this.backoff(attempt);
          continue;
        }
        if (e instanceof DuplicateEventIdError && ctx.idempotencyKey) throw new IdempotencyKeyReusedError(ctx.idempotencyKey);
        throw e;
      }
    }
    // the retries are spent: decide once more on the latest state, so a rule that now refuses
    // (the capacity the winners took) is the answer, not "try again"
    const latest = await this.load(decider, streamId);
    decider.decide({ ...command, meta: { now: ctx.now, actor: ctx.actor } } as C, latest.state);
    throw new ConcurrencyExhaustedError(streamId, this.maxAttempts);
  }

  /**
   * A command that writes several streams, all or nothing: load every stream, let `decide` run
   * the deciders (it may throw a domain error: nothing is written), then append every stream's
   * events in one atomic `appendToStreams`, each at the revision it was loaded at, in the order
   * the specs name the streams. On a
   * concurrency conflict everything is loaded and decided again (bounded, with jitter); when the
   * retries are spent the command is decided once more on the latest state, so the answer is the
   * rule that refuses it if one does. With an Idempotency-Key the events get ids derived from
   * it, and a retry of the same request (same body) is answered from any stream that recorded it.
   */
  async handleMany<T>(
    streams: StreamSpec[],
    ctx: CommandContext,
    decide: (decision: MultiStreamDecision) => T,
  ): Promise<MultiStreamCommandResult & { value: T | null }> {
    return this.locks.with(streams.map((s) => s.streamId), () => this.handleManyLocked(streams, ctx, decide));
  }

  private async handleManyLocked<T>(
    streams: StreamSpec[],
    ctx: CommandContext,
    decide: (decision: MultiStreamDecision) => T,
  ): Promise<MultiStreamCommandResult & { value: T | null }> {
    const specs = new Map(streams.map((s) => [s.streamId, s]));
    for (let attempt = 1; ; attempt++) {
      const loaded = new Map(await Promise.all(streams.map(async (s) => [s.streamId, await this.load(s.decider, s.streamId)] as const)));

      const replay = await this.replayOfMany(loaded, ctx);
      if (replay) return { ...replay, value: null };

      const states = new Map<string, unknown>();
      const written = new Map<string, Array<Event<string, any>>>();
      const stateOf = (streamId: string) => {
        const spec = specs.get(streamId);
        if (!spec) throw new Error(`stream ${streamId} was not loaded for this command`);
        if (!states.has(streamId)) states.set(streamId, loaded.get(streamId)!.state);
        return states.get(streamId);
      };
      const revisionOf = (streamId: string) => loaded.get(streamId)?.revision ?? -1;
      const decision: MultiStreamDecision = {
        state: <S>(streamId: string) => stateOf(streamId) as S,
        revision: revisionOf,
        decide: <E extends Event<string, any>>(streamId: string, command: Pick<Command<string, any>, 'type' | 'data'>) => {
          const spec = specs.get(streamId)!;
          let state = stateOf(streamId);
          const events = spec.decider.decide({ ...command, meta: { now: ctx.now, actor: ctx.actor } }, state) as E[];
          for (const e of events) state = spec.decider.evolve(state, e);
          states.set(streamId, state);
          if (events.length > 0) written.set(streamId, [...(written.get(streamId) ?? []), ...events]);
          return events;
        },
      };
      const value = decide(decision);
      if (attempt > this.maxAttempts) throw new ConcurrencyExhaustedError(streams.map((s) => s.streamId).join(', '), this.maxAttempts);

      const result: MultiStreamCommandResult = {
        streams: new Map(streams.map((s) => [s.streamId, { revision: revisionOf(s.streamId), events: [], position: null }])),
        position: null,
        replayed: false,
      };
      if (written.size === 0) return { ...result, value };

      let index = 0;
      // in the order the specs name the streams (not the order of the decisions): the log shows reservations before the task they serve
      const appends = streams.filter((s) => written.has(s.streamId)).map(({ streamId }) => {
        const events = written.get(streamId)!;
        const spec = specs.get(streamId)!;
        const community = spec.communityId?.(states.get(streamId)) ?? loaded.get(streamId)!.firstCommunityId;
        const revision = revisionOf(streamId);
        return {
          streamId,
          expectedRevision: revision < 0 ? ('no_stream' as const) : revision,
          events: events.map((e) => this.toNewEvent(e, community, ctx, index++)),
        };
      });
      try {
        const r = await this.store.appendToStreams(appends);
        for (const s of r.streams) result.streams.set(s.streamId, { revision: s.nextRevision, events: written.get(s.streamId)!, position: s.positions.at(-1)! });
        return { ...result, position: r.position, replayed: r.idempotent, value };
      } catch (e) {
        if (e instanceof ConcurrencyError) {
          // the next round re-decides; past the last attempt it only decides (a refusing rule is thrown) and then reports the conflict
          if (attempt < this.maxAttempts) await this.backoff(attempt);
          continue;
        }
        if (e instanceof DuplicateEventIdError && ctx.idempotencyKey) throw new IdempotencyKeyReusedError(ctx.idempotencyKey);
        throw e;
      }
    }
  }

  private toNewEvent(e: Event<string, any>, communityId: string | null, ctx: CommandContext, index: number): NewEvent {
    return {
      id: ctx.idempotencyKey ? deterministicEventId(ctx.actor.id, ctx.idempotencyKey, index) : randomUUID(),
      type: e.type,
      schemaVersion: ctx.schemaVersionOf?.(e.type) ?? 1,
      data: e.data as Record<string, unknown>,
      metadata: {
        actor: { id: ctx.actor.id, role: ctx.actor.role },
        ...(ctx.actor.unitId ? { actorUnitId: ctx.actor.unitId } : {}),
        communityId,
        correlationId: ctx.correlationId,
        causationId: ctx.causationId ?? null,
        idempotencyKey: ctx.idempotencyKey ?? null,
        requestHash: ctx.requestHash ?? null,
        requestId: ctx.requestId ?? null,
        occurredAt: ctx.now.toISOString(),
      },
    };
  }

  /** A retry of a multi-stream request already applied: it wrote all its streams at once, so any of them shows it. */
  private async replayOfMany(loaded: Map<string, LoadedStream<unknown>>, ctx: CommandContext): Promise<MultiStreamCommandResult | null> {
    if (!ctx.idempotencyKey) return null;
    const result: MultiStreamCommandResult = { streams: new Map(), position: null, replayed: true };
    let found = false;
    for (const [streamId, stream] of loaded) {
      const prior = await this.priorEvents(stream, ctx);
      found ||= prior.length > 0;
      const last = prior.at(-1);
      result.streams.set(streamId, {
        revision: last?.revision ?? stream.revision,
        events: prior.map((r) => ({ type: r.type, data: r.data })),
        position: last?.position ?? null,
      });
      if (last && (result.position === null || last.position > result.position)) result.position = last.position;
    }
    return found ? result : null;
  }

  /**
   * The events this actor's request with this Idempotency-Key wrote to the stream (none: not
   * applied here). The loaded stream knows where they are, so only that range is read; a request
   * hash that differs from the recorded one is a reused key (409).
   */
  private async priorEvents(stream: LoadedStream<unknown>, ctx: CommandContext): Promise<RecordedEvent[]> {
    const request = ctx.idempotencyKey ? requestAt(stream, ctx.actor.id, ctx.idempotencyKey) : null;
    if (!request) return [];
    if (request.requestHash !== (ctx.requestHash ?? null)) throw new IdempotencyKeyReusedError(ctx.idempotencyKey!);
    const to = Math.min(request.to, stream.revision);
    const range = await this.store.readStream(stream.streamId, { fromRevision: request.from, maxCount: to - request.from + 1 });
    return range.filter((r) => r.metadata.idempotencyKey === ctx.idempotencyKey && r.metadata.actor.id === ctx.actor.id);
  }

  private refuseUnknown<S, C extends Command<string, any>, E extends Event<string, any>>(
    decider: Decider<S, C, E>,
    command: Pick<C, 'type' | 'data'>,
    state: S,
    ctx: CommandContext,
  ): void {
    try {
      decider.decide({ ...command, meta: { now: ctx.now, actor: { id: 'anonymous', role: 'public' } } } as C, state);
    } catch (e) {
      if (e instanceof DomainError && e.kind === 'not_found') throw e;
    }
  }

  /** A retry of a request already applied to this stream: the original result, or a 409 if the body differs. */
  private async replayOf<E>(stream: LoadedStream<unknown>, ctx: CommandContext): Promise<CommandResult<E> | null> {
    const prior = await this.priorEvents(stream, ctx);
    if (prior.length === 0) return null;
    const last = prior[prior.length - 1];
    return {
      streamId: stream.streamId,
      revision: last.revision,
      position: last.position,
      events: prior.map((r) => ({ type: r.type, data: r.data }) as unknown as E),
      replayed: true,
    };
  }
}
