import { assessment } from '@cobuild/domain';
import { PgDriver, SqlEventStore } from '@cobuild/event-store';
import { newEvent } from '../../../event-store/test/fixtures';
import { SchemaJanitor, TEST_POSTGRES_URL } from '../../../event-store/test/postgres-test-db';
import { ProjectionEngine } from '../runtime/projection-engine';
import { ReadStore } from '../runtime/read-store';
import { scorecardAsOf, scorecardSources } from './scorecard-as-of';
import { assembleScorecard, type ScorecardView } from './scorecard-view';
import { scorecardsProjection, type ScorecardsDocument, type SubjectKind } from './scorecards.projection';

const unitA = { kind: 'unit', unitId: 'u-a' };
const memberM = { kind: 'member', memberId: 'm-1', unitId: 'u-a' };
const person = { name: '李四', phone: '13900001111' };
const details = { unitName: '区一中', partyOrganisationName: '区一中党支部', contactPerson: person, superiorDepartment: '区教育局' };
const result = (subject: object, satisfied: number) => ({
  direction: 'community_to_unit', subject, counts: { satisfied, basically_satisfied: 1, dissatisfied: 0 }, total: satisfied + 1,
  satisfactionRate: 1, satisfiedRate: satisfied / (satisfied + 1), meanCriterionScores: {},
});

/** [stream, type, data, occurredAt, community of the event (default: data.communityId)] */
type Step = [string, string, Record<string, unknown>, string?, (string | null)?];
const task = (taskId: string, type: string, data: Record<string, unknown> = {}, at?: string, communityId = 'c-1'): Step => [`task-${taskId}`, type, { taskId, communityId, ...data }, at];
const pledge = (pledgeId: string, pledger: object, quantity: number, communityId = 'c-1'): Step => [
  `pledge-${pledgeId}`, 'ResourcePledged',
  { pledgeId, communityId, pledger, type: 'venue', description: '…', capacity: { quantity, measure: 'm2' }, availability: { from: '2026-01-01T00:00:00Z', until: null }, contact: person },
  '2026-02-01T00:00:00Z',
];

/** a year of unit u-a (registered at c-1, then c-2 for a while) and member m-1, with a stranger in c-9 */
const YEAR: Step[][] = [
  [
    ['unitRegistration-u-a_c-1', 'UnitRegistered', { unitId: 'u-a', communityId: 'c-1', registeredAt: '2026-01-03T00:00:00Z', ...details }, '2026-01-03T00:00:00Z'],
    ['member-m-1', 'MemberRegistered', { memberId: 'm-1', name: '王五', phone: null, homeUnitId: 'u-a', communityId: 'c-1', skills: [], registeredAt: '2026-01-04T00:00:00Z' }, '2026-01-04T00:00:00Z'],
    ['unitRegistration-u-z_c-9', 'UnitRegistered', { unitId: 'u-z', communityId: 'c-9', registeredAt: '2026-01-03T00:00:00Z', ...details }, '2026-01-03T00:00:00Z'],
  ],
  [
    ['unitRegistration-u-a_c-2', 'UnitAssignedToCommunity', { unitId: 'u-a', communityId: 'c-2', reason: '区里调配', assignedAt: '2026-01-05T00:00:00Z', ...details }, '2026-01-05T00:00:00Z'],
    pledge('p-1', unitA, 200),
    pledge('p-2', unitA, 40, 'c-2'),
    pledge('p-z', { kind: 'unit', unitId: 'u-z' }, 10, 'c-9'),
  ],
  [
    task('t-1', 'TaskProposed', { title: 't-1', description: '', meetingId: null, needIds: [], allocations: [] }, '2026-03-01T00:00:00Z'),
    task('t-2', 'TaskProposed', { title: 't-2', description: '', meetingId: null, needIds: [], allocations: [] }, '2026-03-01T00:00:00Z', 'c-2'),
    ['pledge-p-1', 'PledgeCapacityAllocated', { pledgeId: 'p-1', communityId: 'c-1', allocationId: 'a-1', taskId: 't-1', quantity: 50, allocated: 50, remaining: 150 }, '2026-03-01T00:00:00Z'],
    ['pledge-p-2', 'PledgeCapacityAllocated', { pledgeId: 'p-2', communityId: 'c-2', allocationId: 'a-2', taskId: 't-2', quantity: 5, allocated: 5, remaining: 35 }, '2026-03-01T00:00:00Z'],
    task('t-1', 'TaskAssigned', { responsible: unitA, responsiblePerson: person, deadline: '2026-06-30T16:00:00Z' }, '2026-03-01T00:00:00Z'),
    task('t-2', 'TaskAssigned', { responsible: unitA, responsiblePerson: person, deadline: '2026-04-30T16:00:00Z' }, '2026-03-01T00:00:00Z', 'c-2'),
    task('t-1', 'TaskAccepted', { responsible: unitA, acceptedAt: '2026-03-02T00:00:00Z' }, '2026-03-02T00:00:00Z'),
    task('t-2', 'TaskAccepted', { responsible: unitA, acceptedAt: '2026-03-02T00:00:00Z' }, '2026-03-02T00:00:00Z', 'c-2'),
    task('t-4', 'TaskClaimed', { title: '微心愿', description: '', needIds: [], claimant: memberM, responsiblePerson: person, proposedDeadline: null }, '2026-04-01T00:00:00Z'),
  ],
  [
    ['unitRegistration-u-a_c-2', 'UnitDeregistered', { unitId: 'u-a', communityId: 'c-2', reason: '调整', deregisteredAt: '2026-05-01T00:00:00Z' }, '2026-05-01T00:00:00Z'],
    task('t-2', 'TaskBecameOverdue', { responsible: unitA, deadline: '2026-04-30T16:00:00Z' }, '2026-05-01T00:00:00Z', 'c-2'),
    task('t-2', 'TaskEscalated', { escalationId: 'x-1', to: { kind: 'street', streetId: 's-1' }, reason: '' }, '2026-05-09T00:00:00Z', 'c-2'),
    task('t-1', 'TaskCompleted', { responsible: unitA, summary: '', evidence: [] }, '2026-05-10T00:00:00Z'),
    task('t-1', 'TaskVerified', { responsible: unitA, needIds: [], note: null, verifiedAt: '2026-05-12T00:00:00Z' }, '2026-05-12T00:00:00Z'),
    task('t-4', 'TaskClaimConfirmed', { needIds: [], responsible: memberM, responsiblePerson: person, deadline: '2026-06-01T00:00:00Z' }, '2026-05-12T00:00:00Z'),
    task('t-4', 'TaskVerified', { responsible: memberM, needIds: [], note: null, verifiedAt: '2026-05-20T00:00:00Z' }, '2026-05-20T00:00:00Z'),
  ],
  [
    // a street's round: an event of no community
    ['evaluationRound-r-s', 'EvaluationRoundClosed', {
      roundId: 'r-s', scope: { level: 'street', id: 's-1' }, period: { kind: 'year', year: 2026 }, closedAt: '2027-01-10T00:00:00Z', ratingCount: 5,
      results: [result({ kind: 'unit', id: 'u-a' }, 3), result({ kind: 'member', id: 'm-1' }, 2), result({ kind: 'unit', id: 'u-z' }, 1)],
    }, '2027-01-10T00:00:00Z', null],
    [assessment.streamNameFor('u-a', 2026), 'AssessmentComputed', {
      unitId: 'u-a', year: 2026, computation: 1, rulesId: 'default', facts: {}, baseScore: 100,
      deductions: [{ ruleId: 'meetings', label: '未参加联席会议', fact: 'meetingsAttended', value: 0, points: -5 }], bonuses: [],
      evaluation: { roundIds: ['r-s'], counts: {}, total: 4, meanValue: 90, points: 9 }, total: 104, grade: '优秀', computedAt: '2027-01-12T00:00:00Z',
    }, '2027-01-12T00:00:00Z', null],
  ],
  [[assessment.streamNameFor('u-a', 2026), 'AssessmentFinalized', { unitId: 'u-a', year: 2026, computation: 1, rulesId: 'default', total: 104, grade: '优秀', finalizedAt: '2027-01-15T00:00:00Z' }, '2027-01-15T00:00:00Z', null]],
];

