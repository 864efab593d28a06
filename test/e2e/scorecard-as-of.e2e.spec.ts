import { shanghaiYear } from '@cobuild/projections';
import type { ExampleContext } from './authorization/endpoint-example';
import { aPledge, aTask } from './authorization/examples/workflow-fixtures';
import { Harness, type World } from './harness';

/**
 * Scorecards as of a moment over HTTP: a unit's and a member's year grows step by step; after each
 * step the live scorecard is kept with the log position and an instant; at the end each of them
 * asked `asOfPosition` / `asOf` answers what the live one showed then.
 */
describe('scorecards as of a position or an instant', () => {
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

  it('answers what the live scorecard showed at each earlier moment', async () => {
    const unitCard = `/units/${w.units[0]}/scorecards/${year}`;
    const memberCard = `/members/${w.members[0]}/scorecards/${year}`;
    const auditor = await h.as('auditor', w.districtId);
    const seen: Array<{ position: number; at: string; unit: unknown; member: unknown }> = [];
    const keep = async () => {
      await h.projected();
      const unit = (await h.get(unitCard, auditor).expect(200)).body;
      const member = (await h.get(memberCard, auditor).expect(200)).body;
      const at = new Date().toISOString();
      seen.push({ position: await h.store.headPosition(), at, unit, member });
      // the next step's events are recorded in a later millisecond than `at`
      while (Date.now() <= Date.parse(at)) await new Promise((r) => setTimeout(r, 2));
    };
    await keep();
    await aPledge(c, true);
    await keep();
    await aTask(c, 'assigned');
    await keep();
    await aTask(c, 'verified');
    await keep();
    await aTask(c, 'escalated');
    await keep();
    const last = seen[seen.length - 1].unit as { tasks: { verified: number; escalated: number } };
    expect(last.tasks).toMatchObject({ verified: 1, escalated: 1 });

    for (const moment of seen) {
      const byPosition = await h.get(`${unitCard}?asOfPosition=${moment.position}`, auditor).expect(200);
      expect(byPosition.body).toEqual({ ...(moment.unit as object), asOf: { position: moment.position, at: expect.any(String) } });
      const byInstant = await h.get(`${unitCard}?asOf=${moment.at}`, auditor).expect(200);
      expect(byInstant.body).toEqual({ ...(moment.unit as object), asOf: { position: moment.position, at: moment.at } });
      const member = await h.get(`${memberCard}?asOfPosition=${moment.position}`, await h.as('member', w.members[0])).expect(200);
      expect(member.body).toEqual({ ...(moment.member as object), asOf: { position: moment.position, at: expect.any(String) } });
    }
  }, 120_000);

  it('refuses bad moments with the field and rule, and checks scope as the live scorecard does', async () => {
    const unitCard = `/units/${w.units[0]}/scorecards/${year}`;
    const contact = await h.as('unit_contact', w.units[0]);
    const head = await h.store.headPosition();
    const past = await h.get(`${unitCard}?asOfPosition=${head + 1000}`, contact).expect(400);
    expect(past.body.errors).toEqual([expect.objectContaining({ field: 'asOfPosition', rule: 'max' })]);
    const both = await h.get(`${unitCard}?asOfPosition=1&asOf=2026-01-01T00:00:00Z`, contact).expect(400);
    expect(both.body.errors).toEqual([expect.objectContaining({ field: 'asOf', rule: 'exclusive' })]);
    await h.get(`${unitCard}?asOf=2999-01-01T00:00:00Z`, contact).expect(400);
    await h.get(`${unitCard}?asOf=yesterday`, contact).expect(400);
    await h.get(`${unitCard}?asOfPosition=-1`, contact).expect(400);
    await h.get(`${unitCard}?asOfPosition=1`, await h.as('unit_contact', w.units[1])).expect(403);
    // before anything was known of the unit
    await h.get(`${unitCard}?asOfPosition=0`, contact).expect(404);
  });
});
