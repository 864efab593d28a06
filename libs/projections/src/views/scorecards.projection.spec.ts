import { EventLog } from './fold-fixture';
import { shanghaiYear } from './local-year';
import { assembleScorecard } from './scorecard-view';
import { scorecardsProjection, type ScorecardsDocument } from './scorecards.projection';

const unitA = { kind: 'unit', unitId: 'u-a' };
const memberM = { kind: 'member', memberId: 'm-1', unitId: 'u-a' };
const person = { name: '李四', phone: '13900001111' };

function aYear(): EventLog {
  const log = new EventLog();
  const details = { unitName: '区一中', partyOrganisationName: '区一中党支部', contactPerson: person, superiorDepartment: '区教育局' };
  log.add('unitRegistration-u-a_c-1', 'UnitRegistered', { unitId: 'u-a', communityId: 'c-1', registeredAt: '2025-03-01T00:00:00Z', ...details }, '2025-03-01T00:00:00Z');
  log.add('unitRegistration-u-a_c-2', 'UnitAssignedToCommunity', { unitId: 'u-a', communityId: 'c-2', reason: '区里调配', assignedAt: '2026-01-05T00:00:00Z', ...details });
  log.add('unitRegistration-u-a_c-2', 'UnitDeregistered', { unitId: 'u-a', communityId: 'c-2', reason: '调整', deregisteredAt: '2026-02-01T00:00:00Z' });
  log.add('member-m-1', 'MemberRegistered', { memberId: 'm-1', name: '王五', phone: null, homeUnitId: 'u-a', communityId: 'c-1', skills: ['法律咨询'], registeredAt: '2026-01-02T00:00:00Z' });
  // pledges: a venue of 200 m2 and funds; 50 m2 go to a task that is verified, 20 m2 to one that is cancelled
  const pledge = (pledgeId: string, pledger: object, type: string, quantity: number, measure: string, at?: string) =>
    log.add(`pledge-${pledgeId}`, 'ResourcePledged', {
      pledgeId, communityId: 'c-1', pledger, type, description: '…', capacity: { quantity, measure },
      availability: { from: '2025-01-01T00:00:00Z', until: null }, contact: person, pledgedAt: at ?? '2026-02-01T00:00:00Z',
    }, at);
  pledge('p-old', unitA, 'venue', 30, 'm2', '2025-06-01T00:00:00Z');
  pledge('p-venue', unitA, 'venue', 200, 'm2');
  pledge('p-funds', unitA, 'funds', 20000, 'CNY');
  pledge('p-skill', memberM, 'professional_service', 10, 'hours');
  const alloc = (pledgeId: string, allocationId: string, taskId: string, quantity: number, type = 'PledgeCapacityAllocated') =>
    log.add(`pledge-${pledgeId}`, type, { pledgeId, communityId: 'c-1', allocationId, taskId, quantity, measure: 'm2', allocated: 0, remaining: 0, reason: 'x' });
  const task = (taskId: string, type: string, data: Record<string, unknown> = {}, at?: string) =>
    log.add(`task-${taskId}`, type, { taskId, communityId: 'c-1', ...data }, at);
  for (const t of ['t-1', 't-2', 't-3']) task(t, 'TaskProposed', { title: t, description: '', meetingId: null, needIds: [], allocations: [], proposedAt: '2026-03-01T00:00:00Z' });
  alloc('p-venue', 'a-1', 't-1', 50);
  alloc('p-venue', 'a-2', 't-2', 20);
  alloc('p-old', 'a-3', 't-1', 7);
  for (const t of ['t-1', 't-2', 't-3']) {
    task(t, 'TaskAssigned', { responsible: unitA, responsiblePerson: person, deadline: '2026-06-30T16:00:00Z' });
    task(t, 'TaskAccepted', { responsible: unitA, acceptedAt: '2026-03-02T00:00:00Z' });
  }
  task('t-1', 'TaskCompleted', { responsible: unitA, summary: '', evidence: [], completedAt: '2026-05-01T00:00:00Z' });
  task('t-1', 'TaskVerified', { responsible: unitA, needIds: [], note: null, verifiedAt: '2026-05-02T00:00:00Z' });
  task('t-2', 'TaskCancelled', { needIds: [], allocations: [], reason: '取消' });
  alloc('p-venue', 'a-2', 't-2', 20, 'PledgeAllocationReleased');
  task('t-3', 'TaskBecameOverdue', { responsible: unitA, deadline: '2026-06-30T16:00:00Z', detectedAt: '2026-07-01T00:00:00Z' }, '2026-07-01T00:00:00Z');
  task('t-3', 'TaskEscalated', { escalationId: 'x-1', to: { kind: 'department', departmentId: 'dep-1' }, reason: '', escalatedAt: '2026-07-09T00:00:00Z' }, '2026-07-09T00:00:00Z');
  task('t-3', 'TaskCompleted', { responsible: unitA, summary: '', evidence: [], completedAt: '2026-07-20T00:00:00Z' }, '2026-07-20T00:00:00Z');
  task('t-3', 'TaskVerified', { responsible: unitA, needIds: [], note: null, verifiedAt: '2026-07-21T00:00:00Z' }, '2026-07-21T00:00:00Z');
  // a member's claim, confirmed and verified
  task('t-4', 'TaskClaimed', { title: '微心愿', description: '', needIds: [], claimant: memberM, responsiblePerson: person, proposedDeadline: null, claimedAt: '2026-04-01T00:00:00Z' });
  task('t-4', 'TaskClaimConfirmed', { needIds: [], responsible: memberM, responsiblePerson: person, deadline: '2026-05-01T00:00:00Z' });
  task('t-4', 'TaskAccepted', { responsible: memberM, acceptedAt: '2026-04-02T00:00:00Z' });
  task('t-4', 'TaskVerified', { responsible: memberM, needIds: [], note: null, verifiedAt: '2026-04-20T00:00:00Z' });
  // evaluation round and assessment for 2026, closed and computed early in 2027
  const result = (subject: object, satisfied: number) => ({
    direction: 'community_to_unit', subject, counts: { satisfied, basically_satisfied: 1, dissatisfied: 0 }, total: satisfied + 1,
    satisfactionRate: 1, satisfiedRate: satisfied / (satisfied + 1), meanCriterionScores: {},
  });
  log.add('evaluationRound-r-1', 'EvaluationRoundClosed', {
    roundId: 'r-1', scope: { level: 'community', id: 'c-1' }, communityId: 'c-1', period: { kind: 'year', year: 2026 }, closedAt: '2027-01-10T00:00:00Z', ratingCount: 5,
    results: [result({ kind: 'unit', id: 'u-a' }, 3), result({ kind: 'community', id: 'c-1' }, 1), result({ kind: 'member', id: 'm-1' }, 2)],
  }, '2027-01-10T00:00:00Z');
  log.add('assessment-u-a_2026', 'AssessmentComputed', {
    unitId: 'u-a', year: 2026, computation: 1, rulesId: 'default', facts: {}, baseScore: 100,
    deductions: [{ ruleId: 'meetings', label: '未参加联席会议', fact: 'meetingsAttended', value: 0, points: -5 }],
    bonuses: [{ ruleId: 'extra', label: '自选动作', fact: 'tasksVerified', value: 2, points: 3 }],
    evaluation: { roundIds: ['r-1'], counts: {}, total: 4, meanValue: 90, points: 9 }, total: 107, grade: '优秀', computedAt: '2027-01-12T00:00:00Z',
  }, '2027-01-12T00:00:00Z');
  log.add('assessment-u-a_2026', 'AssessmentFinalized', { unitId: 'u-a', year: 2026, computation: 1, rulesId: 'default', total: 107, grade: '优秀', finalizedAt: '2027-01-15T00:00:00Z' }, '2027-01-15T00:00:00Z');
  return log;
}

