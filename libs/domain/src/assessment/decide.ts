import { assertNever } from '../shared/decider';
import { conflict, invalid } from '../shared/domain-error';
import { isIntegerIn, requireId } from '../guards';
import type { AssessmentCommand, ComputeAssessment, FinalizeAssessment } from './commands';
import { computeAssessment } from './compute';
import type { AssessmentEvent } from './events';
import type { AssessmentState } from './state';

export function decideAssessment(command: AssessmentCommand, state: AssessmentState): AssessmentEvent[] {
  switch (command.type) {
    case 'ComputeAssessment':
      return compute(command, state);
    case 'FinalizeAssessment':
      return finalize(command, state);
    default:
      return assertNever(command);
  }
}

function requireIdentity(data: { unitId: string; year: number }, state: AssessmentState) {
  const unitId = requireId(data.unitId, 'ASSESSMENT.INVALID_ID', 'unitId');
  if (!isIntegerIn(data.year, 2000, 2100)) throw invalid('ASSESSMENT.INVALID_YEAR', 'year must be 2000..2100', { field: 'year' });
  if (state.status !== 'none' && (state.result.unitId !== unitId || state.result.year !== data.year)) {
    throw invalid('ASSESSMENT.STREAM_MISMATCH', 'the command names another unit or year than this assessment', { field: 'unitId' });
  }
  return { unitId, year: data.year };
}

function compute(command: ComputeAssessment, state: AssessmentState): AssessmentEvent[] {
  const { unitId, year } = requireIdentity(command.data, state);
  if (state.status === 'finalized') throw conflict('ASSESSMENT.FINALIZED', `the ${year} assessment of ${unitId} is final`);
  const result = computeAssessment(command.data.rules, command.data.facts, command.data.evaluations);
  const data = {
    unitId,
    year,
    computation: state.status === 'computed' ? state.result.computation + 1 : 1,
    rulesId: command.data.rules.rulesId.trim(),
    facts: {
      registered: command.data.facts.registered,
      meetingsHeld: command.data.facts.meetingsHeld,
      meetingsAttended: command.data.facts.meetingsAttended,
      tasksDone: command.data.facts.tasksDone,
      optionalActions: command.data.facts.optionalActions,
    },
    ...result,
  };
  if (state.status === 'computed' && JSON.stringify({ ...data, computation: state.result.computation }) === JSON.stringify(state.result)) {
    return [];
  }
  return [{ type: 'AssessmentComputed', data: { ...data, computedAt: command.meta.now.toISOString() } }];
}

function finalize(command: FinalizeAssessment, state: AssessmentState): AssessmentEvent[] {
  const { unitId, year } = requireIdentity(command.data, state);
  if (state.status === 'none') throw conflict('ASSESSMENT.NOT_COMPUTED', `the ${year} assessment of ${unitId} has not been computed`);
  if (state.status === 'finalized') throw conflict('ASSESSMENT.FINALIZED', `the ${year} assessment of ${unitId} is already final`);
  const { result } = state;
  if (command.data.computation !== undefined && command.data.computation !== result.computation) {
    throw conflict('ASSESSMENT.STALE_COMPUTATION', `computation ${command.data.computation} was superseded by ${result.computation}`);
  }
  return [
    {
      type: 'AssessmentFinalized',
      data: {
        unitId,
        year,
        computation: result.computation,
        rulesId: result.rulesId,
        total: result.total,
        grade: result.grade,
        finalizedAt: command.meta.now.toISOString(),
      },
    },
  ];
}
