import type { Event, Instant } from '../shared/message';
import type { AssessmentFact, AssessmentFacts } from './rules';

export type AssessmentItem = {
  ruleId: string;
  label: string;
  fact: AssessmentFact;
  /** the fact's value for this unit and year */
  value: number;
  /** points deducted or added (positive) */
  points: number;
};

export type AssessmentEvaluation = {
  roundIds: string[];
  counts: { satisfied: number; basically_satisfied: number; dissatisfied: number };
  total: number;
  /** mean rating value 0..100 (or the rules' value when there are no ratings) */
  meanValue: number;
  points: number;
};

/** The unit's annual assessment computed (or recomputed) from the given rules, facts and evaluation results. */
export type AssessmentComputed = Event<
  'AssessmentComputed',
  {
    unitId: string;
    year: number;
    /** 1 for the first computation, then 2, 3... */
    computation: number;
    rulesId: string;
    facts: AssessmentFacts;
    baseScore: number;
    deductions: AssessmentItem[];
    bonuses: AssessmentItem[];
    evaluation: AssessmentEvaluation;
    total: number;
    grade: string | null;
    computedAt: Instant;
  }
>;

/** The current computation became final; no recomputation after this. */
export type AssessmentFinalized = Event<
  'AssessmentFinalized',
  { unitId: string; year: number; computation: number; rulesId: string; total: number; grade: string | null; finalizedAt: Instant }
>;

export type AssessmentEvent = AssessmentComputed | AssessmentFinalized;

export const assessmentEventVersions: Record<AssessmentEvent['type'], number> = {
  AssessmentComputed: 1,
  AssessmentFinalized: 1,
};
