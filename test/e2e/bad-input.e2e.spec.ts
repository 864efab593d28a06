import { needBody } from './authorization/examples/needs.examples';
import { Harness, type World } from './harness';

/**
 * A corpus of malformed requests: each must get the right 4xx as application/problem+json with a
 * stable code (and, for validation, the failing field), and the event store must not change.
 */
interface BadCase {
  name: string;
  method: 'post' | 'get';
  path: string;
  body?: unknown;
  raw?: string | Buffer;
  contentType?: string;
  headers?: Record<string, string>;
  status: number;
  code?: string | RegExp;
  field?: string;
}

const STRING_FIELDS = ['title', 'description', 'category'] as const;
const REQUIRED = ['source', 'title', 'description', 'category', 'urgency', 'beneficiaries', 'location', 'requester'] as const;
const WRONG_TYPES: Array<[string, unknown]> = [
  ['a number', 42],
  ['a boolean', true],
  ['an array', ['x']],
  ['null', null],
];
const BAD_IDS = ['a%20b', '-leading', 'x'.repeat(129), '%E9%9C%80%E6%B1%82', 'a%2Fb', '%00'];
const BROKEN_JSON = ['{', '{"title":}', 'nul', '[1,', '{"title":"x",}', 'undefined', "{'title':'x'}", '{"a":1}{"b":2}', '{"title":"\\x"}', '"unterminated'];
const WRONG_TYPES_HEADERS = ['text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'text/html', 'application/octet-stream', 'multipart/form-data; boundary=x'];

function corpus(w: World, needId: string, listedNeedId: string): BadCase[] {
  const submit = `/communities/${w.communities[0]}/needs`;
  const cases: BadCase[] = [];
  const v = (name: string, body: unknown, field?: string, code: string | RegExp = 'VALIDATION.FAILED'): BadCase => ({
    name,
    method: 'post',
    path: submit,
    body,
    status: 400,
    code,
    field,
  });

  for (const f of REQUIRED) {
    const { [f]: _omit, ...rest } = needBody();
    cases.push(v(`submit without ${f}`, rest, f));
    for (const [what, value] of WRONG_TYPES) cases.push(v(`submit with ${f} as ${what}`, needBody({ [f]: value }), f));
  }
  for (const f of STRING_FIELDS) {
    cases.push(v(`submit with an empty ${f}`, needBody({ [f]: '' }), f));
    cases.push(v(`submit with an object as ${f}`, needBody({ [f]: { a: 1 } }), f));
  }
  cases.push(
    v('title of 201 characters', needBody({ title: 'x'.repeat(201) }), 'title'),
    v('description of 5001 characters', needBody({ description: 'x'.repeat(5001) }), 'description'),
    v('category of 65 characters', needBody({ category: 'x'.repeat(65) }), 'category'),
    v('unknown source', needBody({ source: 'rumour' }), 'source'),
    v('upper-case urgency', needBody({ urgency: 'URGENT' }), 'urgency'),
    v('empty urgency', needBody({ urgency: '' }), 'urgency'),
    v('negative beneficiaries', needBody({ beneficiaries: { description: 'x', count: -1 } }), 'beneficiaries.count'),
    v('fractional beneficiaries', needBody({ beneficiaries: { description: 'x', count: 1.5 } }), 'beneficiaries.count'),
    v('beneficiaries count as text', needBody({ beneficiaries: { description: 'x', count: 'ten' } }), 'beneficiaries.count'),
    v('beneficiaries without description', needBody({ beneficiaries: { count: 3 } }), 'beneficiaries.description'),
    v('grid id as a number', needBody({ location: { gridId: 3 } }), 'location.gridId'),
    v('address of 301 characters', needBody({ location: { address: 'x'.repeat(301) } }), 'location.address'),
    v('requester with an empty name', needBody({ requester: { name: '', phone: null } }), 'requester.name'),
    v('requester name as a number', needBody({ requester: { name: 7 } }), 'requester.name'),
    v('requester phone with letters', needBody({ requester: { name: '张三', phone: 'call me' } }), 'requester.phone'),
    v('requester phone as a number', needBody({ requester: { name: '张三', phone: 13812345678 } }), 'requester.phone'),
    v('an unknown top-level field', { ...needBody(), priority: 1 }, 'priority'),
    v('an unknown nested field', needBody({ requester: { name: '张三', phone: null, idCard: '1101' } }), 'requester.idCard'),
    v('an unknown location field', needBody({ location: { gridId: 'g', lat: 1 } }), 'location.lat'),
    v('needId that is not a UUID', needBody({ needId: 'n1' }), 'needId'),
    v('wantedBy that is not a date', needBody({ wantedBy: 'tomorrow' }), 'wantedBy'),
    v('wantedBy with month 13', needBody({ wantedBy: '2027-13-01T00:00:00Z' }), 'wantedBy'),
    v('wantedBy as a number', needBody({ wantedBy: 1767225600000 }), 'wantedBy'),
    v('wantedBy in the past', needBody({ wantedBy: '2020-01-01T00:00:00Z' }), undefined, 'NEED.DEADLINE_IN_PAST'),
    v('an empty object', {}, 'title'),
    v('an array instead of an object', [needBody()], undefined, /VALIDATION\.FAILED|HTTP\.BAD_REQUEST/),
    v('a unit need without its unit', needBody({ source: 'unit' }), undefined, /^NEED\./),
  );

  const reasonEndpoints = ['reject', 'withdraw', 'close'];
  for (const ep of reasonEndpoints) {
    const path = `/needs/${ep === 'close' ? listedNeedId : needId}/${ep}`;
    cases.push(
      { name: `${ep} without a reason`, method: 'post', path, body: {}, status: 400, code: 'VALIDATION.FAILED', field: 'reason' },
      { name: `${ep} with an empty reason`, method: 'post', path, body: { reason: '' }, status: 400, code: 'VALIDATION.FAILED', field: 'reason' },
      { name: `${ep} with a numeric reason`, method: 'post', path, body: { reason: 12 }, status: 400, code: 'VALIDATION.FAILED', field: 'reason' },
      { name: `${ep} with a reason of 1001 characters`, method: 'post', path, body: { reason: 'x'.repeat(1001) }, status: 400, code: 'VALIDATION.FAILED', field: 'reason' },
      { name: `${ep} with a blank reason`, method: 'post', path, body: { reason: '   ' }, status: 400, code: /REASON_REQUIRED/ },
      { name: `${ep} with an extra field`, method: 'post', path, body: { reason: 'x', force: true }, status: 400, code: 'VALIDATION.FAILED', field: 'force' },
    );
  }
  cases.push(
    { name: 'urgency change without urgency', method: 'post', path: `/needs/${needId}/urgency`, body: { reason: 'x' }, status: 400, field: 'urgency' },
    { name: 'urgency change with a bad urgency', method: 'post', path: `/needs/${needId}/urgency`, body: { urgency: 'soon', reason: 'x' }, status: 400, field: 'urgency' },
    { name: 'merge without a target', method: 'post', path: `/needs/${needId}/merge`, body: {}, status: 400, field: 'intoNeedId' },
    { name: 'merge into an unknown need', method: 'post', path: `/needs/${needId}/merge`, body: { intoNeedId: 'nope' }, status: 404, code: /NOT_FOUND/ },
    { name: 'merge into itself', method: 'post', path: `/needs/${needId}/merge`, body: { intoNeedId: needId }, status: 400, code: 'NEED.MERGE_INTO_SELF' },
  );

  const idEndpoints = ['list', 'reject', 'withdraw', 'close', 'urgency', 'merge'];
  for (const id of BAD_IDS) {
    for (const ep of idEndpoints)
      cases.push({ name: `${ep} with need id ${id.slice(0, 12)}`, method: 'post', path: `/needs/${id}/${ep}`, body: { reason: 'x', urgency: 'low', intoNeedId: 'x' }, status: 400, code: 'VALIDATION.FAILED', field: 'needId' });
    cases.push({ name: `read need id ${id.slice(0, 12)}`, method: 'get', path: `/needs/${id}`, status: 400, code: 'VALIDATION.FAILED', field: 'needId' });
    cases.push({ name: `submit to community ${id.slice(0, 12)}`, method: 'post', path: `/communities/${id}/needs`, body: needBody(), status: 400, field: 'communityId' });
  }
  cases.push(
    { name: 'an unknown need', method: 'post', path: `/needs/does-not-exist/list`, status: 404, code: /NOT_FOUND/ },
    { name: 'read an unknown need', method: 'get', path: `/needs/does-not-exist`, status: 404, code: 'NEED.NOT_FOUND' },
    { name: 'an unknown community', method: 'post', path: `/communities/nowhere/needs`, body: needBody(), status: 404, code: 'COMMUNITY.NOT_FOUND' },
  );

  for (const raw of BROKEN_JSON)
    for (const path of [submit, `/needs/${needId}/reject`])
      cases.push({ name: `broken JSON ${raw.slice(0, 10)} to ${path.split('/').pop()}`, method: 'post', path, raw, contentType: 'application/json', status: 400, code: 'HTTP.MALFORMED_JSON' });
  for (const type of WRONG_TYPES_HEADERS)
    for (const path of [submit, `/needs/${needId}/reject`, `/districts`])
      cases.push({ name: `${type} body to ${path.split('/').pop()}`, method: 'post', path, raw: 'title=x', contentType: type, status: 415, code: 'HTTP.UNSUPPORTED_MEDIA_TYPE' });
  for (const path of [submit, `/needs/${needId}/reject`, `/needs/${needId}/urgency`, `/districts`, `/districts/${w.districtId}/streets`])
    cases.push({ name: `a 300 KB body to ${path}`, method: 'post', path, body: { reason: 'x'.repeat(300 * 1024) }, status: 413, code: 'HTTP.PAYLOAD_TOO_LARGE' });

  for (const key of ['has space', 'k'.repeat(201), 'caf\u00e9'])
    cases.push({ name: `Idempotency-Key ${key.slice(0, 10)}`, method: 'post', path: `/needs/${needId}/list`, headers: { 'Idempotency-Key': key }, status: 400, code: 'HTTP.BAD_IDEMPOTENCY_KEY' });
  for (const tag of ['abc', '"1', '"-2"', '1.5'])
    cases.push({ name: `If-Match ${tag}`, method: 'post', path: `/needs/${needId}/list`, headers: { 'If-Match': tag }, status: 400, code: 'HTTP.BAD_IF_MATCH' });
  cases.push({ name: 'a stale If-Match', method: 'post', path: `/needs/${needId}/list`, headers: { 'If-Match': '"9"' }, status: 412, code: 'COMMAND.PRECONDITION_FAILED' });

  const org: Array<[string, string, unknown, string]> = [
    ['district id with a space', '/districts', { districtId: 'a b', name: 'x' }, 'districtId'],
    ['district id empty', '/districts', { districtId: '', name: 'x' }, 'districtId'],
    ['district id too long', '/districts', { districtId: 'd'.repeat(65), name: 'x' }, 'districtId'],
    ['district without a name', '/districts', { districtId: 'dx' }, 'name'],
    ['district name as a number', '/districts', { districtId: 'dx', name: 5 }, 'name'],
    ['district name too long', '/districts', { districtId: 'dx', name: 'x'.repeat(101) }, 'name'],
    ['street id with a slash', `/districts/${w.districtId}/streets`, { streetId: 'a/b', name: 'x' }, 'streetId'],
    ['street with an extra field', `/districts/${w.districtId}/streets`, { streetId: 'sx', name: 'x', mayor: 'y' }, 'mayor'],
    ['community with a bad objection period', `/streets/${w.streets[0]}/communities`, { communityId: 'cx', name: 'x', configuration: { objectionPeriodWorkingDays: 0 } }, 'configuration.objectionPeriodWorkingDays'],
    ['community with a bad notice frequency', `/streets/${w.streets[0]}/communities`, { communityId: 'cx', name: 'x', configuration: { noticeFrequency: 'daily' } }, 'configuration.noticeFrequency'],
    ['configuration with 31 working days', `/communities/${w.communities[0]}/configuration`, { objectionPeriodWorkingDays: 31 }, 'objectionPeriodWorkingDays'],
    ['rename with an empty name', `/communities/${w.communities[0]}/rename`, { name: '' }, 'name'],
  ];
  for (const [name, path, body, field] of org) cases.push({ name, method: 'post', path, body, status: 400, code: 'VALIDATION.FAILED', field });
  cases.push({ name: 'configuration with a bad time zone', method: 'post', path: `/communities/${w.communities[0]}/configuration`, body: { timeZone: 'Mars/Olympus' }, status: 400, code: /TIME_ZONE/ });
  cases.push({ name: 'a street in an unknown district', method: 'post', path: '/districts/nowhere/streets', body: { streetId: 'sx', name: 'x' }, status: 404, code: 'STREET.DISTRICT_NOT_FOUND' });
  return cases;
}

describe('bad input', () => {
  let h: Harness;
  let w: World;
  let token: string;
  let needId: string;
  let listedNeedId: string;
  beforeAll(async () => {
    h = await Harness.start('postgres');
    w = await h.world();
    token = await h.tokenFor(
      { role: 'district_admin', scope: { kind: 'district', id: w.districtId } },
      { role: 'community_secretary', scope: { kind: 'community', id: w.communities[0] } },
    );
    needId = (await h.expectOk(h.post(`/communities/${w.communities[0]}/needs`, token, needBody()))).body.id;
    listedNeedId = (await h.expectOk(h.post(`/communities/${w.communities[0]}/needs`, token, needBody()))).body.id;
    await h.expectOk(h.post(`/needs/${listedNeedId}/list`, token));
  });
  afterAll(() => h.close());

  it('answers at least 200 malformed requests with the right problem, writing nothing', async () => {
    const cases = corpus(w, needId, listedNeedId);
    expect(cases.length).toBeGreaterThanOrEqual(200);
    const head = await h.store.headPosition();
    const wrong: string[] = [];
    for (const c of cases) {
      let req = h.http()[c.method](c.path).set('Authorization', `Bearer ${token}`).set(c.headers ?? {});
      if (c.raw !== undefined) req = req.set('Content-Type', c.contentType ?? 'application/json').send(c.raw);
      else if (c.body !== undefined) req = req.send(c.body as object);
      const res = await req;
      const problems: string[] = [];
      if (res.status !== c.status) problems.push(`status ${res.status}`);
      if (!/^application\/problem\+json/.test(res.headers['content-type'] ?? '')) problems.push(`content-type ${res.headers['content-type']}`);
      if (c.code && !(typeof c.code === 'string' ? res.body?.code === c.code : c.code.test(res.body?.code ?? ''))) problems.push(`code ${res.body?.code}`);
      if (c.field && !(res.body?.errors ?? []).some((e: { field: string }) => e.field === c.field))
        problems.push(`fields ${JSON.stringify((res.body?.errors ?? []).map((e: { field: string }) => e.field))}`);
      if (problems.length) wrong.push(`${c.name}: ${problems.join(', ')} — ${res.body?.detail ?? ''}`.slice(0, 300));
    }
    expect(wrong).toEqual([]);
    expect(await h.store.headPosition()).toBe(head);
  });
});
