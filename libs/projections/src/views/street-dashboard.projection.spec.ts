import { EventLog } from './fold-fixture';
import { dashboardView, streetDashboardProjection } from './street-dashboard.projection';

const person = { name: '李四', phone: '13900001111' };
const unit = (unitId: string) => ({ kind: 'unit', unitId });

describe('street dashboard projection', () => {
  const log = new EventLog();
  log.add('community-c-1', 'CommunityRegistered', { communityId: 'c-1', name: '和平社区', streetId: 's-1', districtId: 'd-1', configuration: {} });
  log.add('community-c-2', 'CommunityRegistered', { communityId: 'c-2', name: '安宁社区', streetId: 's-1', districtId: 'd-1', configuration: {} });
  const details = { partyOrganisationName: '党支部', contactPerson: person, superiorDepartment: '区教育局' };
  for (const u of ['u-a', 'u-b', 'u-c'])
    log.add(`unitRegistration-${u}_c-1`, 'UnitRegistered', { unitId: u, communityId: 'c-1', unitName: `单位${u}`, registeredAt: '2026-01-01T00:00:00Z', ...details });
  log.add('unitRegistration-u-c_c-1', 'UnitDeregistered', { unitId: 'u-c', communityId: 'c-1', reason: '搬迁', deregisteredAt: '2026-02-01T00:00:00Z' });
  const need = (needId: string, wantedBy: string | null) =>
    log.add(`need-${needId}`, 'NeedSubmitted', { needId, communityId: 'c-1', title: needId, wantedBy, requester: person, urgency: 'normal', submittedAt: '2026-01-01T00:00:00Z' });
  need('n-1', '2026-03-01T00:00:00Z');
  need('n-2', '2026-12-01T00:00:00Z');
  need('n-3', null);
  need('n-4', null);
  log.add('need-n-1', 'NeedListed', { needId: 'n-1', communityId: 'c-1', listedAt: '2026-01-02T00:00:00Z' });
  log.add('need-n-3', 'NeedFulfilled', { needId: 'n-3', communityId: 'c-1', fulfilledAt: '2026-05-01T00:00:00Z' });
  log.add('need-n-4', 'NeedRejected', { needId: 'n-4', communityId: 'c-1', reason: '不属于社区职责' });
  const pledge = (pledgeId: string) =>
    log.add(`pledge-${pledgeId}`, 'ResourcePledged', { pledgeId, communityId: 'c-1', pledger: unit('u-b'), type: 'venue', description: '会议室', capacity: { quantity: 100, measure: 'm2' }, availability: { from: '2026-01-01T00:00:00Z', until: null }, contact: person, pledgedAt: '2026-01-01T00:00:00Z' });
  pledge('p-1');
  pledge('p-2');
  pledge('p-3');
  for (const p of ['p-1', 'p-2']) log.add(`pledge-${p}`, 'PledgeListed', { pledgeId: p, communityId: 'c-1', meetingId: null, listedAt: '2026-01-03T00:00:00Z' });
  log.add('pledge-p-2', 'PledgeCapacityAllocated', { pledgeId: 'p-2', communityId: 'c-1', allocationId: 'a-1', taskId: 't-1', quantity: 10, measure: 'm2', allocated: 10, remaining: 90 });
  const task = (taskId: string, type: string, data: Record<string, unknown> = {}, at?: string) => log.add(`task-${taskId}`, type, { taskId, communityId: 'c-1', ...data }, at);
  for (const t of ['t-1', 't-2', 't-3']) {
    task(t, 'TaskProposed', { title: t, needIds: [], allocations: [] });
    task(t, 'TaskAssigned', { responsible: unit('u-a'), responsiblePerson: person, deadline: '2026-06-30T16:00:00Z' });
  }
  task('t-1', 'TaskVerified', { responsible: unit('u-a'), needIds: [], note: null, verifiedAt: '2026-05-01T00:00:00Z' }, '2026-05-01T00:00:00Z');
  task('t-2', 'TaskBecameOverdue', { responsible: unit('u-a'), deadline: '2026-06-30T16:00:00Z', detectedAt: '2026-07-01T00:00:00Z' });
  task('t-2', 'TaskEscalated', { escalationId: 'x-1', to: { kind: 'department', departmentId: 'dep-1' }, reason: '', escalatedAt: '2026-07-09T00:00:00Z' });
  task('t-3', 'TaskEscalated', { escalationId: 'x-2', to: { kind: 'department', departmentId: 'dep-1' }, reason: '', escalatedAt: '2026-07-09T00:00:00Z' });
  task('t-3', 'TaskEscalated', { escalationId: 'x-3', to: { kind: 'street', streetId: 's-1' }, reason: '', escalatedAt: '2026-07-10T00:00:00Z' });
  task('t-3', 'TaskEscalationResolved', { escalationId: 'x-2', to: { kind: 'department', departmentId: 'dep-1' }, resolution: '', resolvedAt: '2026-07-11T00:00:00Z' });

  it('counts needs met, open and overdue; lists unused pledges, waiting escalations and units with nothing done this year', () => {
    const docs = log.fold(streetDashboardProjection);
    const doc = docs.get('community:c-1')!;
    expect(streetDashboardProjection.index(doc)).toMatchObject({ communityId: 'c-1', status: 's-1' });
    const view = dashboardView(doc, new Date('2026-08-01T00:00:00Z'));
    expect(view).toMatchObject({
      communityId: 'c-1',
      name: '和平社区',
      streetId: 's-1',
      needs: { met: 1, open: 2, overdue: 1, closedUnmet: 1 },
      tasks: { open: 2, overdue: 2, verified: 1 },
      unusedPledges: [{ pledgeId: 'p-1', type: 'venue', capacity: { quantity: 100, measure: 'm2' } }],
      escalationsWaiting: { byDepartment: { 'dep-1': 1 }, toStreet: 1 },
      unitsWithNothingDone: [{ unitId: 'u-b', unitName: '单位u-b' }],
    });
    // next year nobody has done anything yet
    expect(dashboardView(doc, new Date('2027-01-02T00:00:00Z')).unitsWithNothingDone.map((u) => u.unitId)).toEqual(['u-a', 'u-b']);
    expect(docs.get('community:c-2')).toMatchObject({ name: '安宁社区', streetId: 's-1' });
  });

  it('keeps no personal data', () => {
    expect(JSON.stringify([...log.fold(streetDashboardProjection).values()])).not.toMatch(/13900001111|李四/);
  });
});
