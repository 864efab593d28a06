import { PgliteDriver, SqlEventStore } from '@cobuild/event-store';
import type { SqlDriver } from '../../../event-store/src/sql/sql-driver';
import { asOf } from '../runtime/as-of';
import { ProjectionEngine } from '../runtime/projection-engine';
import { ReadStore } from '../runtime/read-store';
import { EventLog } from './fold-fixture';
import { VIEW_PROJECTIONS } from './index';
import { noticeBoardProjection } from './notice-board.projection';

const person = { name: '李四', phone: '13900001111' };
const unitA = { kind: 'unit', unitId: 'u-a' };

/** A little of everything the views read. */
function scenario(): EventLog {
  const log = new EventLog();
  log.add('community-c-1', 'CommunityRegistered', { communityId: 'c-1', name: '和平社区', streetId: 's-1', districtId: 'd-1', configuration: {} });
  log.add('unitRegistration-u-a_c-1', 'UnitRegistered', { unitId: 'u-a', communityId: 'c-1', unitName: '区一中', partyOrganisationName: '', contactPerson: person, superiorDepartment: '', registeredAt: '2026-01-01T00:00:00Z' });
  log.add('need-n-1', 'NeedSubmitted', { needId: 'n-1', communityId: 'c-1', title: '扶手', wantedBy: null, requester: person, urgency: 'high', submittedAt: '2026-01-01T00:00:00Z' });
  log.add('pledge-p-1', 'ResourcePledged', { pledgeId: 'p-1', communityId: 'c-1', pledger: unitA, type: 'venue', description: '会议室', capacity: { quantity: 100, measure: 'm2' }, availability: { from: '2026-01-01T00:00:00Z', until: null }, contact: person, pledgedAt: '2026-01-01T00:00:00Z' });
  log.add('pledge-p-1', 'PledgeListed', { pledgeId: 'p-1', communityId: 'c-1', meetingId: null, listedAt: '2026-01-02T00:00:00Z' });
  log.add('task-t-1', 'TaskProposed', { taskId: 't-1', communityId: 'c-1', title: '扶手', description: '', meetingId: null, needIds: ['n-1'], allocations: [], proposedAt: '2026-02-01T00:00:00Z' });
  log.add('pledge-p-1', 'PledgeCapacityAllocated', { pledgeId: 'p-1', communityId: 'c-1', allocationId: 'a-1', taskId: 't-1', quantity: 5, measure: 'm2', allocated: 5, remaining: 95 });
  log.add('task-t-1', 'TaskAssigned', { taskId: 't-1', communityId: 'c-1', responsible: unitA, responsiblePerson: person, deadline: '2026-06-30T16:00:00Z' });
  log.add('task-t-1', 'TaskAccepted', { taskId: 't-1', communityId: 'c-1', responsible: unitA, acceptedAt: '2026-02-02T00:00:00Z' });
  log.add('notice-no-1', 'NoticePublished', { noticeId: 'no-1', communityId: 'c-1', kind: 'periodic_lists', title: '公示', logPosition: '9', digest: 'sha256:ab', subjectId: null, publishedAt: '2026-03-01T00:00:00Z', objectionPeriodEndsAt: '2026-03-08T00:00:00Z' });
  log.add('task-t-1', 'TaskVerified', { taskId: 't-1', communityId: 'c-1', responsible: unitA, needIds: ['n-1'], note: null, verifiedAt: '2026-05-01T00:00:00Z' });
  log.add('notice-no-1', 'ObjectionRaised', { noticeId: 'no-1', communityId: 'c-1', objectionId: 'o-1', text: '有异议', contact: '13812345678', raisedAt: '2026-03-02T00:00:00Z' });
  return log;
}

describe('the views on the projection engine (embedded store)', () => {
  let driver: SqlDriver;
  beforeAll(async () => {
    driver = (await PgliteDriver.open()) as SqlDriver;
  });
  afterAll(() => driver.close());

  it('folds the same documents in SQL as in memory, and the notice board as of a position', async () => {
    const store = await SqlEventStore.open(driver, { schema: 'views_ev' });
    const read = new ReadStore(driver, 'views_rd');
    const log = scenario();
    const positions: number[] = [];
    for (const e of log.events) {
      const r = await store.append(e.streamId, [{ id: e.id, type: e.type, schemaVersion: 1, data: e.data, metadata: e.metadata }], { expectedRevision: 'any' });
      positions.push(r.position);
    }
    await new ProjectionEngine(store, read, VIEW_PROJECTIONS).catchUp();
    for (const p of VIEW_PROJECTIONS) {
      const sql = (await read.all(p)).map((d) => [d.key, d.doc]);
      const memory = [...log.fold(p)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      expect({ [p.name]: sql }).toEqual({ [p.name]: JSON.parse(JSON.stringify(memory)) });
    }
    // before the objection was raised, the notice had none
    const [before] = await asOf(store, noticeBoardProjection, 'c-1', positions[positions.length - 2]);
    expect(before.doc.objections).toEqual([]);
    expect((await read.get(noticeBoardProjection, 'notice:no-1'))!.objections).toHaveLength(1);
  });
});
