import { Inject, Injectable } from '@nestjs/common';
import { evaluationRound, fold, street } from '@cobuild/domain';
import { EVENT_STORE, type EventStore } from '@cobuild/event-store';

type Round = evaluationRound.EvaluationRoundState;

/** One evaluation round folded from its stream, and what a GET shows of it. */
@Injectable()
export class RoundReader {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async load(roundId: string) {
    const events = (await this.store.readStream(evaluationRound.streamName(roundId))).map(
      (e) => ({ type: e.type, data: e.data }) as evaluationRound.EvaluationRoundEvent,
    );
    return { state: fold(evaluationRound.decider, events), events, revision: events.length - 1 };
  }

  /** The street's district (for the scope of a street round), or null when the street is unknown. */
  async districtOfStreet(streetId: string): Promise<string | null> {
    const events = await this.store.readStream(street.streamName(streetId));
    const s = fold(street.decider, events.map((e) => ({ type: e.type, data: e.data }) as street.StreetEvent));
    return s.status === 'registered' ? s.districtId : null;
  }
}

/**
 * The round for readers: its set-up, how many ratings count now, and — only after it closed —
 * the aggregated results per subject. Individual ratings (who rated whom how) are not shown.
 */
export function roundView(state: Exclude<Round, { status: 'none' }>, events: evaluationRound.EvaluationRoundEvent[]) {
  const opened = events.find((e): e is evaluationRound.EvaluationRoundOpened => e.type === 'EvaluationRoundOpened');
  const closed = events.find((e): e is evaluationRound.EvaluationRoundClosed => e.type === 'EvaluationRoundClosed');
  return {
    roundId: state.roundId,
    status: state.status,
    scope: state.scope,
    period: state.period,
    directions: state.directions,
    criteria: state.criteria,
    appointedEvaluatorCount: state.appointedEvaluatorIds.length,
    plannedCloseAt: opened?.data.plannedCloseAt ?? null,
    openedAt: opened?.data.openedAt ?? null,
    closedAt: closed?.data.closedAt ?? null,
    ratingCount: closed ? closed.data.ratingCount : Object.keys(state.ratings).length,
    results: closed ? closed.data.results : null,
  };
}
