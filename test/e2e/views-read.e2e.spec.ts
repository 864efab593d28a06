import { startTaskFollowUps } from '../../apps/worker/src/task-follow-ups';
import { shanghaiYear } from '@cobuild/projections';
import type { ExampleContext } from './authorization/endpoint-example';
import { anObjection } from './authorization/examples/notices.examples';
import { aPledge, aTask } from './authorization/examples/workflow-fixtures';
import { Harness, type World } from './harness';

/**
 * The other read models over HTTP: a small workflow in community A (a task verified, one
 * escalated, one assigned, a pledge left unused, a notice objected to), the projector run to the
 * head, then each view: the unit's and the member's scorecards, the street dashboard, the notice
 * board and the inboxes.
 */
describe('views over HTTP', () => {
  let h: Harness;
  let w: World;
  let c: ExampleContext;
  const year = shanghaiYear(new Date());

  beforeAll(async () => {
    h = await Harness.start('embedded');
    w = await h.world();
    const setup = await h.tokenFor(
      { role: 'district_admin', scope: { kind: 'district', id: w.districtId } },
      { role: 'street_admin', scope: { kind: 'street', id: w.streets[0] } },
      { role: 'community_secretary', scope: { kind: 'community', id: w.communities[0] } },
    );
    c = { h, world: w, setup };
  });
  afterAll(() => h.close());

  it('shows scorecards, the street dashboard, the notice board and the inboxes after a small workflow', async () => {
    const [A] = w.communities;
    const verified = await aTask(c, 'verified');
    const escalated = await aTask(c, 'escalated');
    const assigned = await aTask(c, 'assigned');
    const unused = await aPledge(c, true);
    const { noticeId, objectionId } = await anObjection(c);
    const answer = await h.expectOk(h.post(`/notices/${noticeId}/objections/${objectionId}/answer`, c.setup, { answer: '已核实并整改' }));
    // the worker records the verified task on its need (which is then met)
    const followUps = await startTaskFollowUps(h.store);
    try {
      await followUps.caughtUp();
    } finally {
      await followUps.stop();
    }
    await h.projected();

    // the unit's scorecard: 4 pledges of 100 m2 (3 with tasks, one unused), 1 m2 delivered to the verified task
    const unitContact = await h.as('unit_contact', w.units[0]);
    const card = await h.get(`/units/${w.units[0]}/scorecards/${year}`, unitContact).expect(200);
    expect(card.body).toMatchObject({
      kind: 'unit',
      id: w.units[0],
      year,
      registeredCommunities: [{ communityId: A }],
      pledges: { count: 4, byType: { venue: { count: 4, capacity: { m2: 400 }, delivered: { m2: 1 } } } },
      tasks: { assigned: 3, accepted: 1, completed: 1, verified: 1, onTime: 1, overdue: 0, escalated: 1 },
      atLeastOnePracticalThing: true,
    });
    // the community's staff and the district read it; the other community's secretary and another unit may not
    await h.get(`/units/${w.units[0]}/scorecards/${year}`, await h.as('community_staff', A)).expect(200);
    await h.get(`/units/${w.units[0]}/scorecards/${year}`, await h.as('auditor', w.districtId)).expect(200);
    await h.get(`/units/${w.units[0]}/scorecards/${year}`, await h.as('community_secretary', w.communities[1])).expect(403);
    await h.get(`/units/${w.units[0]}/scorecards/${year}`, await h.as('unit_contact', w.units[1])).expect(403);
    // unit 1 (community B) did nothing this year
    const idle = await h.get(`/units/${w.units[1]}/scorecards/${year}`, await h.as('unit_contact', w.units[1])).expect(200);
    expect(idle.body).toMatchObject({ registeredCommunities: [{ communityId: w.communities[1] }], atLeastOnePracticalThing: false, tasks: { verified: 0 } });
    await h.get(`/units/nobody/scorecards/${year}`, unitContact).expect(403);
    await h.get(`/units/${w.units[0]}/scorecards/19`, unitContact).expect(400);

    // the member's scorecard: registered where she lives, nothing done yet; her home unit may read it
    const memberCard = await h.get(`/members/${w.members[0]}/scorecards/${year}`, await h.as('member', w.members[0])).expect(200);
    expect(memberCard.body).toMatchObject({ kind: 'member', homeUnitId: w.units[0], registeredCommunities: [{ communityId: A }], atLeastOnePracticalThing: false });
    await h.get(`/members/${w.members[0]}/scorecards/${year}`, unitContact).expect(200);
    await h.get(`/members/${w.members[0]}/scorecards/${year}`, await h.as('member', w.members[1])).expect(403);

    // the street dashboard: community A with its needs, the unused pledge and the waiting escalation
    const dash = await h.get(`/streets/${w.streets[0]}/dashboard`, await h.as('street_admin', w.streets[0])).expect(200);
    expect(dash.body.communities).toHaveLength(1);
    expect(dash.body.communities[0]).toMatchObject({
      communityId: A,
      streetId: w.streets[0],
      needs: { met: 1, open: 2, overdue: 0 },
      tasks: { open: 2, overdue: 0, verified: 1 },
      escalationsWaiting: { byDepartment: { 'dep-a': 1 }, toStreet: 0, items: [{ escalationId: escalated.escalationId, taskId: escalated.taskId, status: 'waiting' }] },
      unitsWithNothingDone: [],
    });
    expect(dash.body.communities[0].unusedPledges.map((p: { pledgeId: string }) => p.pledgeId)).toEqual([unused]);
    expect(dash.body.totals).toMatchObject({ needsMet: 1, escalationsWaiting: 1, unusedPledges: 1 });
    const other = await h.get(`/streets/${w.streets[1]}/dashboard`, await h.as('auditor', w.districtId)).expect(200);
    expect(other.body.communities[0]).toMatchObject({ communityId: w.communities[1], unitsWithNothingDone: [{ unitId: w.units[1] }] });
    await h.get(`/streets/${w.streets[0]}/dashboard`, await h.as('street_admin', w.streets[1])).expect(403);
    await h.get(`/streets/nowhere/dashboard`, await h.as('street_admin', w.streets[1])).expect(404);

    // the notice board: the notice with its answered objection, never the objector's contact
    const board = await h.get(`/communities/${A}/board`, await h.as('community_staff', A)).expect(200);
    expect(board.body.items).toEqual([
      expect.objectContaining({
        noticeId,
        kind: 'periodic_lists',
        status: 'open',
        objections: [expect.objectContaining({ objectionId, text: '公示内容与实际不符', answer: '已核实并整改' })],
      }),
    ]);
    expect(board.body.items[0].digest).toMatch(/^sha256:|^[0-9a-f]{64}$/);
    expect(JSON.stringify(board.body)).not.toContain('13812345678');
    // read your own write: the answer's position
    await h.get(`/communities/${A}/board?minPosition=${answer.body.position}`, await h.as('community_staff', A)).expect(200);

    // inboxes: unit 0 got three assignments; the department the escalation
    const inbox = await h.get('/inbox', unitContact).expect(200);
    expect(inbox.body.items.map((i: { type: string; taskId: string }) => [i.type, i.taskId])).toEqual([
      ['TaskAssigned', assigned.taskId],
      ['TaskAssigned', escalated.taskId],
      ['TaskAssigned', verified.taskId],
    ]);
    const dept = await h.get('/inbox', await h.as('department', 'dep-a')).expect(200);
    expect(dept.body.items).toEqual([expect.objectContaining({ type: 'TaskEscalated', taskId: escalated.taskId, escalationId: escalated.escalationId, for: { kind: 'department', id: 'dep-a' } })]);
    expect((await h.get('/inbox', await h.as('auditor', w.districtId)).expect(200)).body).toEqual({ inboxes: [], total: 0, items: [] });
    await h.get('/inbox', null).expect(401);
  });
});
