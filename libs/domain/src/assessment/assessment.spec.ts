import fc from 'fast-check';
import { DeciderSpecification } from '../testing/decider-specification';
import { runCommands, itFoldsInAnyBatches } from '../testing/decider-properties';
import { commandMeta } from '../testing/meta';
import {
  computeAssessment,
  decider,
  streamNameFor,
  type AssessmentCommand,
  type AssessmentComputed,
  type AssessmentEvent,
  type AssessmentFacts,
  type AssessmentRules,
  type EvaluationInput,
} from './index';

const now = new Date('2027-01-10T02:00:00Z');
const meta = commandMeta(now, 'p-org', 'district_admin');
const spec = DeciderSpecification.for(decider);

/** An example of the rules a district might configure (data, not code). */
const rules: AssessmentRules = {
  rulesId: '城东区-2026',
  baseScore: 70,
  evaluation: { weight: 30, ratingValues: { satisfied: 100, basically_satisfied: 60, dissatisfied: 0 }, valueWhenNoRatings: 60 },
  required: [
    { ruleId: 'reg', label: '到社区报到', fact: 'registered', comparison: 'at_least', threshold: 1, pointsPerUnit: 10 },
    { ruleId: 'meet', label: '参加联席会议', fact: 'meetingsMissed', comparison: 'at_most', threshold: 0, pointsPerUnit: 2, maxPoints: 6 },
    { ruleId: 'task', label: '每年至少办一件实事', fact: 'tasksDone', comparison: 'at_least', threshold: 1, pointsPerUnit: 20 },
  ],
  optional: [
    { ruleId: 'opt', label: '自选动作', fact: 'optionalActions', above: 0, pointsPerUnit: 2, maxPoints: 10 },
    { ruleId: 'more', label: '多办实事', fact: 'tasksDone', above: 1, pointsPerUnit: 1 },
  ],
  bounds: { min: 0, max: 100 },
  grades: [
    { grade: '合格', minimum: 60 },
    { grade: '优秀', minimum: 90 },
    { grade: '不合格', minimum: 0 },
    { grade: '良好', minimum: 80 },
  ],
};
const facts: AssessmentFacts = { registered: true, meetingsHeld: 4, meetingsAttended: 3, tasksDone: 3, optionalActions: 2 };
const evaluations: EvaluationInput[] = [
  { roundId: 'r1', counts: { satisfied: 3, basically_satisfied: 1, dissatisfied: 0 } },
  { roundId: 'r2', counts: { satisfied: 0, basically_satisfied: 0, dissatisfied: 1 } },
];
const computeCmd = (over: Partial<Extract<AssessmentCommand, { type: 'ComputeAssessment' }>['data']> = {}): AssessmentCommand => ({
  type: 'ComputeAssessment',
  data: { unitId: 'u1', year: 2026, rules, facts, evaluations, ...over },
  meta,
});
const finalizeCmd = (computation?: number): AssessmentCommand => ({ type: 'FinalizeAssessment', data: { unitId: 'u1', year: 2026, computation }, meta });

// 70 − 2 (1 meeting missed) + 4 (2 optional) + 2 (2 tasks above 1) + 30 × 72/100 (= 21.6) = 95.6 → 优秀
const computed: AssessmentComputed = {
  type: 'AssessmentComputed',
  data: {
    unitId: 'u1',
    year: 2026,
    computation: 1,
    rulesId: '城东区-2026',
    facts,
    baseScore: 70,
    deductions: [
      { ruleId: 'reg', label: '到社区报到', fact: 'registered', value: 1, points: 0 },
      { ruleId: 'meet', label: '参加联席会议', fact: 'meetingsMissed', value: 1, points: 2 },
      { ruleId: 'task', label: '每年至少办一件实事', fact: 'tasksDone', value: 3, points: 0 },
    ],
    bonuses: [
      { ruleId: 'opt', label: '自选动作', fact: 'optionalActions', value: 2, points: 4 },
      { ruleId: 'more', label: '多办实事', fact: 'tasksDone', value: 3, points: 2 },
    ],
    evaluation: { roundIds: ['r1', 'r2'], counts: { satisfied: 3, basically_satisfied: 1, dissatisfied: 1 }, total: 5, meanValue: 72, points: 21.6 },
    total: 95.6,
    grade: '优秀',
    computedAt: now.toISOString(),
  },
};

