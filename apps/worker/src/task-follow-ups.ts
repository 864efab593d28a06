import { Logger } from '@nestjs/common';
import { DomainError, need, pledge, task, type Actor, type Command, type Decider, type Event } from '@cobuild/domain';
import type { EventStore, NewEvent, RecordedEvent, Subscription } from '@cobuild/event-store';
import { CommandHandler } from '../../common/src/commands/command-handler';
import { deterministicEventId } from '../../common/src/commands/deterministic-id';
import type { Clock } from '../../common/src/clock';

/** Where the runner keeps how far it got: one event per handled batch, appended with the expected revision. */
export const TASK_FOLLOW_UPS_CHECKPOINT = 'checkpoint-task-follow-ups';
export const TASK_FOLLOW_UPS_ACTOR: Actor = { id: 'worker:task-follow-ups', role: 'system' };
const FILTER = { categories: [task.category], eventTypes: ['TaskDeclined', 'TaskCancelled', 'TaskVerified', 'TaskReopenedForRework'] };

export interface TaskFollowUps {
  /** the log position of the last task event handled (and checkpointed) */
  readonly position: number;
  /** resolves once the runner has handled everything committed so far */
  caughtUp(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Follows the task category of the log and applies `followUpsOf(event)` (libs/domain/src/task/process.ts):
 * a declined or cancelled task releases its allocations and returns its needs to the list; a
 * verified task records it on its needs; a task reopened for rework reopens them.
 *
 * Each follow-up command goes through the CommandHandler as the system, with an Idempotency-Key
 * derived from the source event's id and the command's index: its events get deterministic ids,
 * so re-applying a batch after a crash (before its checkpoint) is a replay, not a second write —
 * and the commands are idempotent in the domain too (a released allocation is not released again).
 * The checkpoint is an event on `checkpoint-task-follow-ups`, appended per batch with the expected
 * revision, so two runners cannot both advance it; on start the runner reads the last one.
 */
export async function startTaskFollowUps(
  store: EventStore,
  options: { handler?: CommandHandler; clock?: Clock; retryMs?: number } = {},
): Promise<TaskFollowUps> {
  const logger = new Logger('task-follow-ups');
  const handler = options.handler ?? new CommandHandler(store);
  const clock = options.clock ?? { now: () => new Date() };
  const [last] = await store.readStream(TASK_FOLLOW_UPS_CHECKPOINT, { direction: 'backwards', maxCount: 1 });
  let revision = last ? last.revision : -1;
  let position = last ? Number(last.data.position) : 0;
  let stopped = false;
  let subscription: Subscription | null = null;

  const apply = async <S, C extends Command<string, any>, E extends Event<string, any>>(
    decider: Decider<S, C, E>,
    streamId: string,
    command: Pick<C, 'type' | 'data'>,
    source: RecordedEvent,
    index: number,
  ) => {
    try {
      await handler.handle(
        decider,
        streamId,
        command,
        {
          actor: TASK_FOLLOW_UPS_ACTOR,
          now: clock.now(),
          correlationId: source.metadata.correlationId,
          causationId: source.id,
          idempotencyKey: `task-follow-up:${source.id}:${index}`,
        },
        { communityId: () => source.metadata.communityId },
      );
    } catch (e) {
      // a rule refusing a follow-up will refuse it on every retry: record it in the log output and go on
      if (!(e instanceof DomainError)) throw e;
      logger.error(`${command.type} on ${streamId} after ${source.type} ${source.id} refused: ${e.code} ${e.message}`);
    }
  };

  const handleBatch = async (events: RecordedEvent[]) => {
    for (const source of events) {
      const followUps = task.followUpsOf({ type: source.type, data: source.data } as task.TaskEvent);
      let index = 0;
      for (const p of followUps.pledges) await apply(pledge.decider, pledge.streamName(p.data.pledgeId), p, source, index++);
      for (const n of followUps.needs) await apply(need.decider, need.streamName(n.data.needId), n, source, index++);
    }
    const to = events[events.length - 1].position;
    const checkpoint: NewEvent = {
      id: deterministicEventId(TASK_FOLLOW_UPS_ACTOR.id, `checkpoint:${to}`, 0),
      type: 'CheckpointAdvanced',
      schemaVersion: 1,
      data: { position: to },
      metadata: {
        actor: { id: TASK_FOLLOW_UPS_ACTOR.id, role: TASK_FOLLOW_UPS_ACTOR.role },
        communityId: null,
        correlationId: events[events.length - 1].metadata.correlationId,
        causationId: events[events.length - 1].id,
        idempotencyKey: null,
        occurredAt: clock.now().toISOString(),
      },
    };
    const r = await store.append(TASK_FOLLOW_UPS_CHECKPOINT, [checkpoint], { expectedRevision: revision < 0 ? 'no_stream' : revision });
    revision = r.nextRevision;
    position = to;
  };

  const start = () => {
    subscription = store.subscribe(handleBatch, {
      after: position,
      filter: FILTER,
      batchSize: 100,
      onError: (e) => {
        logger.error(`stopped at ${position}: ${(e as Error).message}; restarting from the checkpoint`);
        if (!stopped) setTimeout(() => void restart(), options.retryMs ?? 5000).unref?.();
      },
    });
  };
  const restart = async () => {
    if (stopped) return;
    const [latest] = await store.readStream(TASK_FOLLOW_UPS_CHECKPOINT, { direction: 'backwards', maxCount: 1 }).catch(() => [] as RecordedEvent[]);
    if (latest) {
      revision = latest.revision;
      position = Number(latest.data.position);
    }
    start();
  };
  start();

  return {
    get position() {
      return position;
    },
    async caughtUp() {
      const head = await store.headPosition();
      for (;;) {
        const [pending] = await store.readAll({ after: position, maxCount: 1, filter: FILTER });
        if (!pending || pending.position > head) return position;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async stop() {
      stopped = true;
      await subscription?.stop();
    },
  };
}
