import { meeting, need, pledge, task } from '@cobuild/domain';
import type { CommandContext, CommandHandler, MultiStreamCommandResult, StreamSpec } from '../../../common/src/commands/command-handler';

export interface FormTaskCommand {
  taskId: string;
  communityId: string;
  title: string;
  description: string;
  needIds: string[];
  /** allocation ids are made by the caller (`<taskId>-a<n>`) and reused on every retry */
  allocations: task.AllocationInput[];
  meetingId: string | null;
  assignment: task.AssignmentInput | null;
}

export interface FormedTask {
  taskId: string;
  revision: number;
  position: number | null;
  events: string[];
  replayed: boolean;
}

const communityOf = (state: { status: string; communityId?: string | null }) => (state.status !== 'none' ? (state.communityId ?? null) : null);
const unique = (ids: string[]) => [...new Set(ids)];

/**
 * Forming a task writes several streams — a reservation on each pledge, each need matched, the
 * task, and the meeting's decision — and writes them ALL OR NOTHING: every stream is loaded,
 * every decision is made on what was loaded (ProposeTask on the snapshots of those very states,
 * then each allocation on its pledge — two on one pledge one after the other — each MatchNeed,
 * the meeting's RecordMeetingDecision), and only then is everything appended in one atomic
 * multi-stream append at the revisions loaded. A rule that refuses any step (capacity exceeded, a
 * need withdrawn meanwhile, a closed meeting) leaves every stream as it was; a crash before the
 * commit leaves nothing; a concurrent change to any of the streams makes the whole decision run
 * again on the new state (CommandHandler.handleMany), so the answer is always the deciding rule.
 * The log order is pledges, needs, task, meeting: the reservations come before the task they serve.
 */
export async function formTask(handler: CommandHandler, ctx: CommandContext, input: FormTaskCommand): Promise<FormedTask> {
  const taskStream = task.streamName(input.taskId);
  const pledgeIds = unique(input.allocations.map((a) => a.pledgeId));
  const streams: StreamSpec[] = [
    ...pledgeIds.map((id) => ({ streamId: pledge.streamName(id), decider: pledge.decider, communityId: communityOf })),
    ...unique(input.needIds).map((id) => ({ streamId: need.streamName(id), decider: need.decider, communityId: communityOf })),
    { streamId: taskStream, decider: task.decider, communityId: (s: task.TaskState) => communityOf(s) ?? input.communityId },
    ...(input.meetingId ? [{ streamId: meeting.streamName(input.meetingId), decider: meeting.decider, communityId: communityOf }] : []),
  ];
  const result = await handler.handleMany(streams, ctx, (d) => {
    // 1. the task on the snapshots of the states loaded with it: bad input, unlisted needs, unconfirmed pledges, a closed meeting
    const propose: Pick<task.ProposeTask, 'type' | 'data'> = {
      type: 'ProposeTask',
      data: {
        taskId: input.taskId,
        communityId: input.communityId,
        title: input.title,
        description: input.description,
        needs: input.needIds.map((id) => task.needSnapshot(id, d.state(need.streamName(id)))),
        allocations: input.allocations,
        pledges: pledgeIds.map((id) => task.pledgeSnapshot(id, d.state(pledge.streamName(id)))),
        meeting: input.meetingId ? task.meetingSnapshot(input.meetingId, d.state(meeting.streamName(input.meetingId))) : null,
        assignment: input.assignment,
      },
    };
    d.decide(taskStream, propose);
    // 2. capacity on each pledge, 3. each need matched (task.formationPlan states these steps)
    const plan = task.formationPlan(input.taskId, input.needIds, input.allocations);
    for (const reserve of plan.reserve) d.decide(pledge.streamName(reserve.data.pledgeId), reserve);
    for (const match of plan.match) d.decide(need.streamName(match.data.needId), match);
    // 4. the meeting's own record of the task it formed
    if (input.meetingId)
      d.decide(meeting.streamName(input.meetingId), {
        type: 'RecordMeetingDecision',
        data: { meetingId: input.meetingId, decisionId: `task-${input.taskId}`, kind: 'task_formed', taskId: input.taskId, pledgeId: null, summary: input.title },
      } satisfies Pick<meeting.RecordMeetingDecision, 'type' | 'data'>);
  });
  return answer(input.taskId, result);
}

/** Confirming a claim: the same, without allocations — the needs matched and TaskClaimConfirmed, at once. */
export async function confirmTaskClaim(handler: CommandHandler, ctx: CommandContext, taskId: string, needIds: string[], deadline: string): Promise<FormedTask> {
  const taskStream = task.streamName(taskId);
  const streams: StreamSpec[] = [
    ...unique(needIds).map((id) => ({ streamId: need.streamName(id), decider: need.decider, communityId: communityOf })),
    { streamId: taskStream, decider: task.decider, communityId: communityOf },
  ];
  const result = await handler.handleMany(streams, ctx, (d) => {
    const state = d.state<task.TaskState>(taskStream);
    // the task's needs as loaded now (a claim names them); a stream named above but no longer the task's is simply not written
    const names = state.status === 'none' ? needIds : state.needIds;
    d.decide(taskStream, {
      type: 'ConfirmTaskClaim',
      data: { taskId, deadline, needs: names.map((id) => task.needSnapshot(id, d.state(need.streamName(id)))) },
    } satisfies Pick<task.ConfirmTaskClaim, 'type' | 'data'>);
    for (const match of task.formationPlan(taskId, names, []).match) d.decide(need.streamName(match.data.needId), match);
  });
  return answer(taskId, result);
}

function answer(taskId: string, result: MultiStreamCommandResult): FormedTask {
  const mine = result.streams.get(task.streamName(taskId))!;
  return { taskId, revision: mine.revision, position: result.position ?? mine.position, events: mine.events.map((e) => e.type), replayed: result.replayed };
}
