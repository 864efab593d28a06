import type { Command, Instant } from '../shared/message';
import type { Direction, Rating, RoundPeriod, RoundScope, Subject } from './events';

export type OpenEvaluationRound = Command<
  'OpenEvaluationRound',
  {
    roundId: string;
    scope: RoundScope;
    period: RoundPeriod;
    /** the directions rated in this round (双向评价) */
    directions: Direction[];
    /** named criteria that may be scored 0..100; empty means ratings carry no criterion scores */
    criteria: string[];
    /**
     * Appointed evaluators (居民代表, 两代表一委员). When non-empty, actors with role `evaluator`
     * must be on this list to rate.
     */
    appointedEvaluatorIds?: string[];
    /** when the round is planned to close (for reminders); the round closes by CloseEvaluationRound */
    plannedCloseAt?: Instant | null;
  }
>;

/**
 * Context loaded by the command handler from the task stream, for the per-task directions
 * (task_work, task_coordination). Omit for other directions.
 */
export interface TaskContext {
  taskId: string;
  communityId: string;
  verified: boolean;
  responsibleUnitId: string;
  /** the ids of the people who requested the needs the task serves */
  requesterIds: string[];
}

export type SubmitRating = Command<
  'SubmitRating',
  {
    roundId: string;
    direction: Direction;
    subject: Subject;
    rating: Rating;
    criterionScores?: Record<string, number>;
    comment?: string | null;
    task?: TaskContext | null;
  }
>;

export type CloseEvaluationRound = Command<'CloseEvaluationRound', { roundId: string }>;

export type EvaluationRoundCommand = OpenEvaluationRound | SubmitRating | CloseEvaluationRound;
