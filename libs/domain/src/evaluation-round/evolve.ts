import type { EvaluationRoundEvent } from './events';
import { ratingKey, type EvaluationRoundState } from './state';

export function evolveEvaluationRound(state: EvaluationRoundState, event: EvaluationRoundEvent): EvaluationRoundState {
  switch (event.type) {
    case 'EvaluationRoundOpened': {
      const d = event.data;
      return {
        status: 'open',
        roundId: d.roundId,
        scope: { ...d.scope },
        period: { ...d.period },
        directions: [...d.directions],
        criteria: [...d.criteria],
        appointedEvaluatorIds: [...d.appointedEvaluatorIds],
        communityId: d.communityId ?? null,
        plannedCloseAt: d.plannedCloseAt ?? null,
        ratings: {},
      };
    }
    case 'RatingSubmitted': {
      if (state.status !== 'open') return state;
      const d = event.data;
      const key = ratingKey(d.evaluator, d.subject);
      const current = {
        direction: d.direction,
        subject: { ...d.subject },
        evaluator: { ...d.evaluator },
        rating: d.rating,
        criterionScores: { ...d.criterionScores },
      };
      return { ...state, ratings: { ...state.ratings, [key]: current } };
    }
    case 'EvaluationRoundClosed':
      return state.status === 'open' ? { ...state, status: 'closed', closedAt: event.data.closedAt } : state;
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}
