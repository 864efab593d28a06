import type { assessment } from '@cobuild/domain';
import defaults from './assessment-rules.default.json';

/**
 * The annual assessment's point rules are configuration DATA (libs/domain/src/assessment/rules.ts):
 * the district decides them each year. A compute request may carry its own `rules`; without them
 * the rules in `assessment-rules.default.json` (beside this file) apply. Either way the decider
 * validates them and the computation records their `rulesId`.
 */
export const DEFAULT_ASSESSMENT_RULES = defaults as assessment.AssessmentRules;
