import type { Command } from '../shared/message';
import type { AssessmentFacts, AssessmentRules, EvaluationInput } from './rules';

/** Computes (or recomputes, until finalized) the unit's annual assessment from rules, facts and evaluations. */
export type ComputeAssessment = Command<
  'ComputeAssessment',
  { unitId: string; year: number; rules: AssessmentRules; facts: AssessmentFacts; evaluations: EvaluationInput[] }
>;

/** Finalizes the current computation; `computation` (when given) must be the one the finalizer reviewed. */
export type FinalizeAssessment = Command<'FinalizeAssessment', { unitId: string; year: number; computation?: number }>;

export type AssessmentCommand = ComputeAssessment | FinalizeAssessment;
