import type { AssessmentComputed } from './events';

type Result = Omit<AssessmentComputed['data'], 'computedAt'>;

export type AssessmentState =
  | { status: 'none' }
  | { status: 'computed'; result: Result }
  | { status: 'finalized'; result: Result };

export const initialAssessmentState = (): AssessmentState => ({ status: 'none' });
