import type { DispatchAction, JobRule } from '../job-plan';
import { localHourOnDay } from '../local-time';
import { QUEUES } from '../queues';

/** The job a rating reminder carries; the processor checks it against the round as it stands when it runs. */
export interface RatingReminderJob {
  roundId: string;
  /** the close this job was planned for (a job for another planned close does nothing) */
  plannedCloseAt: string;
  /** the log revision of the round event that planned it */
  revision: number;
}

export const RATING_REMINDER_JOB = 'rating-reminder';

/** `reminder/round-7/rating`: the pending rating reminder of a round, removed when it closes or its close is planned anew */
export const ratingGroup = (roundId: string) => `reminder/round-${roundId}/rating`;

/** events that set (or reset) a round's planned close; any later one carrying `plannedCloseAt` replaces the pending job */
const SETS_CLOSE = ['EvaluationRoundOpened'];
const ENDS = ['EvaluationRoundClosed'];

/**
 * Evaluators who have not rated, `ratingReminderDays` (default 3) before the round's planned close,
 * at `reminderHour` local time on that local day (domain.md, "Reminders and escalation"). A round
 * without a planned close gets none; one whose reminder time had already passed when it was opened
 * gets none either (its evaluators have just been appointed).
 */
export const ratingRemindersRule: JobRule = {
  name: 'rating-reminders',
  filter: { categories: ['evaluationRound'], eventTypes: [...SETS_CLOSE, ...ENDS] },
  plan(e, { settings, timeZone }) {
    const d = e.data as { roundId: string; plannedCloseAt?: string | null };
    const group = ratingGroup(d.roundId);
    const actions: DispatchAction[] = [{ kind: 'removeGroup', queue: QUEUES.reminders, group }];
    if (!SETS_CLOSE.includes(e.type) || !d.plannedCloseAt) return actions;
    const runAt = localHourOnDay(d.plannedCloseAt, -settings.ratingReminderDays, settings.reminderHour, timeZone);
    if (runAt.getTime() <= Date.parse(e.metadata.occurredAt) || runAt.getTime() >= Date.parse(d.plannedCloseAt)) return actions;
    actions.push({
      kind: 'add',
      job: {
        queue: QUEUES.reminders,
        name: RATING_REMINDER_JOB,
        jobId: `${group}/rating-due/r${e.revision}`,
        group,
        runAt: runAt.toISOString(),
        data: { roundId: d.roundId, plannedCloseAt: d.plannedCloseAt, revision: e.revision } satisfies RatingReminderJob,
      },
    });
    return actions;
  },
};
