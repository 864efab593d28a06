import type { Direction, Evaluator, Rating, RoundPeriod, RoundScope, Subject } from './events';

export interface CurrentRating {
  direction: Direction;
  subject: Subject;
  evaluator: Evaluator;
  rating: Rating;
  criterionScores: Record<string, number>;
}

interface Round {
  roundId: string;
  scope: RoundScope;
  period: RoundPeriod;
  directions: Direction[];
  criteria: string[];
  appointedEvaluatorIds: string[];
  /** the round's community (null for a street round) and when it is planned to close (reminders) */
  communityId: string | null;
  plannedCloseAt: string | null;
  /** the current rating per (evaluator, subject), keyed by `ratingKey` */
  ratings: Record<string, CurrentRating>;
}

export type EvaluationRoundState =
  | { status: 'none' }
  | ({ status: 'open' } & Round)
  | ({ status: 'closed'; closedAt: string } & Round);

export const initialEvaluationRoundState = (): EvaluationRoundState => ({ status: 'none' });

/** One rating per (evaluator, subject, round). */
export const ratingKey = (evaluator: Evaluator, subject: Subject): string =>
  JSON.stringify([evaluator.kind, evaluator.id, subject.kind, subject.id]);
