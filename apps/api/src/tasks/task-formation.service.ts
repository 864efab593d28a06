import { randomUUID } from 'node:crypto';
import { Injectable, Logger, NotFoundException } from '@nestjs/common';
import { meeting, need, pledge, task, type Command, type Decider, type Event } from '@cobuild/domain';
import { CommandHandler, type CommandContext, type CommandResult } from '../../../common/src/commands/command-handler';
import { deterministicEventId } from '../../../common/src/commands/deterministic-id';
import type { CommandResponse } from '../commands/command-gateway';
import { CommandGateway } from '../commands/command-gateway';
import type { AuthedRequest } from '../http/role.guard';
import { TaskReader } from './task-reader';

export interface FormTaskInput {
  /** null: derived from the Idempotency-Key (so a retry forms the same task), else generated */
  taskId: string | null;
  communityId: string;
  title: string;
  description: string;
  needIds: string[];
  allocations: Array<{ pledgeId: string; quantity: number }>;
  meetingId: string | null;
  assignment: task.AssignmentInput | null;
}

const communityOf = (state: { status: string; communityId?: string | null }) => (state.status !== 'none' ? (state.communityId ?? null) : null);

/**
 * Task formation as the designed process (libs/domain/README.md, "Cross-aggregate rules under
 * concurrency"): check the task command on an empty state without writing; reserve capacity on
 * each pledge stream (the consistency boundary); match each need; record the task expecting no
 * stream. If a later step fails, the steps this request wrote are compensated
 * (`formationCompensation`) and the original error is answered. Every step goes through the
 * CommandHandler with the caller's actor and request ids. Allocation ids are derived from the
 * task id (`<taskId>-a<n>`), so a retry with the same task id never allocates twice.
 */
@Injectable()
export class TaskFormationService {
  private readonly logger = new Logger('task-formation');

  constructor(
    private readonly gateway: CommandGateway,
    private readonly handler: CommandHandler,
    private readonly reader: TaskReader,
  ) {}

  async form(req: AuthedRequest, input: FormTaskInput): Promise<CommandResponse> {
    const ctx = await this.gateway.contextFor(req, input.communityId);
    const taskId =
      input.taskId ?? (ctx.idempotencyKey ? deterministicEventId(ctx.actor.id, `form-task:${ctx.idempotencyKey}`, 0) : randomUUID());
    const allocations: task.AllocationInput[] = input.allocations.map((a, i) => ({
      allocationId: `${taskId}-a${i + 1}`,
      pledgeId: a.pledgeId,
      quantity: a.quantity,
    }));
    const pledgeIds = [...new Set(allocations.map((a) => a.pledgeId))];
    const command: Pick<task.ProposeTask, 'type' | 'data'> = {
      type: 'ProposeTask',
      data: {
        taskId,
        communityId: input.communityId,
        title: input.title,
        description: input.description,
        needs: await Promise.all(input.needIds.map((id) => this.reader.need(id))),
        allocations,
        pledges: await Promise.all(pledgeIds.map((id) => this.reader.pledge(id))),
        meeting: input.meetingId ? await this.reader.meeting(input.meetingId) : null,
        assignment: input.assignment,
      },
    };

    await this.gateway.checkReferences(command, input.communityId);
    // a task already recorded: the handler answers a retry of the same request, or TASK.ALREADY_EXISTS
    if ((await this.reader.load(taskId)).revision >= 0) return this.respond(taskId, await this.recordTask(command, ctx));

    // 1. check without writing: bad input, unlisted needs, unconfirmed pledges, a closed meeting stop here
    task.decider.decide({ ...command, meta: { now: ctx.now, actor: ctx.actor } } as task.TaskCommand, task.decider.initialState());

    // 2.–4. reserve, match, record; compensate what this request wrote if a step fails
    const plan = task.formationPlan(taskId, input.needIds, allocations);
    const steps = stepContext(ctx);
    const done = { reserved: [] as task.AllocationInput[], matched: [] as string[] };
    let result: CommandResult<task.TaskEvent>;
    try {
      for (const [i, reserve] of plan.reserve.entries()) {
        const r = await this.apply(pledge.decider, pledge.streamName(reserve.data.pledgeId), reserve, steps);
        if (r.events.length > 0) done.reserved.push(allocations[i]);
      }
      for (const match of plan.match) {
        const r = await this.apply(need.decider, need.streamName(match.data.needId), match, steps);
        if (r.events.length > 0) done.matched.push(match.data.needId);
      }
      result = await this.recordTask(command, ctx);
    } catch (error) {
      await this.compensate(taskId, done, error, steps);
      throw error;
    }
    if (input.meetingId) await this.recordMeetingDecision(input.meetingId, taskId, input.title, steps);
    return this.respond(taskId, result);
  }

