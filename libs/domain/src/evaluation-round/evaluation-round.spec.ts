import fc from 'fast-check';
import type { Actor, CommandMeta } from '../shared/message';
import { DeciderSpecification } from '../testing/decider-specification';
import { runCommands, itFoldsInAnyBatches } from '../testing/decider-properties';
import {
  decider,
  streamName,
  type EvaluationRoundCommand,
  type EvaluationRoundEvent,
  type RatingSubmitted,
  type TaskContext,
} from './index';

const now = new Date('2026-12-01T01:00:00Z');
const later = new Date('2026-12-20T01:00:00Z');
const at = (actor: Actor, when = now): CommandMeta => ({ now: when, actor });
const streetAdmin: Actor = { id: 'p-street', role: 'street_admin' };
const secretary: Actor = { id: 'p-sec', role: 'community_secretary' };
const rep: Actor = { id: 'p-rep', role: 'evaluator' };
const unitContact: Actor = { id: 'p-u1', role: 'unit_contact', unitId: 'u1' };
const spec = DeciderSpecification.for(decider);
const scope = { level: 'community' as const, id: 'c1' };
const period = { kind: 'year' as const, year: 2026 };
const allDirections = ['community_to_unit', 'unit_to_community', 'resident_to_member', 'task_work', 'task_coordination'] as const;

const opened: EvaluationRoundEvent = {
  type: 'EvaluationRoundOpened',
  data: {
    roundId: 'r1',
    scope,
    communityId: 'c1',
    period,
    directions: [...allDirections],
    criteria: ['服务态度', '办事效率'],
    appointedEvaluatorIds: [],
    plannedCloseAt: '2026-12-31T09:00:00Z',
    openedAt: now.toISOString(),
  },
};
const openCmd = (over: object = {}): EvaluationRoundCommand => ({
  type: 'OpenEvaluationRound',
  data: { roundId: 'r1', scope, period, directions: [...allDirections], criteria: ['服务态度', '办事效率'], plannedCloseAt: '2026-12-31T09:00:00Z', ...over },
  meta: at(streetAdmin),
});
const withAppointed = (ids: string[]): EvaluationRoundEvent => ({ ...opened, data: { ...opened.data, appointedEvaluatorIds: ids } } as EvaluationRoundEvent);

const verifiedTask: TaskContext = { taskId: 't1', communityId: 'c1', verified: true, responsibleUnitId: 'u1', requesterIds: ['p-res'] };
type SubmitData = Extract<EvaluationRoundCommand, { type: 'SubmitRating' }>['data'];
const rate = (actor: Actor, over: Partial<SubmitData> = {}, when = now): EvaluationRoundCommand => ({
  type: 'SubmitRating',
  data: { roundId: 'r1', direction: 'community_to_unit', subject: { kind: 'unit', id: 'u1' }, rating: 'satisfied', ...over },
  meta: at(actor, when),
});
const rated = (over: Partial<RatingSubmitted['data']> = {}): RatingSubmitted => ({
  type: 'RatingSubmitted',
  data: {
    roundId: 'r1',
    scope,
    communityId: 'c1',
    direction: 'community_to_unit',
    subject: { kind: 'unit', id: 'u1' },
    evaluator: { kind: 'person', id: 'p-sec' },
    evaluatorRole: 'community_secretary',
    rating: 'satisfied',
    criterionScores: {},
    comment: null,
    supersedesPrevious: false,
    submittedAt: now.toISOString(),
    ...over,
  },
});
const closeCmd = (): EvaluationRoundCommand => ({ type: 'CloseEvaluationRound', data: { roundId: 'r1' }, meta: at(streetAdmin, later) });

