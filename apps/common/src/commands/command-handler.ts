import { randomUUID } from 'node:crypto';
import { DomainError, fold, type Actor, type Command, type Decider, type Event } from '@cobuild/domain';
import { ConcurrencyError, DuplicateEventIdError, type EventStore, type RecordedEvent } from '@cobuild/event-store';
import { ConcurrencyExhaustedError, IdempotencyKeyReusedError, PreconditionFailedError } from './command-errors';
import { deterministicEventId } from './deterministic-id';

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
  maxAttempts?: number;
}

/**
 * The one generic command handler: load the stream, fold it, decide, append at the loaded
 * revision, and on a concurrency conflict load again and retry (a bounded number of times).
 */
export class CommandHandler {
  private readonly maxAttempts: number;

  constructor(
    private readonly store: EventStore,
    options: CommandHandlerOptions = {},
  ) {
    this.maxAttempts = options.maxAttempts ?? 5;
  }

  async handle<S, C extends Command<string, any>, E extends Event<string, any>>(
    decider: Decider<S, C, E>,
    streamId: string,
    command: Pick<C, 'type' | 'data'>,
    ctx: CommandContext,
    options: { communityId: (state: S, data: Readonly<Record<string, unknown>>) => string | null; authorize?: Authorize<S> },
  ): Promise<CommandResult<E>> {
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      const recorded = await this.store.readStream(streamId);
      const revision = recorded.length > 0 ? recorded[recorded.length - 1].revision : -1;

      const state = fold(decider, recorded.map((r) => ({ type: r.type, data: r.data }) as unknown as E));
      // the thing's community as it stands now (a member can move), else where its stream began
      const communityId = options.communityId(state, command.data) ?? (recorded[0]?.metadata.communityId as string | null | undefined) ?? null;
      // an unknown thing with no community to check a scope against: let the decider say 404 first
      if (revision < 0 && communityId === null) this.refuseUnknown(decider, command, state, ctx);
      if (options.authorize) await options.authorize({ state, revision, communityId });

      // a retry is answered only to a caller who may act here now
      const replay = this.replayOf<E>(recorded, streamId, ctx);
      if (replay) return replay;
      if (ctx.expectedRevision !== undefined && ctx.expectedRevision !== revision)
        throw new PreconditionFailedError(ctx.expectedRevision, revision);

      const events = decider.decide({ ...command, meta: { now: ctx.now, actor: ctx.actor } } as C, state);
      if (events.length === 0) return { streamId, revision, position: null, events: [], replayed: false };

      const eventCommunity = options.communityId(decider.evolve(state, events[0]), command.data) ?? communityId;
      try {
        const result = await this.store.append(
          streamId,
          events.map((e, i) => ({
            id: ctx.idempotencyKey ? deterministicEventId(ctx.actor.id, ctx.idempotencyKey, i) : randomUUID(),
            type: e.type,
            schemaVersion: ctx.schemaVersionOf?.(e.type) ?? 1,
            data: e.data as Record<string, unknown>,
            metadata: {
              actor: { id: ctx.actor.id, role: ctx.actor.role },
              ...(ctx.actor.unitId ? { actorUnitId: ctx.actor.unitId } : {}),
              communityId: eventCommunity,
              correlationId: ctx.correlationId,
              causationId: ctx.causationId ?? null,
              idempotencyKey: ctx.idempotencyKey ?? null,
              requestHash: ctx.requestHash ?? null,
              requestId: ctx.requestId ?? null,
              occurredAt: ctx.now.toISOString(),
            },
          })),
          { expectedRevision: revision < 0 ? 'no_stream' : revision },
        );
        return { streamId, revision: result.nextRevision, position: result.position, events, replayed: result.idempotent };
      } catch (e) {
        if (e instanceof ConcurrencyError) {
          if (ctx.expectedRevision !== undefined) throw new PreconditionFailedError(ctx.expectedRevision, e.actual);
          continue;
        }
        if (e instanceof DuplicateEventIdError && ctx.idempotencyKey) throw new IdempotencyKeyReusedError(ctx.idempotencyKey);
        throw e;
      }
    }
    throw new ConcurrencyExhaustedError(streamId, this.maxAttempts);
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
  private replayOf<E>(recorded: RecordedEvent[], streamId: string, ctx: CommandContext): CommandResult<E> | null {
    if (!ctx.idempotencyKey) return null;
    const prior = recorded.filter(
      (r) => r.metadata.idempotencyKey === ctx.idempotencyKey && r.metadata.actor.id === ctx.actor.id,
    );
    if (prior.length === 0) return null;
    if ((prior[0].metadata.requestHash ?? null) !== (ctx.requestHash ?? null)) throw new IdempotencyKeyReusedError(ctx.idempotencyKey);
    const last = prior[prior.length - 1];
    return {
      streamId,
      revision: last.revision,
      position: last.position,
      events: prior.map((r) => ({ type: r.type, data: r.data }) as unknown as E),
      replayed: true,
    };
  }
}
