import { assertNever } from '../shared/decider';
import { conflict, invalid } from '../shared/domain-error';
import { isIntegerIn, millis, optionalText, requireId, requireIdList, requireInstant, requireText } from '../guards';
import { aggregateResults } from './aggregate';
import type { CloseEvaluationRound, EvaluationRoundCommand, OpenEvaluationRound, SubmitRating } from './commands';
import type { Direction, EvaluationRoundEvent, Rating, RoundPeriod, RoundScope } from './events';
import { evaluatorFor, requireSubjectInScope, SUBJECT_KINDS } from './evaluators';
import { ratingKey, type EvaluationRoundState } from './state';

export const RATINGS: readonly Rating[] = ['satisfied', 'basically_satisfied', 'dissatisfied'];
export const DIRECTIONS = Object.keys(SUBJECT_KINDS) as Direction[];
export const MAX_CRITERIA = 20;

export function decideEvaluationRound(command: EvaluationRoundCommand, state: EvaluationRoundState): EvaluationRoundEvent[] {
  switch (command.type) {
    case 'OpenEvaluationRound':
      return open(command, state);
    case 'SubmitRating':
      return submit(command, state);
    case 'CloseEvaluationRound':
      return close(command, state);
    default:
      return assertNever(command);
  }
}

function open(command: OpenEvaluationRound, state: EvaluationRoundState): EvaluationRoundEvent[] {
  const { data, meta } = command;
  if (state.status !== 'none') throw conflict('ROUND.ALREADY_OPENED', `round ${data.roundId} was already opened`);
  const roundId = requireId(data.roundId, 'ROUND.INVALID_ID', 'roundId');
  const scope = requireScope(data.scope);
  const period = requirePeriod(data.period);
  if (!Array.isArray(data.directions) || data.directions.length === 0 || data.directions.some((d) => !DIRECTIONS.includes(d))) {
    throw invalid('ROUND.INVALID_DIRECTIONS', `directions must be a non-empty list of ${DIRECTIONS.join(', ')}`, { field: 'directions' });
  }
  if (new Set(data.directions).size !== data.directions.length) {
    throw invalid('ROUND.INVALID_DIRECTIONS', 'directions must not repeat', { field: 'directions' });
  }
  if (!Array.isArray(data.criteria)) throw invalid('ROUND.INVALID_CRITERIA', 'criteria must be a list', { field: 'criteria' });
  const criteria = data.criteria.map((c) => requireText(c, 'ROUND.INVALID_CRITERIA', 'criteria', 50));
  if (criteria.some((c) => RESERVED_NAMES.has(c)))
    throw invalid('ROUND.INVALID_CRITERIA', `a criterion may not be named ${[...RESERVED_NAMES].join(', ')} (they are not data keys)`, { field: 'criteria' });
  if (new Set(criteria).size !== criteria.length || criteria.length > MAX_CRITERIA) {
    throw invalid('ROUND.INVALID_CRITERIA', `criteria must be unique, at most ${MAX_CRITERIA}`, { field: 'criteria' });
  }
  const appointedEvaluatorIds = requireIdList(data.appointedEvaluatorIds ?? [], 'ROUND.INVALID_ID', 'appointedEvaluatorIds');
  let plannedCloseAt: string | null = null;
  if (data.plannedCloseAt != null) {
    plannedCloseAt = requireInstant(data.plannedCloseAt, 'ROUND.INVALID_PLANNED_CLOSE', 'plannedCloseAt');
    if (millis(plannedCloseAt) <= meta.now.getTime()) {
      throw invalid('ROUND.DEADLINE_IN_PAST', 'the planned close must be in the future', { field: 'plannedCloseAt' });
    }
  }
  return [
    {
      type: 'EvaluationRoundOpened',
      data: {
        roundId,
        scope,
        communityId: scope.level === 'community' ? scope.id : null,
        period,
        directions: [...data.directions],
        criteria,
        appointedEvaluatorIds,
        plannedCloseAt,
        openedAt: meta.now.toISOString(),
      },
    },
  ];
}

