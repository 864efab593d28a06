/**
 * The annual assessment's point rules are configuration DATA (a district decides them each year),
 * passed into ComputeAssessment; nothing here is a policy constant.
 */

/** The measurable facts a rule can look at. */
export type AssessmentFact = 'registered' | 'meetingsAttended' | 'meetingsMissed' | 'tasksDone' | 'optionalActions';

/**
 * 规定动作: a required action. Missing it deducts `pointsPerUnit` for each unit the fact falls short of
 * `threshold` (`at_least`) or exceeds it (`at_most`), capped at `maxPoints` when given.
 * e.g. registered at_least 1 → 10 points; tasksDone at_least 1 → 20 points (每年至少办一件实事);
 *      meetingsMissed at_most 0 → 2 points each, at most 8.
 */
export type RequiredActionRule = {
  ruleId: string;
  label: string;
  fact: AssessmentFact;
  comparison: 'at_least' | 'at_most';
  threshold: number;
  pointsPerUnit: number;
  maxPoints?: number | null;
};

/** 自选动作: a bonus of `pointsPerUnit` for each unit the fact exceeds `above`, capped at `maxPoints`. */
export type OptionalActionRule = {
  ruleId: string;
  label: string;
  fact: AssessmentFact;
  above: number;
  pointsPerUnit: number;
  maxPoints?: number | null;
};

export type AssessmentRules = {
  /** identifies this version of the rules, e.g. "城东区-2026" */
  rulesId: string;
  baseScore: number;
  /** points from the two-way evaluation: weight × mean rating value / 100 */
  evaluation: {
    weight: number;
    /** the value (0..100) of each rating */
    ratingValues: { satisfied: number; basically_satisfied: number; dissatisfied: number };
    /** the value (0..100) used when the unit received no rating */
    valueWhenNoRatings: number;
  };
  required: RequiredActionRule[];
  optional: OptionalActionRule[];
  /** the total is clamped into these bounds when given */
  bounds?: { min: number; max: number } | null;
  /** grade bands; the first (highest) band whose minimum the total reaches is the grade */
  grades?: Array<{ grade: string; minimum: number }>;
};

/** What the command handler gathers from the read models for one unit and year. */
export type AssessmentFacts = {
  /** registered at one community or more during the year (双报到) */
  registered: boolean;
  /** joint meetings the unit was expected to attend, and attended */
  meetingsHeld: number;
  meetingsAttended: number;
  /** tasks for which the unit was responsible and that were verified in the year */
  tasksDone: number;
  /** optional actions (自选动作) recorded for the unit in the year */
  optionalActions: number;
};

/** The unit's results (direction community_to_unit) from closed evaluation rounds of the year. */
export type EvaluationInput = {
  roundId: string;
  counts: { satisfied: number; basically_satisfied: number; dissatisfied: number };
};