describe('assessment (annual)', () => {
  it('derives one stream per unit and year', () => expect(streamNameFor('u1', 2026)).toBe('assessment-u1:2026'));

  describe('computeAssessment', () => {
    it('deducts for missed required actions, clamps to bounds and grades', () => {
      const r = computeAssessment(rules, { registered: false, meetingsHeld: 6, meetingsAttended: 0, tasksDone: 0, optionalActions: 0 }, []);
      // 70 − 10 − 6 (capped) − 20 + 18 (no ratings: 60% of 30) = 52
      expect(r.deductions.map((d) => d.points)).toEqual([10, 6, 20]);
      expect(r.evaluation).toEqual({ roundIds: [], counts: { satisfied: 0, basically_satisfied: 0, dissatisfied: 0 }, total: 0, meanValue: 60, points: 18 });
      expect(r.total).toBe(52);
      expect(r.grade).toBe('不合格');
    });
    it('clamps the total into the bounds', () => {
      const r = computeAssessment({ ...rules, baseScore: 100 }, facts, evaluations);
      expect(r.total).toBe(100);
    });
    it('gives no grade when no band is reached or none configured', () => {
      expect(computeAssessment({ ...rules, grades: [] }, facts, evaluations).grade).toBeNull();
      expect(computeAssessment({ ...rules, bounds: null, baseScore: -100, grades: [{ grade: '合格', minimum: 60 }] }, facts, []).grade).toBeNull();
    });
  });

  describe('ComputeAssessment', () => {
    it('computes from rules, facts and evaluation results', () => spec.given([]).when(computeCmd()).then([computed]));
    it('recomputes with a new computation number until finalized', () =>
      spec
        .given([computed])
        .when(computeCmd({ facts: { ...facts, optionalActions: 0 } }))
        .then([
          {
            ...computed,
            data: {
              ...computed.data,
              computation: 2,
              facts: { ...facts, optionalActions: 0 },
              bonuses: [{ ...computed.data.bonuses[0], value: 0, points: 0 }, computed.data.bonuses[1]],
              total: 91.6,
            },
          },
        ]));
    it('does nothing when a recomputation gives the same result', () => spec.given([computed]).when(computeCmd()).thenNothingHappens());
    it('refuses after finalization', () =>
      spec.given([computed, { type: 'AssessmentFinalized', data: { unitId: 'u1', year: 2026, computation: 1, rulesId: '城东区-2026', total: 95.6, grade: '优秀', finalizedAt: now.toISOString() } }])
        .when(computeCmd())
        .thenThrows('ASSESSMENT.FINALIZED'));
    it('refuses another unit on this stream', () => spec.given([computed]).when(computeCmd({ unitId: 'u2' })).thenThrows('ASSESSMENT.STREAM_MISMATCH'));
    it.each([
      [{ year: 1999 }, 'ASSESSMENT.INVALID_YEAR'],
      [{ unitId: '' }, 'ASSESSMENT.INVALID_ID'],
      [{ rules: { ...rules, rulesId: '' } }, 'ASSESSMENT.INVALID_RULES'],
      [{ rules: { ...rules, baseScore: Number.NaN } }, 'ASSESSMENT.INVALID_RULES'],
      [{ rules: { ...rules, evaluation: { ...rules.evaluation, weight: -1 } } }, 'ASSESSMENT.INVALID_RULES'],
      [{ rules: { ...rules, evaluation: { ...rules.evaluation, valueWhenNoRatings: 101 } } }, 'ASSESSMENT.INVALID_RULES'],
      [{ rules: { ...rules, required: [rules.required[0], rules.required[0]] } }, 'ASSESSMENT.INVALID_RULES'],
      [{ rules: { ...rules, required: [{ ...rules.required[0], fact: 'vibes' }] } }, 'ASSESSMENT.INVALID_RULES'],
      [{ rules: { ...rules, required: [{ ...rules.required[0], comparison: 'about' }] } }, 'ASSESSMENT.INVALID_RULES'],
      [{ rules: { ...rules, required: [{ ...rules.required[0], pointsPerUnit: -5 }] } }, 'ASSESSMENT.INVALID_RULES'],
      [{ rules: { ...rules, optional: [{ ...rules.optional[0], above: 0.5 }] } }, 'ASSESSMENT.INVALID_RULES'],
      [{ rules: { ...rules, bounds: { min: 100, max: 0 } } }, 'ASSESSMENT.INVALID_RULES'],
      [{ rules: { ...rules, grades: [{ grade: 'A', minimum: 1 }, { grade: 'B', minimum: 1 }] } }, 'ASSESSMENT.INVALID_RULES'],
      [{ facts: { ...facts, meetingsAttended: 5 } }, 'ASSESSMENT.INVALID_FACTS'],
      [{ facts: { ...facts, tasksDone: -1 } }, 'ASSESSMENT.INVALID_FACTS'],
      [{ facts: { ...facts, registered: 'yes' } }, 'ASSESSMENT.INVALID_FACTS'],
      [{ evaluations: [evaluations[0], evaluations[0]] }, 'ASSESSMENT.INVALID_EVALUATIONS'],
      [{ evaluations: [{ roundId: 'r1', counts: { satisfied: 1.5, basically_satisfied: 0, dissatisfied: 0 } }] }, 'ASSESSMENT.INVALID_EVALUATIONS'],
    ])('rejects %p', (over, code) => spec.given([]).when(computeCmd(over as object)).thenThrows(code));
  });

  describe('FinalizeAssessment', () => {
    const finalized: AssessmentEvent = {
      type: 'AssessmentFinalized',
      data: { unitId: 'u1', year: 2026, computation: 1, rulesId: '城东区-2026', total: 95.6, grade: '优秀', finalizedAt: now.toISOString() },
    };
    it('finalizes the current computation', () => spec.given([computed]).when(finalizeCmd()).then([finalized]));
    it('finalizes the computation the finalizer reviewed', () => spec.given([computed]).when(finalizeCmd(1)).then([finalized]));
    it('refuses a superseded computation', () =>
      spec.given([computed, { ...computed, data: { ...computed.data, computation: 2 } }]).when(finalizeCmd(1)).thenThrows('ASSESSMENT.STALE_COMPUTATION'));
    it('refuses before computation', () => spec.given([]).when(finalizeCmd()).thenThrows('ASSESSMENT.NOT_COMPUTED'));
    it('refuses finalizing twice', () => spec.given([computed, finalized]).when(finalizeCmd()).thenThrows('ASSESSMENT.FINALIZED'));
  });

  describe('properties', () => {
    const factsArb = fc
      .record({
        registered: fc.boolean(),
        meetingsHeld: fc.integer({ min: 0, max: 8 }),
        meetingsAttended: fc.integer({ min: 0, max: 8 }),
        tasksDone: fc.integer({ min: 0, max: 6 }),
        optionalActions: fc.integer({ min: 0, max: 10 }),
      });
    const countsArb = fc.record({ satisfied: fc.nat(5), basically_satisfied: fc.nat(5), dissatisfied: fc.nat(5) });
    const commandArb: fc.Arbitrary<AssessmentCommand> = fc.oneof(
      fc.tuple(factsArb, fc.array(countsArb, { maxLength: 3 })).map(([f, cs]) =>
        computeCmd({ facts: f, evaluations: cs.map((counts, i) => ({ roundId: `r${i}`, counts })) }),
      ),
      fc.constant(finalizeCmd()),
      fc.constant(finalizeCmd(1)),
    );
    it('keeps the total within bounds, equal to its parts, and never changes after finalization', () =>
      fc.assert(
        fc.property(fc.array(commandArb, { maxLength: 15 }), (commands) => {
          const { events } = runCommands(decider, commands);
          let final = false;
          events.forEach((e, i) => {
            expect(final).toBe(false);
            if (e.type === 'AssessmentComputed') {
              const d = e.data;
              expect(d.computation).toBe(events.slice(0, i + 1).filter((x) => x.type === 'AssessmentComputed').length);
              expect(d.total).toBeGreaterThanOrEqual(0);
              expect(d.total).toBeLessThanOrEqual(100);
              const raw = d.baseScore - d.deductions.reduce((n, x) => n + x.points, 0) + d.bonuses.reduce((n, x) => n + x.points, 0) + d.evaluation.points;
              expect(d.total).toBeCloseTo(Math.min(100, Math.max(0, raw)), 6);
              expect(d.deductions.find((x) => x.ruleId === 'task')!.points).toBe(d.facts.tasksDone >= 1 ? 0 : 20);
            }
            if (e.type === 'AssessmentFinalized') final = true;
          });
        }),
      ));
    itFoldsInAnyBatches(decider, fc.array(commandArb, { maxLength: 15 }));
  });
});