describe('evaluation round (双向评价)', () => {
  it('names its stream', () => expect(streamName('r1')).toBe('evaluationRound-r1'));

  describe('OpenEvaluationRound', () => {
    it('opens a round for a community and year', () => spec.given([]).when(openCmd()).then([opened]));
    it('opens a street round over a custom period with appointed evaluators', () =>
      spec
        .given([])
        .when(
          openCmd({
            scope: { level: 'street', id: 's1' },
            period: { kind: 'custom', label: '2026上半年', from: '2025-12-31T16:00:00Z', until: '2026-06-30T16:00:00Z' },
            appointedEvaluatorIds: ['p-rep'],
            plannedCloseAt: null,
          }),
        )
        .then([
          {
            ...opened,
            data: {
              ...opened.data,
              scope: { level: 'street', id: 's1' },
              communityId: null,
              period: { kind: 'custom', label: '2026上半年', from: '2025-12-31T16:00:00Z', until: '2026-06-30T16:00:00Z' },
              appointedEvaluatorIds: ['p-rep'],
              plannedCloseAt: null,
            },
          } as EvaluationRoundEvent,
        ]));
    it('rejects opening twice', () => spec.given([opened]).when(openCmd()).thenThrows('ROUND.ALREADY_OPENED'));
    it.each([
      [{ scope: { level: 'grid', id: 'g1' } }, 'ROUND.INVALID_SCOPE'],
      [{ scope: { level: 'community', id: '' } }, 'ROUND.INVALID_SCOPE'],
      [{ period: { kind: 'year', year: 26 } }, 'ROUND.INVALID_PERIOD'],
      [{ period: { kind: 'custom', label: 'x', from: '2026-07-01T00:00:00Z', until: '2026-01-01T00:00:00Z' } }, 'ROUND.INVALID_PERIOD'],
      [{ period: { kind: 'decade' } }, 'ROUND.INVALID_PERIOD'],
      [{ directions: [] }, 'ROUND.INVALID_DIRECTIONS'],
      [{ directions: ['sideways'] }, 'ROUND.INVALID_DIRECTIONS'],
      [{ directions: ['task_work', 'task_work'] }, 'ROUND.INVALID_DIRECTIONS'],
      [{ criteria: ['a', 'a'] }, 'ROUND.INVALID_CRITERIA'],
      [{ criteria: [''] }, 'ROUND.INVALID_CRITERIA'],
      [{ criteria: ['__proto__'] }, 'ROUND.INVALID_CRITERIA'],
      [{ criteria: ['constructor'] }, 'ROUND.INVALID_CRITERIA'],
      [{ plannedCloseAt: '2026-11-30T00:00:00Z' }, 'ROUND.DEADLINE_IN_PAST'],
      [{ plannedCloseAt: 'soon' }, 'ROUND.INVALID_PLANNED_CLOSE'],
      [{ appointedEvaluatorIds: ['p', 'p'] }, 'ROUND.INVALID_ID'],
    ])('rejects %p', (over, code) => spec.given([]).when(openCmd(over)).thenThrows(code));
  });

  describe('SubmitRating', () => {
    it('takes the community’s rating of a unit with criterion scores and a comment', () =>
      spec
        .given([opened])
        .when(rate(secretary, { criterionScores: { 服务态度: 90, 办事效率: 0 }, comment: ' 积极参与 ' }))
        .then([rated({ criterionScores: { 办事效率: 0, 服务态度: 90 }, comment: '积极参与' })]));
    it('takes a residents’ representative rating a unit', () =>
      spec.given([opened]).when(rate(rep)).then([rated({ evaluator: { kind: 'person', id: 'p-rep' }, evaluatorRole: 'evaluator' })]));
    it('marks a later rating by the same evaluator as superseding', () =>
      spec.given([opened, rated()]).when(rate(secretary, { rating: 'dissatisfied' })).then([rated({ rating: 'dissatisfied', supersedesPrevious: true })]));
    it('lets a unit rate the community, as the unit', () =>
      spec
        .given([opened])
        .when(rate(unitContact, { direction: 'unit_to_community', subject: { kind: 'community', id: 'c1' }, rating: 'basically_satisfied' }))
        .then([
          rated({
            direction: 'unit_to_community',
            subject: { kind: 'community', id: 'c1' },
            evaluator: { kind: 'unit', id: 'u1' },
            evaluatorRole: 'unit_contact',
            rating: 'basically_satisfied',
          }),
        ]));
    it('lets a representative rate a member (评诺)', () =>
      spec
        .given([opened])
        .when(rate(rep, { direction: 'resident_to_member', subject: { kind: 'member', id: 'm1' } }))
        .then([rated({ direction: 'resident_to_member', subject: { kind: 'member', id: 'm1' }, evaluator: { kind: 'person', id: 'p-rep' }, evaluatorRole: 'evaluator' })]));
    it('lets the requester rate a verified task’s work', () =>
      spec
        .given([opened])
        .when(rate({ id: 'p-res', role: 'public' }, { direction: 'task_work', subject: { kind: 'task', id: 't1' }, task: verifiedTask }))
        .then([rated({ direction: 'task_work', subject: { kind: 'task', id: 't1' }, evaluator: { kind: 'person', id: 'p-res' }, evaluatorRole: 'public' })]));
    it('lets the responsible unit rate the coordination of a verified task', () =>
      spec
        .given([opened])
        .when(rate(unitContact, { direction: 'task_coordination', subject: { kind: 'task', id: 't1' }, task: verifiedTask }))
        .then([
          rated({ direction: 'task_coordination', subject: { kind: 'task', id: 't1' }, evaluator: { kind: 'unit', id: 'u1' }, evaluatorRole: 'unit_contact' }),
        ]));
    it('records the task’s community for per-task ratings in a street round', () => {
      const streetRound = { ...opened, data: { ...opened.data, scope: { level: 'street', id: 's1' }, communityId: null } } as EvaluationRoundEvent;
      spec
        .given([streetRound])
        .when(rate(unitContact, { direction: 'task_coordination', subject: { kind: 'task', id: 't1' }, task: verifiedTask }))
        .then([
          rated({
            scope: { level: 'street', id: 's1' },
            communityId: 'c1',
            direction: 'task_coordination',
            subject: { kind: 'task', id: 't1' },
            evaluator: { kind: 'unit', id: 'u1' },
            evaluatorRole: 'unit_contact',
          }),
        ]);
    });

    it('refuses before the round is open', () => spec.given([]).when(rate(secretary)).thenThrows('ROUND.NOT_OPEN'));
    it('refuses after close', () =>
      spec.given([opened, { type: 'EvaluationRoundClosed', data: { roundId: 'r1', scope, communityId: 'c1', period, closedAt: later.toISOString(), ratingCount: 0, results: [] } }])
        .when(rate(secretary))
        .thenThrows('ROUND.CLOSED'));
    it('refuses a direction the round does not rate', () =>
      spec
        .given([{ ...opened, data: { ...opened.data, directions: ['unit_to_community'] } } as EvaluationRoundEvent])
        .when(rate(secretary))
        .thenThrows('ROUND.DIRECTION_NOT_IN_ROUND'));
    it.each<[string, Actor, Partial<SubmitData>]>([
      ['a unit contact rating a unit', unitContact, {}],
      ['a member rating a unit', { id: 'm1', role: 'member' }, {}],
      ['the public rating a unit', { id: 'x', role: 'public' }, {}],
      ['a secretary rating the community as a unit', secretary, { direction: 'unit_to_community', subject: { kind: 'community', id: 'c1' } }],
      ['a unit contact without a unit', { id: 'p', role: 'unit_contact' }, { direction: 'unit_to_community', subject: { kind: 'community', id: 'c1' } }],
      ['a secretary rating a member', secretary, { direction: 'resident_to_member', subject: { kind: 'member', id: 'm1' } }],
      ['a member rating themselves', { id: 'm1', role: 'evaluator' }, { direction: 'resident_to_member', subject: { kind: 'member', id: 'm1' } }],
      ['a stranger rating a task’s work', { id: 'p-x', role: 'public' }, { direction: 'task_work', subject: { kind: 'task', id: 't1' }, task: verifiedTask }],
      ['another unit rating a task’s coordination', { id: 'p-u2', role: 'unit_contact', unitId: 'u2' }, { direction: 'task_coordination', subject: { kind: 'task', id: 't1' }, task: verifiedTask }],
      ['a secretary rating a task’s coordination', secretary, { direction: 'task_coordination', subject: { kind: 'task', id: 't1' }, task: verifiedTask }],
    ])('refuses %s', (_why, actor, over) => spec.given([opened]).when(rate(actor, over)).thenThrows('ROUND.NOT_AN_EVALUATOR_FOR_DIRECTION'));
    it('refuses an evaluator not appointed to the round', () =>
      spec.given([withAppointed(['p-other'])]).when(rate(rep)).thenThrows('ROUND.NOT_AN_EVALUATOR_FOR_DIRECTION'));
    it('takes an appointed evaluator', () =>
      spec.given([withAppointed(['p-rep'])]).when(rate(rep)).then([rated({ evaluator: { kind: 'person', id: 'p-rep' }, evaluatorRole: 'evaluator' })]));
    it('refuses a subject the direction does not rate', () =>
      spec.given([opened]).when(rate(secretary, { subject: { kind: 'member', id: 'm1' } })).thenThrows('ROUND.SUBJECT_NOT_FOR_DIRECTION'));
    it('refuses another community in a community round', () =>
      spec
        .given([opened])
        .when(rate(unitContact, { direction: 'unit_to_community', subject: { kind: 'community', id: 'c2' } }))
        .thenThrows('ROUND.SUBJECT_OUT_OF_SCOPE'));
    it('refuses a street in a community round', () =>
      spec
        .given([opened])
        .when(rate(unitContact, { direction: 'unit_to_community', subject: { kind: 'street', id: 's1' } }))
        .thenThrows('ROUND.SUBJECT_OUT_OF_SCOPE'));
    it('refuses a task of another community', () =>
      spec
        .given([opened])
        .when(rate(unitContact, { direction: 'task_coordination', subject: { kind: 'task', id: 't1' }, task: { ...verifiedTask, communityId: 'c2' } }))
        .thenThrows('ROUND.SUBJECT_OUT_OF_SCOPE'));
    it('refuses a task that is not verified', () =>
      spec
        .given([opened])
        .when(rate(unitContact, { direction: 'task_coordination', subject: { kind: 'task', id: 't1' }, task: { ...verifiedTask, verified: false } }))
        .thenThrows('ROUND.TASK_NOT_VERIFIED'));
    it('refuses a per-task rating without the task', () =>
      spec.given([opened]).when(rate(secretary, { direction: 'task_work', subject: { kind: 'task', id: 't1' } })).thenThrows('ROUND.TASK_NOT_FOUND'));
    it('refuses a task context for another task', () =>
      spec
        .given([opened])
        .when(rate(secretary, { direction: 'task_work', subject: { kind: 'task', id: 't2' }, task: verifiedTask }))
        .thenThrows('ROUND.TASK_NOT_FOUND'));
    it.each([
      [{ rating: 'great' }, 'ROUND.INVALID_RATING'],
      [{ criterionScores: { 服务态度: 101 } }, 'ROUND.INVALID_SCORE'],
      [{ criterionScores: { 服务态度: -1 } }, 'ROUND.INVALID_SCORE'],
      [{ criterionScores: { 服务态度: 80.5 } }, 'ROUND.INVALID_SCORE'],
      [{ criterionScores: { 颜值: 80 } }, 'ROUND.UNKNOWN_CRITERION'],
      [{ comment: 'x'.repeat(1001) }, 'ROUND.INVALID_COMMENT'],
      [{ subject: { kind: 'unit', id: '' } }, 'ROUND.INVALID_SUBJECT'],
      [{ direction: 'sideways' }, 'ROUND.INVALID_DIRECTION'],
    ])('rejects %p', (over, code) => spec.given([opened]).when(rate(secretary, over as Partial<SubmitData>)).thenThrows(code));
  });

  describe('CloseEvaluationRound', () => {
    it('aggregates the current ratings per subject into the close event', () =>
      spec
        .given([
          opened,
          rated({ rating: 'dissatisfied', criterionScores: { 服务态度: 10 } }),
          rated({ rating: 'satisfied', criterionScores: { 服务态度: 90, 办事效率: 80 }, supersedesPrevious: true }),
          rated({ evaluator: { kind: 'person', id: 'p-rep' }, evaluatorRole: 'evaluator', rating: 'basically_satisfied', criterionScores: { 服务态度: 71 } }),
          rated({ evaluator: { kind: 'person', id: 'p-rep2' }, evaluatorRole: 'evaluator', rating: 'dissatisfied' }),
          rated({ direction: 'unit_to_community', subject: { kind: 'community', id: 'c1' }, evaluator: { kind: 'unit', id: 'u1' }, evaluatorRole: 'unit_contact' }),
        ])
        .when(closeCmd())
        .then([
          {
            type: 'EvaluationRoundClosed',
            data: {
              roundId: 'r1',
              scope,
              communityId: 'c1',
              period,
              closedAt: later.toISOString(),
              ratingCount: 4,
              results: [
                {
                  direction: 'community_to_unit',
                  subject: { kind: 'unit', id: 'u1' },
                  counts: { satisfied: 1, basically_satisfied: 1, dissatisfied: 1 },
                  total: 3,
                  satisfactionRate: 0.6667,
                  satisfiedRate: 0.3333,
                  meanCriterionScores: { 办事效率: 80, 服务态度: 80.5 },
                },
                {
                  direction: 'unit_to_community',
                  subject: { kind: 'community', id: 'c1' },
                  counts: { satisfied: 1, basically_satisfied: 0, dissatisfied: 0 },
                  total: 1,
                  satisfactionRate: 1,
                  satisfiedRate: 1,
                  meanCriterionScores: {},
                },
              ],
            },
          },
        ]));
    it('closes an empty round with no results', () =>
      spec
        .given([opened])
        .when(closeCmd())
        .then([{ type: 'EvaluationRoundClosed', data: { roundId: 'r1', scope, communityId: 'c1', period, closedAt: later.toISOString(), ratingCount: 0, results: [] } }]));
    it('refuses to close a round never opened', () => spec.given([]).when(closeCmd()).thenThrows('ROUND.NOT_OPEN'));
    it('refuses to close a round already closed (409, not a silent success)', () =>
      spec
        .given([opened, { type: 'EvaluationRoundClosed', data: { roundId: 'r1', scope, communityId: 'c1', period, closedAt: later.toISOString(), ratingCount: 0, results: [] } }])
        .when(closeCmd())
        .thenThrows('ROUND.CLOSED'));
  });

  describe('properties', () => {
    const actors: Actor[] = [secretary, rep, { id: 'p-rep2', role: 'evaluator' }, unitContact, { id: 'p-u2', role: 'unit_contact', unitId: 'u2' }, { id: 'p-res', role: 'public' }];
    const submitArb = fc
      .record({
        actor: fc.constantFrom(...actors),
        direction: fc.constantFrom(...allDirections),
        subject: fc.constantFrom({ kind: 'unit' as const, id: 'u1' }, { kind: 'unit' as const, id: 'u2' }, { kind: 'community' as const, id: 'c1' }, { kind: 'member' as const, id: 'm1' }, { kind: 'task' as const, id: 't1' }),
        rating: fc.constantFrom('satisfied' as const, 'basically_satisfied' as const, 'dissatisfied' as const),
        score: fc.integer({ min: -5, max: 105 }),
      })
      .map(({ actor, direction, subject, rating, score }) => rate(actor, { direction, subject, rating, criterionScores: { 服务态度: score }, task: verifiedTask }));
    const commandArb: fc.Arbitrary<EvaluationRoundCommand> = fc.oneof(
      { weight: 1, arbitrary: fc.constant(openCmd()) },
      { weight: 8, arbitrary: submitArb },
      { weight: 1, arbitrary: fc.constant(closeCmd()) },
    );
    it('counts one rating per (evaluator, subject), only while open, with valid scores', () =>
      fc.assert(
        fc.property(fc.array(commandArb, { maxLength: 40 }), (commands) => {
          const { events } = runCommands(decider, commands);
          let open = false;
          const latest = new Map<string, string>();
          for (const e of events) {
            if (e.type === 'EvaluationRoundOpened') open = true;
            if (e.type === 'RatingSubmitted') {
              expect(open).toBe(true);
              const key = JSON.stringify([e.data.evaluator, e.data.subject]);
              expect(e.data.supersedesPrevious).toBe(latest.has(key));
              latest.set(key, e.data.rating);
              for (const s of Object.values(e.data.criterionScores)) expect(Number.isInteger(s) && s >= 0 && s <= 100).toBe(true);
            }
            if (e.type === 'EvaluationRoundClosed') {
              expect(open).toBe(true);
              open = false;
              expect(e.data.ratingCount).toBe(latest.size);
              expect(e.data.results.reduce((n, r) => n + r.total, 0)).toBe(latest.size);
              for (const r of e.data.results) {
                expect(r.counts.satisfied + r.counts.basically_satisfied + r.counts.dissatisfied).toBe(r.total);
                expect(r.satisfactionRate).toBeGreaterThanOrEqual(r.satisfiedRate);
                expect(r.satisfactionRate).toBeLessThanOrEqual(1);
              }
            }
          }
        }),
      ));
    itFoldsInAnyBatches(decider, fc.array(commandArb, { maxLength: 40 }));
  });
});