  /** Confirming a claim: the same process without allocations (check, match the needs, record). */
  async confirmClaim(req: AuthedRequest, taskId: string, deadline: string): Promise<CommandResponse> {
    const { state } = await this.reader.load(taskId);
    if (state.status === 'none') throw new NotFoundException({ code: 'TASK.NOT_FOUND', detail: `Task ${taskId} does not exist` });
    const ctx = await this.gateway.contextFor(req, state.communityId);
    const command: Pick<task.ConfirmTaskClaim, 'type' | 'data'> = {
      type: 'ConfirmTaskClaim',
      data: { taskId, deadline, needs: await Promise.all(state.needIds.map((id) => this.reader.need(id))) },
    };
    task.decider.decide({ ...command, meta: { now: ctx.now, actor: ctx.actor } } as task.TaskCommand, state);
    const steps = stepContext(ctx);
    const done = { reserved: [] as task.AllocationInput[], matched: [] as string[] };
    try {
      for (const match of task.formationPlan(taskId, state.needIds, []).match) {
        const r = await this.apply(need.decider, need.streamName(match.data.needId), match, steps);
        if (r.events.length > 0) done.matched.push(match.data.needId);
      }
      return this.respond(taskId, await this.recordTask(command, ctx));
    } catch (error) {
      await this.compensate(taskId, done, error, steps);
      throw error;
    }
  }

  private recordTask(command: Pick<task.TaskCommand, 'type' | 'data'>, ctx: CommandContext) {
    return this.handler.handle(task.decider, task.streamName(command.data.taskId), command, ctx, { communityId: (s, d) => communityOf(s) ?? (d.communityId as string) });
  }

  private apply<S, C extends Command<string, any>, E extends Event<string, any>>(
    decider: Decider<S, C, E>,
    streamId: string,
    command: Pick<C, 'type' | 'data'>,
    ctx: CommandContext,
  ): Promise<CommandResult<E>> {
    return this.handler.handle(decider, streamId, command, ctx, { communityId: (s) => communityOf(s as { status: string }) });
  }

  private async compensate(taskId: string, done: { reserved: task.AllocationInput[]; matched: string[] }, error: unknown, ctx: CommandContext) {
    if (done.reserved.length === 0 && done.matched.length === 0) return;
    const reason = `task ${taskId} not formed: ${(error as { code?: string }).code ?? (error as Error).message ?? 'error'}`;
    const undo = task.formationCompensation(taskId, done, reason);
    for (const release of undo.release) {
      await this.apply(pledge.decider, pledge.streamName(release.data.pledgeId), release, ctx).catch((e: Error) =>
        this.logger.error(`compensation failed, ${release.data.allocationId} stays reserved: ${e.message}`),
      );
    }
    for (const unmatch of undo.unmatch) {
      await this.apply(need.decider, need.streamName(unmatch.data.needId), unmatch, ctx).catch((e: Error) =>
        this.logger.error(`compensation failed, need ${unmatch.data.needId} stays matched to ${taskId}: ${e.message}`),
      );
    }
  }

  /** The meeting's own record of the task it formed (deterministic id: a retry is a no-op). */
  private async recordMeetingDecision(meetingId: string, taskId: string, title: string, ctx: CommandContext) {
    const decision: Pick<meeting.RecordMeetingDecision, 'type' | 'data'> = {
      type: 'RecordMeetingDecision',
      data: { meetingId, decisionId: `task-${taskId}`, kind: 'task_formed', taskId, pledgeId: null, summary: title },
    };
    await this.apply(meeting.decider, meeting.streamName(meetingId), decision, ctx).catch((e: Error) =>
      this.logger.warn(`task ${taskId} formed, but meeting ${meetingId} did not record it: ${e.message}`),
    );
  }

  private respond(taskId: string, result: CommandResult<task.TaskEvent>): CommandResponse {
    return {
      id: taskId,
      revision: result.revision,
      position: result.position,
      events: result.events.map((e) => e.type),
      replayed: result.replayed,
    };
  }
}

/** The other streams' steps: same actor and correlation, no Idempotency-Key (their ids make them idempotent). */
const stepContext = (ctx: CommandContext): CommandContext => ({ ...ctx, idempotencyKey: null, requestHash: null });
