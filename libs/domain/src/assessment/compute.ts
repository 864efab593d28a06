import { invalid } from '../shared/domain-error';
import { requireId, requireText } from '../guards';
import type { AssessmentEvaluation, AssessmentItem } from './events';
import type { AssessmentFact, AssessmentFacts, AssessmentRules, EvaluationInput, OptionalActionRule, RequiredActionRule } from './rules';

const FACTS: readonly AssessmentFact[] = ['registered', 'meetingsAttended', 'meetingsMissed', 'tasksDone', 'optionalActions'];
const round2 = (n: number): number => Math.round(n * 100) / 100;

export interface AssessmentResult {
  baseScore: number;
  deductions: AssessmentItem[];
  bonuses: AssessmentItem[];
  evaluation: AssessmentEvaluation;
  total: number;
  grade: string | null;
}

/** Pure: validates rules, facts and evaluations, and computes the assessment. */
export function computeAssessment(rules: AssessmentRules, facts: AssessmentFacts, evaluations: EvaluationInput[]): AssessmentResult {
  requireRules(rules);
  requireFacts(facts);
  const values = factValues(facts);
  const deductions = rules.required.map((rule) => deduction(rule, values[rule.fact]));
  const bonuses = rules.optional.map((rule) => bonus(rule, values[rule.fact]));
  const evaluation = evaluationPoints(rules, evaluations);
  let total = rules.baseScore - sum(deductions) + sum(bonuses) + evaluation.points;
  if (rules.bounds) total = Math.min(rules.bounds.max, Math.max(rules.bounds.min, total));
  total = round2(total);
  const band = [...(rules.grades ?? [])].sort((a, b) => b.minimum - a.minimum).find((g) => total >= g.minimum);
  return { baseScore: rules.baseScore, deductions, bonuses, evaluation, total, grade: band ? band.grade : null };
}

const sum = (items: AssessmentItem[]) => items.reduce((n, i) => n + i.points, 0);

function factValues(facts: AssessmentFacts): Record<AssessmentFact, number> {
  return {
    registered: facts.registered ? 1 : 0,
    meetingsAttended: facts.meetingsAttended,
    meetingsMissed: facts.meetingsHeld - facts.meetingsAttended,
    tasksDone: facts.tasksDone,
    optionalActions: facts.optionalActions,
  };
}

const capped = (points: number, max: number | null | undefined) => round2(max == null ? points : Math.min(points, max));

function deduction(rule: RequiredActionRule, value: number): AssessmentItem {
  const shortfall = rule.comparison === 'at_least' ? Math.max(0, rule.threshold - value) : Math.max(0, value - rule.threshold);
  return { ruleId: rule.ruleId, label: rule.label, fact: rule.fact, value, points: capped(shortfall * rule.pointsPerUnit, rule.maxPoints) };
}

function bonus(rule: OptionalActionRule, value: number): AssessmentItem {
  const excess = Math.max(0, value - rule.above);
  return { ruleId: rule.ruleId, label: rule.label, fact: rule.fact, value, points: capped(excess * rule.pointsPerUnit, rule.maxPoints) };
}

function evaluationPoints(rules: AssessmentRules, evaluations: EvaluationInput[]): AssessmentEvaluation {
  if (!Array.isArray(evaluations)) throw invalid('ASSESSMENT.INVALID_EVALUATIONS', 'evaluations must be a list', { field: 'evaluations' });
  const counts = { satisfied: 0, basically_satisfied: 0, dissatisfied: 0 };
  const roundIds: string[] = [];
  for (const e of evaluations) {
    const roundId = requireId(e?.roundId, 'ASSESSMENT.INVALID_EVALUATIONS', 'evaluations.roundId');
    if (roundIds.includes(roundId)) {
      throw invalid('ASSESSMENT.INVALID_EVALUATIONS', `round ${roundId} is counted twice`, { field: 'evaluations.roundId' });
    }
    roundIds.push(roundId);
    for (const key of ['satisfied', 'basically_satisfied', 'dissatisfied'] as const) {
      if (!isCount(e.counts?.[key])) {
        throw invalid('ASSESSMENT.INVALID_EVALUATIONS', 'rating counts are whole numbers ≥ 0', { field: `evaluations.counts.${key}` });
      }
      counts[key] += e.counts[key];
    }
  }
  const total = counts.satisfied + counts.basically_satisfied + counts.dissatisfied;
  const v = rules.evaluation.ratingValues;
  const meanValue =
    total === 0
      ? rules.evaluation.valueWhenNoRatings
      : round2((counts.satisfied * v.satisfied + counts.basically_satisfied * v.basically_satisfied + counts.dissatisfied * v.dissatisfied) / total);
  return { roundIds, counts, total, meanValue, points: round2((rules.evaluation.weight * meanValue) / 100) };
}

