import type { Decider } from '../shared/decider';
import type { AssessmentCommand } from './commands';
import { decideAssessment } from './decide';
import type { AssessmentEvent } from './events';
import { evolveAssessment } from './evolve';
import { initialAssessmentState, type AssessmentState } from './state';

export * from './commands';
export * from './events';
export * from './rules';
export * from './state';
export { computeAssessment } from './compute';

export const category = 'assessment';
/** One stream per unit and year. */
export const assessmentId = (unitId: string, year: number): string => `${unitId}:${year}`;
export const streamName = (id: string): string => `${category}-${id}`;
export const streamNameFor = (unitId: string, year: number): string => streamName(assessmentId(unitId, year));

export const decider: Decider<AssessmentState, AssessmentCommand, AssessmentEvent> = {
  decide: decideAssessment,
  evolve: evolveAssessment,
  initialState: initialAssessmentState,
};
