import { randomUUID } from 'node:crypto';
import { Injectable, NotFoundException } from '@nestjs/common';
import type { task } from '@cobuild/domain';
import { CommandHandler } from '../../../common/src/commands/command-handler';
import { deterministicEventId } from '../../../common/src/commands/deterministic-id';
import type { CommandResponse } from '../commands/command-gateway';
import { CommandGateway } from '../commands/command-gateway';
import type { AuthedRequest } from '../http/role.guard';
import { confirmTaskClaim, formTask, type FormedTask } from './task-formation';
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

/**
 * Task formation and claim confirmation over HTTP: the caller's authorised context, the ids,
 * then one all-or-nothing multi-stream command (task-formation.ts). Allocation ids are derived
 * from the task id (`<taskId>-a<n>`), so a retry with the same task id never allocates twice.
 */
@Injectable()
export class TaskFormationService {
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
    // the responsible unit must be registered here (UNIT.NOT_REGISTERED_HERE) before anything is decided
    await this.gateway.checkReferences({ type: 'ProposeTask', data: { taskId, assignment: input.assignment } }, input.communityId);
    return respond(await formTask(this.handler, ctx, { ...input, taskId, allocations }));
  }

  async confirmClaim(req: AuthedRequest, taskId: string, deadline: string): Promise<CommandResponse> {
    const { state } = await this.reader.load(taskId);
    if (state.status === 'none') throw new NotFoundException({ code: 'TASK.NOT_FOUND', detail: `Task ${taskId} does not exist` });
    const ctx = await this.gateway.contextFor(req, state.communityId);
    return respond(await confirmTaskClaim(this.handler, ctx, taskId, state.needIds, deadline));
  }
}

const respond = (formed: FormedTask): CommandResponse => ({
  id: formed.taskId,
  revision: formed.revision,
  position: formed.position,
  events: formed.events,
  replayed: formed.replayed,
});