function submit(command: SubmitRating, state: EvaluationRoundState): EvaluationRoundEvent[] {
  const { data, meta } = command;
  if (state.status === 'none') throw conflict('ROUND.NOT_OPEN', `round ${data.roundId} is not open`);
  if (state.status === 'closed') throw conflict('ROUND.CLOSED', `round ${data.roundId} is closed`);
  if (!DIRECTIONS.includes(data.direction)) throw invalid('ROUND.INVALID_DIRECTION', 'unknown direction', { field: 'direction' });
  if (!state.directions.includes(data.direction)) {
    throw conflict('ROUND.DIRECTION_NOT_IN_ROUND', `this round does not rate ${data.direction}`);
  }
  if (!data.subject || typeof data.subject !== 'object') throw invalid('ROUND.INVALID_SUBJECT', 'a subject is required', { field: 'subject' });
  const subject = { kind: data.subject.kind, id: requireId(data.subject.id, 'ROUND.INVALID_SUBJECT', 'subject.id') };
  requireSubjectInScope(data.direction, subject, state.scope);
  const evaluator = evaluatorFor(data.direction, meta.actor, subject, state, data.task ?? null);
  if (!RATINGS.includes(data.rating)) {
    throw invalid('ROUND.INVALID_RATING', `rating must be one of ${RATINGS.join(', ')}`, { field: 'rating' });
  }
  const criterionScores = requireScores(data.criterionScores ?? {}, state.criteria);
  const comment = optionalText(data.comment, 'ROUND.INVALID_COMMENT', 'comment', 1000);
  const task = data.direction === 'task_work' || data.direction === 'task_coordination' ? data.task : null;
  return [
    {
      type: 'RatingSubmitted',
      data: {
        roundId: state.roundId,
        scope: state.scope,
        communityId: state.scope.level === 'community' ? state.scope.id : task ? task.communityId : null,
        direction: data.direction,
        subject,
        evaluator,
        evaluatorRole: meta.actor.role,
        rating: data.rating,
        criterionScores,
        comment,
        supersedesPrevious: ratingKey(evaluator, subject) in state.ratings,
        submittedAt: meta.now.toISOString(),
      },
    },
  ];
}

function close(command: CloseEvaluationRound, state: EvaluationRoundState): EvaluationRoundEvent[] {
  if (state.status === 'none') throw conflict('ROUND.NOT_OPEN', `round ${command.data.roundId} is not open`);
  if (state.status === 'closed') throw conflict('ROUND.CLOSED', `round ${command.data.roundId} is already closed`);
  const current = Object.values(state.ratings);
  return [
    {
      type: 'EvaluationRoundClosed',
      data: {
        roundId: state.roundId,
        scope: state.scope,
        communityId: state.scope.level === 'community' ? state.scope.id : null,
        period: state.period,
        closedAt: command.meta.now.toISOString(),
        ratingCount: current.length,
        results: aggregateResults(current),
      },
    },
  ];
}

function requireScope(scope: RoundScope | undefined): RoundScope {
  if (!scope || (scope.level !== 'street' && scope.level !== 'community')) {
    throw invalid('ROUND.INVALID_SCOPE', 'scope must be a street or a community', { field: 'scope.level' });
  }
  return { level: scope.level, id: requireId(scope.id, 'ROUND.INVALID_SCOPE', 'scope.id') };
}

function requirePeriod(period: RoundPeriod | undefined): RoundPeriod {
  if (period?.kind === 'year') {
    if (!isIntegerIn(period.year, 2000, 2100)) throw invalid('ROUND.INVALID_PERIOD', 'year must be 2000..2100', { field: 'period.year' });
    return { kind: 'year', year: period.year };
  }
  if (period?.kind === 'custom') {
    const label = requireText(period.label, 'ROUND.INVALID_PERIOD', 'period.label', 50);
    const from = requireInstant(period.from, 'ROUND.INVALID_PERIOD', 'period.from');
    const until = requireInstant(period.until, 'ROUND.INVALID_PERIOD', 'period.until');
    if (millis(until) <= millis(from)) throw invalid('ROUND.INVALID_PERIOD', 'the period must end after it starts', { field: 'period.until' });
    return { kind: 'custom', label, from, until };
  }
  throw invalid('ROUND.INVALID_PERIOD', "period must be { kind: 'year', year } or { kind: 'custom', label, from, until }", { field: 'period' });
}

/** Integer scores 0..100, only for the round's named criteria. */
/** names that would reach an object's prototype when used as a key of criterionScores */
const RESERVED_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

function requireScores(scores: Record<string, number>, criteria: string[]): Record<string, number> {
  if (typeof scores !== 'object' || scores === null || Array.isArray(scores)) {
    throw invalid('ROUND.INVALID_SCORE', 'criterionScores must map criterion names to scores', { field: 'criterionScores' });
  }
  const out: Record<string, number> = {};
  for (const criterion of Object.keys(scores).sort()) {
    if (!criteria.includes(criterion)) {
      throw invalid('ROUND.UNKNOWN_CRITERION', `"${criterion}" is not a criterion of this round`, { field: `criterionScores.${criterion}` });
    }
    if (!isIntegerIn(scores[criterion], 0, 100)) {
      throw invalid('ROUND.INVALID_SCORE', 'a criterion score is a whole number from 0 to 100', { field: `criterionScores.${criterion}` });
    }
    out[criterion] = scores[criterion];
  }
  return out;
}
