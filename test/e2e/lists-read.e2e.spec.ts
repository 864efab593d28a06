import { CLOCK, type Clock } from '../../apps/common/src/clock';
import { startTaskFollowUps } from '../../apps/worker/src/task-follow-ups';
import { needBody } from './authorization/examples/needs.examples';
import { pledgeBody } from './authorization/examples/workflow-fixtures';
import { Harness, type World } from './harness';

/**
 * The three lists (需求清单, 资源清单, 项目清单) read from the projections: needs, pledges and
 * tasks are driven over HTTP, the projector runs to the head, and the lists are asked live, as of
 * earlier positions and instants, with filters, sorting and paging.
 */
describe('the three lists over HTTP (projections, real store, real auth)', () => {
  let h: Harness;
  let w: World;
  let A: string;
  let secretary: string;
  let unit0: string;
  let clock: Clock;
  const DAY = 86_400_000;
  const SHANGHAI = 8 * 3600_000;
  /** 00:00 in Shanghai today, as an instant (Shanghai has no daylight saving) */
  let midnight: number;
  const localNoon = (days: number) => new Date(midnight + days * DAY + 12 * 3600_000).toISOString();

  const n: Record<string, string> = {};
  const p: Record<string, string> = {};
  const t: Record<string, string> = {};
  let P1 = 0;
  let P2 = 0;
  let instant1 = '';
  type Lists = Record<'needs' | 'resources' | 'tasks', any>;
  let live1: Lists;
  let live2: Lists;

  const list = (kind: string, query = '', token = secretary) => h.get(`/communities/${A}/lists/${kind}${query}`, token);
  const ids = (res: { body: { items: Array<{ id: string }> } }) => res.body.items.map((i) => i.id);
  const allLists = async (query = ''): Promise<Lists> => ({
    needs: (await list('needs', query).expect(200)).body,
    resources: (await list('resources', query).expect(200)).body,
    tasks: (await list('tasks', query).expect(200)).body,
  });
  const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

  beforeAll(async () => {
    h = await Harness.start('embedded');
    w = await h.world();
    A = w.communities[0];
    secretary = await h.as('community_secretary', A);
    unit0 = await h.as('unit_contact', w.units[0]);
    clock = h.app.get<Clock>(CLOCK);
    const local = new Date(Date.now() + SHANGHAI);
    midnight = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) - SHANGHAI;
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await h.close();
  });

  // the scenario the next tests read (its ids, positions and live lists): each of them drives it
  // first (once per file), so any test runs alone or in any order
  let driven: Promise<void> | undefined;
  const drive = () => (driven ??= driveScenario());
  const driveScenario = async () => {
    const submit = async (key: string, over: Record<string, unknown>) => {
      n[key] = (await h.post(`/communities/${A}/needs`, secretary, needBody({ title: `需求${key}`, ...over })).expect(201)).body.id;
    };
    await submit('lamp', { urgency: 'normal', category: '助老', location: { gridId: 'g1', address: null } });
    await submit('leak', { urgency: 'urgent', category: '环境', location: { gridId: 'g2', address: null } });
    await submit('rail', { urgency: 'high', category: '助老', location: { gridId: 'g1', address: null } });
    await submit('bench', { urgency: 'low', category: '助老', location: { gridId: 'g2', address: null } });
    await submit('court', { urgency: 'normal', category: '环境', location: { gridId: null, address: null } });
    for (const k of ['lamp', 'leak', 'rail']) await h.post(`/needs/${n[k]}/list`, secretary).expect(200);
    await h.post(`/needs/${n.court}/reject`, secretary, { reason: '属于街道设施改造项目' }).expect(200);

    const pledge = async (key: string, token: string, body: Record<string, unknown>, confirm: boolean) => {
      p[key] = (await h.post(`/communities/${A}/pledges`, token, body).expect(201)).body.id;
      if (confirm) return (await h.post(`/pledges/${p[key]}/confirm`, secretary, {}).expect(200)).body.position as number;
      return 0;
    };
    await pledge('hall', unit0, pledgeBody(w.units[0], { capacity: { quantity: 100, measure: 'm2' } }), true);
    await pledge('fund', unit0, pledgeBody(w.units[0], { type: 'funds', description: '共建资金', capacity: { quantity: 20000, measure: 'CNY' } }), true);
    const memberPledge = pledgeBody(w.units[0], { pledger: { kind: 'member', memberId: w.members[0], unitId: null }, type: 'volunteers', capacity: { quantity: 10, measure: 'volunteer-hours' } });
    p.hours = (await h.post(`/communities/${A}/pledges`, secretary, memberPledge).expect(201)).body.id;
    P1 = await h.store.headPosition();
    await h.projected();
    live1 = await allLists();
    expect(live1.needs.position).toBe(P1);
    await pause(30);
    instant1 = new Date().toISOString();
    await pause(30);

    // a joint meeting's tasks: the leak (urgent) with 30 m² of the hall, the lamp with ¥5,000
    const form = async (key: string, needId: string, allocation: Record<string, unknown>, deadline: string) => {
      const assignment = { responsibleUnitId: w.units[0], responsiblePerson: { name: '李四', phone: '13900001111' }, deadline };
      t[key] = (await h.post(`/communities/${A}/tasks`, secretary, { title: `项目${key}`, description: '共建', needIds: [needId], allocations: [allocation], assignment }).expect(201)).body.id;
    };
    await form('pipe', n.leak, { pledgeId: p.hall, quantity: 30 }, localNoon(30));
    await form('light', n.lamp, { pledgeId: p.fund, quantity: 5000 }, localNoon(10));
    await h.post(`/tasks/${t.pipe}/accept`, unit0).expect(200);
    P2 = (await h.post(`/tasks/${t.pipe}/progress`, unit0, { reportId: 'r1', summary: '材料已采购', percentComplete: 40 }).expect(200)).body.position;
    await h.projected();
    live2 = await allLists();
    expect(live2.tasks.position).toBe(P2);

    // the pipe is done and verified; the worker tells the need; the member's pledge is withdrawn
    await h.post(`/tasks/${t.pipe}/complete`, unit0, { summary: '已修复', evidence: [{ kind: 'photo', uri: 'https://files.example/a.jpg' }] }).expect(200);
    await h.post(`/tasks/${t.pipe}/verify`, secretary, { note: '验收合格' }).expect(200);
    await h.post(`/pledges/${p.hours}/withdraw`, secretary, { reason: '本人工作调动' }).expect(200);
    const followUps = await startTaskFollowUps(h.store);
    try {
      await followUps.caughtUp();
    } finally {
      await followUps.stop();
    }
    await h.projected();

    const needs = (await list('needs').expect(200)).body;
    expect(needs.items.map((i: { id: string; status: string }) => [i.id, i.status])).toEqual([
      [n.leak, 'fulfilled'],
      [n.rail, 'listed'],
      [n.lamp, 'matched'],
      [n.court, 'rejected'],
      [n.bench, 'submitted'],
    ]);
    expect(needs.counts).toEqual({ fulfilled: 1, listed: 1, matched: 1, rejected: 1, submitted: 1 });
    expect(needs.total).toBe(5);
    expect(needs.position).toBe(await h.store.headPosition());
    expect(needs.items[0]).toMatchObject({ category: '环境', grid: 'g2', urgency: 'urgent', source: 'resident', taskIds: [t.pipe], verifiedTaskIds: [t.pipe] });
    expect(needs.items[0].requester).toEqual({ name: '张*', phone: '138****5678' });
    expect(JSON.stringify(needs)).not.toContain('13812345678');
    expect(needs.items[3]).toMatchObject({ reason: '属于街道设施改造项目' });
    // the need's own GET still gives staff the whole value
    expect((await h.get(`/needs/${n.leak}`, secretary).expect(200)).body.requester).toEqual({ name: '张三', phone: '13812345678' });

    const resources = (await list('resources').expect(200)).body;
    expect(ids({ body: resources })).toEqual([p.hours, p.fund, p.hall]);
    expect(resources.counts).toEqual({ withdrawn: 1, partly_allocated: 2 });
    const [hours, fund, hall] = resources.items;
    expect(hall).toMatchObject({ status: 'partly_allocated', type: 'venue', capacity: { pledged: 100, allocated: 30, remaining: 70, measure: 'm2' }, pledger: { kind: 'unit', unitId: w.units[0] } });
    expect(hall.allocations).toEqual([{ allocationId: expect.any(String), taskId: t.pipe, quantity: 30 }]);
    expect(fund.capacity).toEqual({ pledged: 20000, allocated: 5000, remaining: 15000, measure: 'CNY' });
    expect(hours).toMatchObject({ status: 'withdrawn', reason: '本人工作调动', pledger: { kind: 'member', memberId: w.members[0] }, capacity: { remaining: 10 } });
    expect(hall.contact).toEqual({ name: '李*', phone: '139****1111' });

    const tasks = (await list('tasks').expect(200)).body;
    expect(ids({ body: tasks })).toEqual([t.light, t.pipe]);
    expect(tasks.counts).toEqual({ assigned: 1, verified: 1 });
    const [light, pipe] = tasks.items;
    expect(light).toMatchObject({ status: 'assigned', deadline: localNoon(10), overdue: false, daysToDeadline: 10, daysOverdue: null, responsibleUnitId: w.units[0], needIds: [n.lamp] });
    expect(light.allocations).toEqual([expect.objectContaining({ pledgeId: p.fund, quantity: 5000, measure: 'CNY' })]);
    expect(pipe).toMatchObject({
      status: 'verified',
      overdue: false,
      daysToDeadline: null,
      progress: { reports: 1, percentComplete: 40, lastReport: { reportId: 'r1', summary: '材料已采购', percentComplete: 40 } },
      verification: { note: '验收合格' },
      completion: { summary: '已修复', evidence: 1 },
      escalation: null,
      meetingId: null,
    });
    expect(pipe.responsiblePerson).toEqual({ name: '李*', phone: '139****1111' });
    expect(JSON.stringify(tasks)).not.toContain('13900001111');
  };

  it('drives needs, pledges and tasks; the lists show order, counts, remaining capacity and masked personal data', () => drive());

  it('shows each list as of an earlier position or instant exactly as the live list showed it then', async () => {
    await drive();
    for (const [position, live] of [
      [P1, live1],
      [P2, live2],
    ] as const) {
      const then = await allLists(`?asOfPosition=${position}`);
      for (const kind of ['needs', 'resources'] as const) {
        expect(then[kind]).toEqual({ ...live[kind], asOf: { position, at: expect.any(String), digest: expect.stringMatching(/^[0-9a-f]{64}$/) } });
      }
      // the task list's days are computed at the moment asked: the same day, moments apart
      expect(then.tasks).toEqual({ ...live.tasks, asOf: { position, at: expect.any(String), digest: expect.stringMatching(/^[0-9a-f]{64}$/) }, now: expect.any(String) });
    }
    expect(live1.tasks.items).toEqual([]);
    expect(live2.tasks.items.map((i: { id: string }) => i.id)).toEqual([t.light, t.pipe]);
    expect(live2.needs.counts).toEqual({ listed: 1, matched: 2, rejected: 1, submitted: 1 });
    const then1 = await allLists(`?asOfPosition=${P1}`);
    const byInstant = (await list('needs', `?asOf=${instant1}`).expect(200)).body;
    expect(byInstant).toEqual({ ...live1.needs, asOf: { position: P1, at: instant1, digest: then1.needs.asOf.digest } });
    const resourcesByInstant = (await list('resources', `?asOf=${instant1}&status=listed`).expect(200)).body;
    expect(resourcesByInstant.items.map((i: { id: string }) => i.id)).toEqual([p.fund, p.hall]);
    expect(resourcesByInstant.counts).toEqual({ listed: 2, pledged: 1 });
    const before = (await list('needs', '?asOfPosition=0').expect(200)).body;
    expect(before).toMatchObject({ items: [], total: 0, counts: {}, position: 0 });
  });

  it('computes overdue and the days to or past a deadline at the time asked, in the community time zone', async () => {
    await drive();
    jest.spyOn(clock, 'now').mockReturnValue(new Date(midnight + 15 * DAY + 14 * 3600_000));
    try {
      const tasks = (await list('tasks').expect(200)).body;
      expect(tasks.items.map((i: any) => [i.id, i.overdue, i.daysOverdue, i.daysToDeadline])).toEqual([
        [t.light, true, 5, null],
        [t.pipe, false, null, null],
      ]);
      expect(ids(await list('tasks', '?overdue=true').expect(200))).toEqual([t.light]);
      expect(ids(await list('tasks', '?overdue=false').expect(200))).toEqual([t.pipe]);
      // as of an earlier position, the days are counted from when the event at that position occurred
      const then = (await list('tasks', `?asOfPosition=${P2}`).expect(200)).body;
      expect(then.items.map((i: any) => [i.id, i.overdue, i.daysToDeadline])).toEqual([
        [t.light, false, 10],
        [t.pipe, false, 30],
      ]);
    } finally {
      jest.restoreAllMocks();
    }
  });

  it('filters, sorts and pages each list', async () => {
    await drive();
    expect(ids(await list('needs', '?status=listed').expect(200))).toEqual([n.rail]);
    expect(ids(await list('needs', '?status=listed,matched').expect(200))).toEqual([n.rail, n.lamp]);
    expect(ids(await list('needs', '?status=listed&status=fulfilled').expect(200))).toEqual([n.leak, n.rail]);
    expect(ids(await list('needs', `?category=${encodeURIComponent('助老')}&grid=g1`).expect(200))).toEqual([n.rail, n.lamp]);
    expect(ids(await list('needs', '?urgency=urgent,low').expect(200))).toEqual([n.leak, n.bench]);
    expect(ids(await list('needs', '?sort=newest').expect(200))).toEqual([n.court, n.bench, n.rail, n.leak, n.lamp]);
    expect(ids(await list('needs', '?sort=oldest&grid=g2').expect(200))).toEqual([n.leak, n.bench]);
    const page = (await list('needs', '?offset=1&limit=2').expect(200)).body;
    expect(page).toMatchObject({ total: 5, offset: 1, limit: 2, asOf: null });
    expect(ids({ body: page })).toEqual([n.rail, n.lamp]);
    const filteredPage = (await list('needs', `?category=${encodeURIComponent('助老')}&offset=2&limit=1`).expect(200)).body;
    expect(filteredPage).toMatchObject({ total: 3, counts: { fulfilled: 1, listed: 1, matched: 1, rejected: 1, submitted: 1 } });
    expect(ids({ body: filteredPage })).toEqual([n.bench]);

    expect(ids(await list('resources', '?type=funds').expect(200))).toEqual([p.fund]);
    expect(ids(await list('resources', `?pledger=${w.members[0]}`).expect(200))).toEqual([p.hours]);
    expect(ids(await list('resources', `?pledger=${w.units[0]}&status=partly_allocated`).expect(200))).toEqual([p.fund, p.hall]);
    expect(ids(await list('resources', '?sort=remaining').expect(200))).toEqual([p.fund, p.hall, p.hours]);
    expect(ids(await list('resources', '?sort=remaining&offset=1&limit=1').expect(200))).toEqual([p.hall]);

    expect(ids(await list('tasks', `?responsibleUnitId=${w.units[0]}`).expect(200))).toEqual([t.light, t.pipe]);
    expect(ids(await list('tasks', `?responsibleUnitId=${w.units[1]}`).expect(200))).toEqual([]);
    expect(ids(await list('tasks', '?status=verified').expect(200))).toEqual([t.pipe]);
    expect(ids(await list('tasks', '?sort=newest').expect(200))).toEqual([t.light, t.pipe]);
    expect(ids(await list('tasks', '?limit=1').expect(200))).toEqual([t.light]);
  });

  it('refuses bad queries with 400 naming the field', async () => {
    await drive();
    const head = await h.store.headPosition();
    const bad: Array<[string, string, string]> = [
      ['needs', '?limit=0', 'limit'],
      ['needs', '?limit=201', 'limit'],
      ['needs', '?offset=-1', 'offset'],
      ['needs', '?status=open', 'status'],
      ['needs', '?urgency=soon', 'urgency'],
      ['needs', '?sort=random', 'sort'],
      ['needs', '?minPosition=x', 'minPosition'],
      ['needs', '?asOfPosition=-1', 'asOfPosition'],
      ['needs', '?asOf=yesterday', 'asOf'],
      ['needs', '?colour=red', 'colour'],
      ['needs', `?asOfPosition=${head + 100}`, 'asOfPosition'],
      ['needs', `?asOfPosition=1&asOf=${instant1}`, 'asOf'],
      ['resources', `?asOf=${new Date(Date.now() + DAY).toISOString()}`, 'asOf'],
      ['resources', '?type=land', 'type'],
      ['resources', '?pledger=%20', 'pledger'],
      ['tasks', '?overdue=maybe', 'overdue'],
      ['tasks', '?status=done', 'status'],
      ['tasks', '?sort=deadline_desc', 'sort'],
    ];
    const wrong: string[] = [];
    for (const [kind, query, field] of bad) {
      const res = await list(kind, query);
      const fields = (res.body.errors ?? []).map((e: { field: string }) => e.field);
      if (res.status !== 400 || res.body.code !== 'VALIDATION.FAILED' || !fields.includes(field)) wrong.push(`${kind}${query}: ${res.status} ${JSON.stringify(res.body.errors)}`);
    }
    expect(wrong).toEqual([]);
    expect((await h.get(`/communities/c-nowhere/lists/needs`, await h.as('auditor', w.districtId)).expect(404)).body.code).toBe('COMMUNITY.NOT_FOUND');
  });

  it("lets the community's staff and evaluators, its street and district, and its registered units and members read; no one else", async () => {
    const readers = [
      await h.as('community_staff', A),
      await h.as('evaluator', A),
      await h.as('street_admin', w.streets[0]),
      await h.as('auditor', w.districtId),
      await h.as('district_admin', w.districtId),
      unit0,
      await h.as('member', w.members[0]),
    ];
    for (const token of readers) for (const kind of ['needs', 'resources', 'tasks']) expect((await list(kind, '', token)).status).toBe(200);
    const others = [
      await h.as('community_secretary', w.communities[1]),
      await h.as('street_admin', w.streets[1]),
      await h.as('auditor', 'd-elsewhere'),
      await h.as('unit_contact', w.units[1]),
      await h.as('member', w.members[1]),
      await h.as('department', 'dep-housing'),
    ];
    for (const token of others) for (const kind of ['needs', 'resources', 'tasks']) expect((await list(kind, '', token)).status).toBe(403);
    expect((await list('needs', '', null as unknown as string)).status).toBe(401);
  });

  it('reads your own write: minPosition waits until the projector has applied it', async () => {
    const res = await h.post(`/communities/${A}/needs`, secretary, needBody({ title: '刚提交的需求', urgency: 'urgent' })).expect(201);
    const stale = (await list('needs').expect(200)).body;
    expect(stale.position).toBeLessThan(res.body.position);
    const [fresh] = await Promise.all([list('needs', `?minPosition=${res.body.position}&status=submitted`).expect(200), pause(100).then(() => h.projected())]);
    expect(fresh.body.position).toBeGreaterThanOrEqual(res.body.position);
    expect(fresh.body.items[0]).toMatchObject({ id: res.body.id, title: '刚提交的需求', status: 'submitted' });
  });
});
