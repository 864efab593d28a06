import { evaluationRound, reminder } from '@cobuild/domain';
import { QUEUES, RATING_REMINDER_JOB, type RatingReminderJob } from '@cobuild/jobs';
import type { JobProcessor } from '../job-processor';
import { loadState } from './load-state';
import { REMINDER_ACTOR } from './task-reminder.processor';

/**
 * A round closes soon: each appointed evaluator who has submitted no rating in it yet gets a
 * `rating-due` reminder in its own inbox (a person), one stream per evaluator
 * (`reminder-round-<id>.rating.rating-due.r<rev>.<evaluatorId>`), sent once. The round is checked as
 * it stands: closed, or its close planned anew, and the job does nothing. "Not rated" means no
 * rating at all in the round: the round does not know which subjects each evaluator must rate.
 * Only appointed evaluators are known by name; a round without any reminds no one.
 */
export const ratingReminderProcessor: JobProcessor<RatingReminderJob> = {
  queue: QUEUES.reminders,
  name: RATING_REMINDER_JOB,
  async process(job, ctx) {
    const d = job.data;
    const round = await loadState(ctx, evaluationRound.decider, evaluationRound.streamName(d.roundId));
    if (round.status === 'none') return 'no such round';
    if (round.status !== 'open') return 'stale: round closed';
    if (round.plannedCloseAt !== d.plannedCloseAt) return 'stale: close planned anew';
    // a reminder is filed under a community (the command handler requires one); a street round has none
    const communityId = round.communityId;
    if (!communityId) return 'street round: no community to file reminders under';
    const rated = new Set(Object.values(round.ratings).filter((r) => r.evaluator.kind === 'person').map((r) => r.evaluator.id));
    const missing = round.appointedEvaluatorIds.filter((id) => !rated.has(id));
    let sent = 0;
    for (const evaluatorId of missing) {
      const reminderId = `${reminder.reminderIdOf(job.id)}.${evaluatorId}`;
      const r = await ctx.handler.handle(
        reminder.decider,
        reminder.streamName(reminderId),
        {
          type: 'SendReminder',
          data: { reminderId, kind: 'rating-due', communityId, taskId: null, roundId: d.roundId, recipients: [{ kind: 'person', id: evaluatorId }], deadline: d.plannedCloseAt, jobId: job.id },
        },
        { actor: REMINDER_ACTOR, now: ctx.clock.now(), correlationId: job.id, idempotencyKey: `job:${job.id}/${evaluatorId}` },
        { communityId: () => communityId },
      );
      if (r.events.length && !r.replayed) sent++;
    }
    return `sent ${sent} of ${missing.length} evaluators not rated`;
  },
};
