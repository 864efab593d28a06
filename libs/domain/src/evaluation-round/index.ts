import type { Decider } from '../shared/decider';
import type { EvaluationRoundCommand } from './commands';
import { decideEvaluationRound } from './decide';
import type { EvaluationRoundEvent } from './events';
import { evolveEvaluationRound } from './evolve';
import { initialEvaluationRoundState, type EvaluationRoundState } from './state';

export * from './commands';
export * from './events';
export * from './state';
export { aggregateResults } from './aggregate';
export { SUBJECT_KINDS } from './evaluators';
export { DIRECTIONS, RATINGS, MAX_CRITERIA } from './decide';

export const category = 'evaluationRound';
export const streamName = (roundId: string): string => `${category}-${roundId}`;

export const decider: Decider<EvaluationRoundState, EvaluationRoundCommand, EvaluationRoundEvent> = {
  decide: decideEvaluationRound,
  evolve: evolveEvaluationRound,
  initialState: initialEvaluationRoundState,
};
