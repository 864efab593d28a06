import { community, reminder, task, type Actor } from '@cobuild/domain';
import { QUEUES, TASK_REMINDER_JOB, type TaskReminderJob } from '@cobuild/jobs';
import type { CommandContext } from '../../../../common/src/commands/command-handler';
import type { JobProcessor } from '../job-processor';
import { loadState } from './load-state';

export const REMINDER_ACTOR: Actor = { id: 'worker:reminders', role: 'system' };

const recipientOf = (r: task.Responsible): reminder.Recipient =>
  r.kind === 'unit' ? { kind: 'unit', id: r.unitId } : { kind: 'member', id: r.memberId };

const load = loadState;

/**
 * A task's reminder job: checks the task as it stands now (a job planned for an older deadline,
 * or a task no longer active, does nothing), then records the outcome through the command
 * handler: `MarkTaskOverdue` on the task, or `SendReminder` on the reminder's own stream (sent
 * once: a re-run finds it sent). Both carry an idempotency key from the job id.
 */
export const taskReminderProcessor: JobProcessor<TaskReminderJob> = {
  queue: QUEUES.reminders,
  name: TASK_REMINDER_JOB,
  async process(job, ctx) {
    const d = job.data;
    const t = await load(ctx, task.decider, task.streamName(d.taskId));
    if (t.status === 'none') return 'no such task';
    const command: CommandContext = {
      actor: REMINDER_ACTOR,
      now: ctx.clock.now(),
      correlationId: job.id,
      idempotencyKey: `job:${job.id}`,
    };
    const inCommunity = { communityId: () => t.communityId };
    if (d.kind === 'accept') {
      if (t.status !== 'assigned' || !t.responsible) return 'stale: answered';
    } else if (!task.ACTIVE_TASK_STATUSES.includes(t.status) || t.deadline !== d.deadline || !t.responsible) return 'stale: deadline changed or task not active';

    if (d.kind === 'overdue') {
      const r = await ctx.handler.handle(task.decider, task.streamName(d.taskId), { type: 'MarkTaskOverdue', data: { taskId: d.taskId } }, command, inCommunity);
      return r.events.length ? 'marked overdue' : 'already overdue';
    }
    let recipients: reminder.Recipient[] = [recipientOf(t.responsible)];
    if (d.kind === 'escalation-proposed') {
      if (t.escalation) return 'already escalated';
      const c = await load(ctx, community.decider, community.streamName(t.communityId));
      if (c.status !== 'registered') return 'community unknown';
      recipients = [{ kind: 'street', id: c.streetId }];
    }
    const r = await ctx.handler.handle(
      reminder.decider,
      reminder.streamName(reminder.reminderIdOf(job.id)),
      {
        type: 'SendReminder',
        data: { reminderId: reminder.reminderIdOf(job.id), kind: d.kind as reminder.ReminderKind, communityId: t.communityId, taskId: d.taskId, recipients, deadline: t.deadline, jobId: job.id },
      },
      command,
      inCommunity,
    );
    return r.events.length && !r.replayed ? `sent ${d.kind}` : 'already sent';
  },
};