const janitor = new SchemaJanitor();
afterAll(() => janitor.dropAll());

describe('a scorecard as of a position', () => {
  it('equals, at every moment of the year, what the live scorecard showed then', async () => {
    const driver = new PgDriver({ connectionString: TEST_POSTGRES_URL });
    const store = await SqlEventStore.open(driver, { schema: janitor.next('sca') });
    const read = new ReadStore(driver, janitor.next('scr'));
    const engine = new ProjectionEngine(store, read, [scorecardsProjection]);
    const get = (key: string) => read.get<ScorecardsDocument>(scorecardsProjection, key);
    const subjects: Array<[SubjectKind, string]> = [['unit', 'u-a'], ['member', 'm-1'], ['unit', 'u-z']];
    try {
      const seen: Array<{ position: number; cards: Array<ScorecardView | null> }> = [{ position: 0, cards: subjects.map(() => null) }];
      for (const steps of YEAR) {
        for (const [stream, type, data, at = '2026-06-01T00:00:00Z', community] of steps)
          await store.append(stream, [newEvent(type, data, { occurredAt: at, communityId: community === undefined ? (data.communityId as string) : community })], { expectedRevision: 'any' });
        await engine.catchUp();
        seen.push({ position: await store.headPosition(), cards: await Promise.all(subjects.map(([kind, id]) => assembleScorecard(get, kind, id, 2026))) });
      }
      const final = seen[seen.length - 1].cards[0]!;
      expect(final.assessment).toMatchObject({ total: 104, finalized: true });
      expect(final.evaluations.map((e) => e.roundId)).toEqual(['r-s']);
      expect(final.tasks).toMatchObject({ assigned: 2, verified: 1, onTime: 1, escalated: 1, overdue: 1 });

      const getMany = (keys: string[]) => read.getMany<ScorecardsDocument>(scorecardsProjection, keys);
      for (const [i, [kind, id]] of subjects.entries()) {
        const sources = await scorecardSources(getMany, kind, id, 2026);
        if (kind === 'unit' && id === 'u-a') expect(sources.communityIds).toEqual(['c-1', 'c-2']);
        for (const moment of seen) expect(await scorecardAsOf(store, sources, kind, id, 2026, moment.position)).toEqual(moment.cards[i]);
      }
    } finally {
      await store.close();
    }
  }, 60_000);
});
