import type { EventStore, NewEvent, RecordedEvent } from '@cobuild/event-store';
import { deterministicEventId } from '../../common/src/commands/deterministic-id';

/**
 * How far a log follower got, kept as events on its own stream (`checkpoint-<name>`): one
 * `CheckpointAdvanced {position}` per handled batch, appended at the expected revision, so two
 * followers cannot both advance it and the checkpoint is audited like everything else.
 */
export class LogCheckpoint {
  private constructor(
    private readonly store: EventStore,
    readonly streamId: string,
    private readonly actorId: string,
    private revision: number,
    private at: number,
  ) {}

  static async load(store: EventStore, streamId: string, actorId: string): Promise<LogCheckpoint> {
    const c = new LogCheckpoint(store, streamId, actorId, -1, 0);
    await c.reload();
    return c;
  }

  /** the last position handled */
  get position(): number {
    return this.at;
  }

  /** read the last checkpoint again (after an error, or another follower took over) */
  async reload(): Promise<void> {
    const [last] = await this.store.readStream(this.streamId, { direction: 'backwards', maxCount: 1 });
    this.revision = last ? last.revision : -1;
    this.at = last ? Number(last.data.position) : 0;
  }

  /** record that everything up to `source.position` is handled */
  async advance(source: RecordedEvent, now: Date): Promise<void> {
    const to = source.position;
    const event: NewEvent = {
      id: deterministicEventId(this.actorId, `checkpoint:${to}`, 0),
      type: 'CheckpointAdvanced',
      schemaVersion: 1,
      data: { position: to },
      metadata: {
        actor: { id: this.actorId, role: 'system' },
        communityId: null,
        correlationId: source.metadata.correlationId,
        causationId: source.id,
        idempotencyKey: null,
        occurredAt: now.toISOString(),
      },
    };
    const r = await this.store.append(this.streamId, [event], { expectedRevision: this.revision < 0 ? 'no_stream' : this.revision });
    this.revision = r.nextRevision;
    this.at = to;
  }
}