const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0;
const isPoints = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n) && n >= 0;
const isValue = (n: unknown): n is number => isPoints(n) && n <= 100;

function bad(field: string, message: string): never {
  throw invalid('ASSESSMENT.INVALID_RULES', message, { field: `rules.${field}` });
}

function requireRules(rules: AssessmentRules): void {
  if (!rules || typeof rules !== 'object') bad('', 'rules are required');
  requireText(rules.rulesId, 'ASSESSMENT.INVALID_RULES', 'rules.rulesId', 100);
  if (typeof rules.baseScore !== 'number' || !Number.isFinite(rules.baseScore)) bad('baseScore', 'baseScore must be a number');
  const ev = rules.evaluation;
  if (!ev || !isPoints(ev.weight)) bad('evaluation.weight', 'evaluation.weight must be ≥ 0');
  for (const key of ['satisfied', 'basically_satisfied', 'dissatisfied'] as const) {
    if (!isValue(ev.ratingValues?.[key])) bad(`evaluation.ratingValues.${key}`, 'rating values are 0..100');
  }
  if (!isValue(ev.valueWhenNoRatings)) bad('evaluation.valueWhenNoRatings', 'valueWhenNoRatings is 0..100');
  if (!Array.isArray(rules.required)) bad('required', 'required must be a list');
  if (!Array.isArray(rules.optional)) bad('optional', 'optional must be a list');
  const ids = new Set<string>();
  const common = (rule: RequiredActionRule | OptionalActionRule, at: string) => {
    requireId(rule?.ruleId, 'ASSESSMENT.INVALID_RULES', `rules.${at}.ruleId`);
    if (ids.has(rule.ruleId)) bad(`${at}.ruleId`, `rule ${rule.ruleId} appears twice`);
    ids.add(rule.ruleId);
    requireText(rule.label, 'ASSESSMENT.INVALID_RULES', `rules.${at}.label`, 200);
    if (!FACTS.includes(rule.fact)) bad(`${at}.fact`, `fact must be one of ${FACTS.join(', ')}`);
    if (!isPoints(rule.pointsPerUnit)) bad(`${at}.pointsPerUnit`, 'pointsPerUnit must be ≥ 0');
    if (rule.maxPoints != null && !isPoints(rule.maxPoints)) bad(`${at}.maxPoints`, 'maxPoints must be ≥ 0');
  };
  rules.required.forEach((rule, i) => {
    common(rule, `required[${i}]`);
    if (rule.comparison !== 'at_least' && rule.comparison !== 'at_most') bad(`required[${i}].comparison`, 'comparison is at_least or at_most');
    if (!isCount(rule.threshold)) bad(`required[${i}].threshold`, 'threshold is a whole number ≥ 0');
  });
  rules.optional.forEach((rule, i) => {
    common(rule, `optional[${i}]`);
    if (!isCount(rule.above)) bad(`optional[${i}].above`, 'above is a whole number ≥ 0');
  });
  if (rules.bounds != null) {
    const { min, max } = rules.bounds;
    if (!Number.isFinite(min) || !Number.isFinite(max) || min > max) bad('bounds', 'bounds need finite min ≤ max');
  }
  if (rules.grades != null) {
    if (!Array.isArray(rules.grades)) bad('grades', 'grades must be a list');
    rules.grades.forEach((g, i) => {
      requireText(g?.grade, 'ASSESSMENT.INVALID_RULES', `rules.grades[${i}].grade`, 20);
      if (!Number.isFinite(g.minimum)) bad(`grades[${i}].minimum`, 'a grade minimum is a number');
    });
    if (new Set(rules.grades.map((g) => g.minimum)).size !== rules.grades.length) bad('grades', 'grade minimums must differ');
  }
}

function requireFacts(facts: AssessmentFacts): void {
  const badFact = (field: string, message: string): never => {
    throw invalid('ASSESSMENT.INVALID_FACTS', message, { field: `facts.${field}` });
  };
  if (!facts || typeof facts !== 'object') badFact('', 'facts are required');
  if (typeof facts.registered !== 'boolean') badFact('registered', 'registered is true or false');
  for (const key of ['meetingsHeld', 'meetingsAttended', 'tasksDone', 'optionalActions'] as const) {
    if (!isCount(facts[key])) badFact(key, `${key} is a whole number ≥ 0`);
  }
  if (facts.meetingsAttended > facts.meetingsHeld) badFact('meetingsAttended', 'a unit cannot attend more meetings than were held');
}
