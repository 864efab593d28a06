import { createHash, randomUUID } from 'node:crypto';
import { PRC_CALENDAR, addWorkingDays } from '../../libs/domain/src/calendar';
import { canonicalJson } from '../../libs/event-store/src/canonical-json';
import { CLOCK, type Clock } from '../../apps/common/src/clock';
import { Harness, type World } from './harness';

/** The digest as docs/notices.md tells a third party to recompute it, written out independently here. */
async function recomputeDigest(h: Harness, communityId: string, logPosition: number): Promise<string> {
  const hash = createHash('sha256');
  for (let after = 0; ; ) {
    const page = await h.store.readAll({ after, maxCount: 100, filter: { communityId }, upcast: false });
    for (const e of page.filter((x) => x.position <= logPosition)) {
      const { position, streamId, revision, id, type, storedSchemaVersion: schemaVersion, data, metadata, hash: chain } = e;
      hash.update(canonicalJson({ position, streamId, revision, id, type, schemaVersion, data, metadata, hash: chain }) + '\n');
    }
    if (page.length < 100) break;
    after = page[page.length - 1].position;
  }
  return hash.digest('hex');
}

describe('public notices over HTTP (real store, real auth)', () => {
  let h: Harness;
  let w: World;
  let secretaryA: string;
  let staffA: string;
  const publish = (token: string, body: Record<string, unknown> = {}) =>
    h.post(`/communities/${w.communities[0]}/notices`, token, { kind: 'periodic_lists', title: '2026年11月三张清单公示', ...body });
  const object = (noticeId: string, body: Record<string, unknown> = { text: '3号楼扶手尚未安装，公示为已完成不实。' }, headers: Record<string, string> = {}) =>
    h.post(`/public/notices/${noticeId}/objections`, null, body, headers);

  beforeAll(async () => {
    h = await Harness.start('postgres');
    w = await h.world();
    secretaryA = await h.as('community_secretary', w.communities[0]);
    staffA = await h.as('community_staff', w.communities[0]);
  });
  afterAll(() => h.close());

  it('publishes a snapshot at the head position whose digest a third party recomputes, with a period of working days', async () => {
    await h.post(`/communities/${w.communities[0]}/needs`, secretaryA, {
      source: 'resident', title: '加装扶手', description: '楼道无扶手', category: '助老', urgency: 'high',
      beneficiaries: { description: '老人' }, location: { gridId: 'g3' }, requester: { name: '张三', phone: '13812345678' },
    }).expect(201);
    const head = await h.store.headPosition();
    const res = await publish(secretaryA, { subjectId: 'lists-2026-11' }).expect(201);
    expect(res.body).toMatchObject({ revision: 0, events: ['NoticePublished'], replayed: false });
    const [published] = await h.store.readStream(`notice-${res.body.id}`);
    const d = published.data as Record<string, string>;
    expect(d).toMatchObject({ communityId: w.communities[0], kind: 'periodic_lists', subjectId: 'lists-2026-11', logPosition: String(head) });
    expect(d.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(d.digest).toBe(await recomputeDigest(h, w.communities[0], head));
    expect(d.objectionPeriodEndsAt).toBe(addWorkingDays(d.publishedAt, 5, PRC_CALENDAR, 'Asia/Shanghai'));
    // community B's log is another snapshot
    expect(d.digest).not.toBe(await recomputeDigest(h, w.communities[1], head));
  });

  it("takes the objection period from the community's configuration", async () => {
    const b = w.communities[1];
    const secretaryB = await h.as('community_secretary', b);
    await h.post(`/communities/${b}/configuration`, secretaryB, { objectionPeriodWorkingDays: 2, timeZone: 'Asia/Urumqi' }).expect(200);
    const res = await h.post(`/communities/${b}/notices`, secretaryB, { kind: 'completions', title: '完成情况公示' }).expect(201);
    const d = (await h.store.readStream(`notice-${res.body.id}`))[0].data as Record<string, string>;
    expect(d.objectionPeriodEndsAt).toBe(addWorkingDays(d.publishedAt, 2, PRC_CALENDAR, 'Asia/Urumqi'));
  });

  it('takes objections from the public, shows them on the board without contacts, and the community answers', async () => {
    const noticeId = (await publish(secretaryA).expect(201)).body.id;
    const raised = await object(noticeId, { text: '3号楼扶手尚未安装，公示为已完成不实。', contact: '13812345678' }).expect(201);
    expect(raised.body).toMatchObject({ revision: 1, events: ['ObjectionRaised'] });
    const objectionId = raised.body.id;
    const [, event] = await h.store.readStream(`notice-${noticeId}`);
    expect(event.metadata.actor).toEqual({ id: 'public', role: 'public' });
    expect(event.data).toMatchObject({ objectionId, contact: '13812345678' });

    await h.post(`/notices/${noticeId}/objections/${objectionId}/answer`, staffA, { answer: '经核实，扶手将于12月5日前安装。' }).expect(200);
    const again = await h.post(`/notices/${noticeId}/objections/${objectionId}/answer`, secretaryA, { answer: '再答' }).expect(409);
    expect(again.body.code).toBe('NOTICE.OBJECTION_ALREADY_ANSWERED');

    const board = await h.get(`/public/communities/${w.communities[0]}/notices`, null).expect(200);
    const shown = board.body.notices.find((n: { noticeId: string }) => n.noticeId === noticeId);
    expect(shown).toMatchObject({ title: '2026年11月三张清单公示', kind: 'periodic_lists', status: 'open' });
    expect(shown.objections).toEqual([
      { objectionId, text: '3号楼扶手尚未安装，公示为已完成不实。', raisedAt: expect.any(String), answer: '经核实，扶手将于12月5日前安装。', answeredAt: expect.any(String) },
    ]);
    expect(JSON.stringify(board.body)).not.toContain('13812345678');
    expect(JSON.stringify(board.body)).not.toContain('contact');
    const one = await h.get(`/public/notices/${noticeId}`, null).expect(200);
    expect(one.headers.etag).toBe('"2"');
    expect(JSON.stringify(one.body)).not.toContain('13812345678');
    // the community sees the contact, to call back
    const staffView = await h.get(`/notices/${noticeId}`, staffA).expect(200);
    expect(staffView.body.objections[0].contact).toBe('13812345678');
  });

  it('validates objections hard, makes their ids itself, and answers unknown notices with 404', async () => {
    const noticeId = (await publish(secretaryA).expect(201)).body.id;
    const head = await h.store.headPosition();
    const fields = async (body: unknown) => {
      const res = await h.post(`/public/notices/${noticeId}/objections`, null, body).expect(400);
      return res.body.errors.map((e: { field: string; rule: string }) => `${e.field}:${e.rule}`);
    };
    expect(await fields({ text: '短' })).toContain('text:minLength');
    expect(await fields({ text: 'x'.repeat(2001) })).toContain('text:maxLength');
    expect(await fields({ text: '          ' })).toContain('text:matches');
    expect(await fields({ text: '公示内容与实际不符', contact: 'x'.repeat(101) })).toContain('contact:maxLength');
    expect(await fields({ text: '公示内容与实际不符', objectionId: 'mine' })).toContain('objectionId:unknown');
    expect(await h.store.headPosition()).toBe(head);
    const missing = await object(randomUUID()).expect(404);
    expect(missing.body.code).toBe('NOTICE.NOT_FOUND');
    await h.get(`/public/notices/${randomUUID()}`, null).expect(404);
    expect((await h.get('/public/communities/nowhere/notices', null).expect(404)).body.code).toBe('COMMUNITY.NOT_FOUND');
  });

  it('returns the original objection for a retried Idempotency-Key', async () => {
    const noticeId = (await publish(secretaryA).expect(201)).body.id;
    const key = randomUUID();
    const first = await object(noticeId, undefined, { 'Idempotency-Key': key }).expect(201);
    const retry = await object(noticeId, undefined, { 'Idempotency-Key': key }).expect(201);
    expect(retry.body).toEqual({ ...first.body, replayed: true });
    expect(await h.store.readStream(`notice-${noticeId}`)).toHaveLength(2);
  });

  it('rate-limits objections per address and notice', async () => {
    const noticeId = (await publish(secretaryA).expect(201)).body.id;
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await object(noticeId, { text: `第${i}条异议：内容不实` })).status);
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429]);
    expect((await h.store.readStream(`notice-${noticeId}`)).length).toBe(6);
  });

  it("shows a notice's lists to the public, folded once per notice, and rate-limits them per address", async () => {
    const noticeId = (await publish(secretaryA).expect(201)).body.id;
    const first = await h.get(`/public/notices/${noticeId}/lists`, null).expect(200);
    expect(Object.keys(first.body.lists).sort()).toEqual(['needs', 'resources', 'tasks']);
    expect(first.body).toMatchObject({ noticeId, communityId: w.communities[0], kind: 'periodic_lists', position: expect.any(Number) });
    const statuses: number[] = [200];
    let limited: { code?: string } = {};
    for (let i = 1; i < 61; i++) {
      const res = await h.get(`/public/notices/${noticeId}/lists`, null);
      statuses.push(res.status);
      if (res.status === 200) expect(res.body).toEqual(first.body);
      else limited = res.body;
    }
    // 60 a minute per address: the 61st is refused, as problem+json
    expect(statuses.filter((s) => s === 200)).toHaveLength(60);
    expect(statuses[60]).toBe(429);
    expect(limited.code).toBe('NOTICE.TOO_MANY_REQUESTS_FROM_CLIENT');
  });

  it('closes only after the period, then takes no more objections', async () => {
    const noticeId = (await publish(secretaryA).expect(201)).body.id;
    const early = await h.post(`/notices/${noticeId}/close`, secretaryA).expect(409);
    expect(early.body.code).toBe('NOTICE.PERIOD_NOT_ENDED');
    expect(await h.store.readStream(`notice-${noticeId}`)).toHaveLength(1);
    const ends = Date.parse(((await h.store.readStream(`notice-${noticeId}`))[0].data as { objectionPeriodEndsAt: string }).objectionPeriodEndsAt);
    const clock = h.app.get<Clock>(CLOCK);
    const now = jest.spyOn(clock, 'now').mockReturnValue(new Date(ends + 1000));
    try {
      const late = await object(noticeId).expect(409);
      expect(late.body.code).toBe('NOTICE.PERIOD_ENDED');
      await h.post(`/notices/${noticeId}/close`, secretaryA).expect(200);
      expect((await object(noticeId).expect(409)).body.code).toBe('NOTICE.CLOSED');
    } finally {
      now.mockRestore();
    }
    expect((await h.get(`/public/notices/${noticeId}`, null).expect(200)).body).toMatchObject({ status: 'closed', closedAt: expect.any(String) });
  });

  it('lets the secretary publish in scope only, and validates the notice', async () => {
    const secretaryB = await h.as('community_secretary', w.communities[1]);
    expect((await publish(secretaryB).expect(403)).body.code).toBe('AUTH.OUT_OF_SCOPE');
    expect((await publish(staffA).expect(403)).body.code).toBe('AUTH.ROLE_NOT_ALLOWED');
    await publish(await h.as('street_admin', w.streets[0])).expect(201);
    await publish(await h.as('street_admin', w.streets[1])).expect(403);
    const head = await h.store.headPosition();
    const bad = await publish(secretaryA, { kind: 'gossip', title: '' }).expect(400);
    expect(bad.body.errors.map((e: { field: string; rule: string }) => `${e.field}:${e.rule}`)).toEqual(expect.arrayContaining(['kind:isIn', 'title:isNotEmpty']));
    expect(await h.store.headPosition()).toBe(head);
    const noticeId = (await publish(secretaryA).expect(201)).body.id;
    const objectionId = (await object(noticeId).expect(201)).body.id;
    await h.post(`/notices/${noticeId}/objections/${objectionId}/answer`, secretaryB, { answer: '答复' }).expect(403);
    await h.post(`/notices/${noticeId}/close`, secretaryB).expect(403);
    await h.get(`/notices/${noticeId}`, secretaryB).expect(403);
    expect((await h.post(`/notices/${noticeId}/objections/${objectionId}/answer`, staffA, { answer: '' }).expect(400)).body.errors[0].field).toBe('answer');
    expect((await h.post(`/notices/${noticeId}/objections/nope/answer`, staffA, { answer: '答复' }).expect(404)).body.code).toBe('NOTICE.OBJECTION_NOT_FOUND');
  });
});