const getter = (docs: Map<string, ScorecardsDocument>) => async (key: string) => docs.get(key) ?? null;

describe('scorecards projection', () => {
  it('takes the year in Asia/Shanghai', () => {
    expect(shanghaiYear('2026-12-31T15:59:59Z')).toBe(2026);
    expect(shanghaiYear('2026-12-31T16:00:00Z')).toBe(2027);
  });

  it("folds a unit's year from registrations, pledges, tasks, evaluations and its assessment", async () => {
    const docs = aYear().fold(scorecardsProjection);
    const card = await assembleScorecard(getter(docs), 'unit', 'u-a', 2026);
    expect(card).toMatchObject({
      kind: 'unit',
      id: 'u-a',
      year: 2026,
      registeredCommunities: [{ communityId: 'c-1', name: '区一中' }],
      activeCommunityIds: ['c-1'],
      pledges: {
        count: 2,
        byType: {
          // last year's pledge delivered this year counts as delivered this year
          venue: { count: 1, capacity: { m2: 200 }, delivered: { m2: 57 } },
          funds: { count: 1, capacity: { CNY: 20000 }, delivered: {} },
        },
      },
      tasks: { claimed: 0, assigned: 3, accepted: 3, completed: 2, verified: 2, onTime: 1, overdue: 1, escalated: 1 },
      atLeastOnePracticalThing: true,
    });
    expect(card!.evaluations).toEqual([expect.objectContaining({ roundId: 'r-1', direction: 'community_to_unit', total: 4, counts: { satisfied: 3, basically_satisfied: 1, dissatisfied: 0 } })]);
    expect(card!.assessment).toMatchObject({ computation: 1, baseScore: 100, deductionPoints: -5, bonusPoints: 3, evaluationPoints: 9, total: 107, grade: '优秀', finalized: true });
  });

  it("folds a member's year: claims and skill pledges; nothing done in another year", async () => {
    const docs = aYear().fold(scorecardsProjection);
    const card = await assembleScorecard(getter(docs), 'member', 'm-1', 2026);
    expect(card).toMatchObject({
      kind: 'member',
      homeUnitId: 'u-a',
      registeredCommunities: [{ communityId: 'c-1' }],
      pledges: { count: 1, byType: { professional_service: { count: 1, capacity: { hours: 10 }, delivered: {} } } },
      tasks: { claimed: 1, assigned: 1, accepted: 1, verified: 1, onTime: 1, overdue: 0, escalated: 0 },
      atLeastOnePracticalThing: true,
    });
    expect(card!.evaluations.map((e) => e.total)).toEqual([3]);
    const empty = await assembleScorecard(getter(docs), 'unit', 'u-a', 2025);
    expect(empty).toMatchObject({
      year: 2025,
      pledges: { count: 1, byType: { venue: { count: 1, capacity: { m2: 30 }, delivered: {} } } },
      tasks: { verified: 0, escalated: 0 },
      atLeastOnePracticalThing: false,
      assessment: null,
    });
    expect(await assembleScorecard(getter(docs), 'unit', 'nobody', 2026)).toBeNull();
  });

  it('keeps personal data out of the documents', () => {
    const docs = aYear().fold(scorecardsProjection);
    expect(JSON.stringify([...docs.values()])).not.toMatch(/13900001111|李四|王五/);
  });
});
