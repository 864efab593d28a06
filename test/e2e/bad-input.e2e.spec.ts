import type { ExampleContext } from './authorization/endpoint-example';
import { needBody } from './authorization/examples/needs.examples';
import { aNotice } from './authorization/examples/notices.examples';
import { aTask } from './authorization/examples/workflow-fixtures';
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
  /** the failing field's path starts with this (deep nesting names the path where it went too deep) */
  fieldStartsWith?: string;
  /** a substring of the failing field's message (the expected form of a date-time) */
  message?: string;
  /** without the bearer token (login, the public objection form) */
  anonymous?: boolean;
  /** another caller's token (the responsible unit's, to complete its task) */
  token?: string;
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

const nested = (depth: number, open = '[', close = ']') => `${open.repeat(depth)}${close.repeat(depth)}`;
const deepObject = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
const INVISIBLE = ['\u200b', '\u200b\u200c\u200d', '\ufeff', '\u2060\u2060', ' \u200b ', '\u00ad', '\u3164', '\u202e', '\u{E0041}'];
const NEED_TIMES: Array<[string, string]> = [
  ['without an offset', '2027-01-01T00:00:00'],
  ['date only', '2027-01-01'],
  ['without seconds or offset', '2027-01-01T08:00'],
  ['a week date', '2027-W01-1'],
  ['an ordinal date', '2027-001'],
];

interface HostileFixtures {
  w: World;
  needId: string;
  roundId: string;
  acceptedTaskId: string;
  noticeId: string;
  unitToken: string;
}

/** Values that used to crash a request (500), be stored wrong (201) or wait 5 s (503). */
function hostile({ w, needId, roundId, acceptedTaskId, noticeId, unitToken }: HostileFixtures): BadCase[] {
  const submit = `/communities/${w.communities[0]}/needs`;
  const cases: BadCase[] = [];
  const v = (name: string, body: unknown, field: string, extra: Partial<BadCase> = {}): BadCase => ({ name, method: 'post', path: submit, body, status: 400, code: 'VALIDATION.FAILED', field, ...extra });
  const raw = (name: string, path: string, body: string, fieldStartsWith: string, extra: Partial<BadCase> = {}): BadCase =>
    ({ name, method: 'post', path, raw: body, status: 400, code: 'VALIDATION.FAILED', fieldStartsWith, ...extra });

  // nesting: 10,000 levels, anywhere, even unauthenticated
  for (const depth of [33, 10_000, 100_000]) {
    cases.push(raw(`title nested ${depth} arrays deep`, submit, `{"title":${nested(depth)}}`, 'title'));
    cases.push(raw(`a body of ${depth} nested arrays`, submit, nested(depth), '[0]'));
  }
  for (const depth of [33, 10_000, 30_000]) {
    cases.push(raw(`login with a username ${depth} objects deep`, '/auth/login', `{"username":${deepObject(depth)},"password":"x"}`, 'username', { anonymous: true }));
    cases.push(raw(`criterionScores ${depth} objects deep`, `/evaluation-rounds/${roundId}/ratings`, `{"criterionScores":${deepObject(depth)}}`, 'criterionScores'));
  }
  cases.push(raw('an objection 10,000 levels deep', `/public/notices/${noticeId}/objections`, `{"text":${nested(10_000)}}`, 'text', { anonymous: true }));
  cases.push(raw('a reason 10,000 objects deep', `/needs/${needId}/reject`, `{"reason":${deepObject(10_000)}}`, 'reason'));

  // text that is not well-formed Unicode, or has NUL / control characters, or nothing visible
  for (const [what, text] of [['a lone high surrogate', 'a\ud800b'], ['a lone low surrogate', '\udc00'], ['a reversed pair', '\udc00\ud800'], ['NUL', 'a\u0000b'], ['a bell', 'a\u0007'], ['an escape', '\u001b[31m']] as const) {
    cases.push(v(`title with ${what}`, needBody({ title: text }), 'title'));
    cases.push(v(`requester name with ${what}`, needBody({ requester: { name: text, phone: null } }), 'requester.name'));
    cases.push(v(`location address with ${what}`, needBody({ location: { gridId: 'g3', address: text } }), 'location.address'));
    cases.push({ name: `reject reason with ${what}`, method: 'post', path: `/needs/${needId}/reject`, body: { reason: text }, status: 400, code: 'VALIDATION.FAILED', field: 'reason' });
    cases.push({ name: `login username with ${what}`, method: 'post', path: '/auth/login', body: { username: text, password: 'x'.repeat(12) }, status: 400, code: 'VALIDATION.FAILED', field: 'username', anonymous: true });
  }
  cases.push(raw('a lone surrogate written as a JSON escape', submit, JSON.stringify(needBody()).replace('"3号楼加装扶手"', '"\\ud800"'), 'title'));
  cases.push({ name: 'a lone surrogate in a query', method: 'get', path: `/communities/${w.communities[0]}/lists/needs?status=%ED%A0%80`, status: 400, code: 'VALIDATION.FAILED' });
  cases.push({ name: 'a NUL in a query', method: 'get', path: `/communities/${w.communities[0]}/lists/needs?status=a%00b`, status: 400, code: 'VALIDATION.FAILED', field: 'status' });
  cases.push({ name: 'a NUL in a round id', method: 'post', path: `/evaluation-rounds/r%00x/close`, status: 400, code: 'VALIDATION.FAILED', field: 'roundId' });
  for (const text of INVISIBLE) {
    const shown = JSON.stringify(text);
    cases.push(v(`title of only ${shown}`, needBody({ title: text }), 'title'));
    cases.push(v(`description of only ${shown}`, needBody({ description: text }), 'description'));
    cases.push({ name: `reject reason of only ${shown}`, method: 'post', path: `/needs/${needId}/reject`, body: { reason: text }, status: 400, code: 'VALIDATION.FAILED', field: 'reason' });
  }

  // numbers beyond what a double holds exactly
  for (const n of ['9007199254740992', '9007199254740993', '12345678901234567890', '1e21', '-9007199254740993', '1e400'])
    cases.push(raw(`beneficiaries count ${n}`, submit, JSON.stringify(needBody()).replace('"count":12', `"count":${n}`), 'beneficiaries.count'));
  cases.push({ name: 'limit beyond a safe integer', method: 'get', path: `/communities/${w.communities[0]}/lists/needs?offset=9007199254740993`, status: 400, code: 'VALIDATION.FAILED', field: 'offset' });

  // keys that reach the prototype
  const rating = (scores: string) => `{"direction":"community_to_unit","subject":{"kind":"unit","id":"${w.units[0]}"},"rating":"satisfied","criterionScores":${scores}}`;
  for (const key of ['__proto__', 'constructor', 'prototype']) {
    cases.push(raw(`criterionScores with ${key}`, `/evaluation-rounds/${roundId}/ratings`, rating(`{"${key}":90}`), `criterionScores.${key}`));
    cases.push(raw(`criterionScores with ${key} beside a real score`, `/evaluation-rounds/${roundId}/ratings`, rating(`{"服务态度":80,"${key}":{"x":1}}`), `criterionScores.${key}`));
    cases.push(raw(`a need with a top-level ${key}`, submit, JSON.stringify(needBody()).replace('{', `{"${key}":{"admin":true},`), key));
  }
  cases.push(raw('a key with a lone surrogate', `/evaluation-rounds/${roundId}/ratings`, rating('{"\\ud800":90}'), 'criterionScores.'));

  // links that are not http(s)
  const complete = `/tasks/${acceptedTaskId}/complete`;
  for (const uri of ['javascript:alert(1)', 'JavaScript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'file:///etc/passwd', 'ftp://files.example/a.jpg', 'vbscript:msgbox', '//files.example/a.jpg', 'files.example/a.jpg', 'https://', 'http:/x'])
    cases.push({ name: `evidence link ${uri.slice(0, 20)}`, method: 'post', path: complete, body: { summary: '已完成', evidence: [{ kind: 'link', uri }] }, token: unitToken, status: 400, code: 'VALIDATION.FAILED', field: 'evidence[0].uri' });

  // instants without an offset, bare dates
  for (const [what, value] of NEED_TIMES) {
    cases.push(v(`wantedBy ${what}`, needBody({ wantedBy: value }), 'wantedBy', { message: '2026-12-31T16:00:00Z' }));
    cases.push({ name: `asOf ${what}`, method: 'get', path: `/communities/${w.communities[0]}/lists/needs?asOf=${value}`, status: 400, code: 'VALIDATION.FAILED', field: 'asOf', message: '+08:00' });
  }
  cases.push({ name: 'a meeting time without an offset', method: 'post', path: `/communities/${w.communities[0]}/meetings`, body: { title: '联席会议', scheduledAt: '2027-01-15T09:30:00', chairUnitId: w.units[0] }, status: 400, code: 'VALIDATION.FAILED', field: 'scheduledAt', message: 'needs an offset' });

  // what Node's HTTP parser refuses before Express: still a problem
  cases.push({ name: 'a URL of 20 KB', method: 'get', path: `/communities/${w.communities[0]}/lists/needs?category=${'x'.repeat(20_000)}`, status: 431, code: 'HTTP.HEADERS_TOO_LARGE' });
  cases.push({ name: 'a header of 20 KB', method: 'post', path: `/needs/${needId}/list`, headers: { 'X-Padding': 'x'.repeat(20_000) }, status: 431, code: 'HTTP.HEADERS_TOO_LARGE' });

  // read-your-write past the head: no write of the caller is there, waiting cannot help
  for (const list of ['needs', 'resources', 'tasks'])
    cases.push({ name: `${list} list with minPosition past the head`, method: 'get', path: `/communities/${w.communities[0]}/lists/${list}?minPosition=999999999`, status: 400, code: 'VALIDATION.FAILED', field: 'minPosition' });
  cases.push({ name: 'the inbox with minPosition past the head', method: 'get', path: `/inbox?minPosition=999999999`, status: 400, code: 'VALIDATION.FAILED', field: 'minPosition' });
  cases.push({ name: 'the board with minPosition past the head', method: 'get', path: `/communities/${w.communities[0]}/board?minPosition=999999999`, status: 400, code: 'VALIDATION.FAILED', field: 'minPosition' });
  return cases;
}

async function runCases(h: Harness, token: string, cases: BadCase[]): Promise<string[]> {
  const wrong: string[] = [];
  for (const c of cases) {
    let req = h.http()[c.method](c.path).set(c.headers ?? {});
    if (!c.anonymous) req = req.set('Authorization', `Bearer ${c.token ?? token}`);
    if (c.raw !== undefined) req = req.set('Content-Type', c.contentType ?? 'application/json').send(c.raw);
    else if (c.body !== undefined) req = req.send(c.body as object);
    const res = await req;
    const problems: string[] = [];
    const errors: Array<{ field: string; message: string }> = res.body?.errors ?? [];
    if (res.status !== c.status) problems.push(`status ${res.status}`);
    if (!/^application\/problem\+json/.test(res.headers['content-type'] ?? '')) problems.push(`content-type ${res.headers['content-type']}`);
    if (c.code && !(typeof c.code === 'string' ? res.body?.code === c.code : c.code.test(res.body?.code ?? ''))) problems.push(`code ${res.body?.code}`);
    if (c.field && !errors.some((e) => e.field === c.field)) problems.push(`fields ${JSON.stringify(errors.map((e) => e.field))}`);
    if (c.fieldStartsWith !== undefined && !errors.some((e) => e.field.startsWith(c.fieldStartsWith!))) problems.push(`fields ${JSON.stringify(errors.map((e) => e.field.slice(0, 40)))}`);
    if (c.message && !errors.some((e) => e.message.includes(c.message!))) problems.push(`messages ${JSON.stringify(errors.map((e) => e.message))}`);
    if (problems.length) wrong.push(`${c.name}: ${problems.join(', ')} — ${res.body?.detail ?? ''}`.slice(0, 300));
  }
  return wrong;
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
    expect(await runCases(h, token, cases)).toEqual([]);
    expect(await h.store.headPosition()).toBe(head);
  });

  it('refuses deep nesting, broken text, invisible text, unsafe numbers, prototype keys, foreign links and offset-less times, naming the field and writing nothing', async () => {
    const ctx: ExampleContext = {
      h,
      world: w,
      setup: await h.tokenFor(
        { role: 'district_admin', scope: { kind: 'district', id: w.districtId } },
        { role: 'street_admin', scope: { kind: 'street', id: w.streets[0] } },
        { role: 'community_secretary', scope: { kind: 'community', id: w.communities[0] } },
      ),
    };
    const roundId = (await h.expectOk(h.post(`/communities/${w.communities[0]}/evaluation-rounds`, ctx.setup, { period: { kind: 'year', year: 2026 }, directions: ['community_to_unit'], criteria: ['服务态度'] }))).body.id;
    const { taskId: acceptedTaskId } = await aTask(ctx, 'accepted');
    const noticeId = await aNotice(ctx);
    const cases = hostile({ w, needId, roundId, acceptedTaskId, noticeId, unitToken: await h.as('unit_contact', w.units[0]) });
    const head = await h.store.headPosition();
    expect(await runCases(h, ctx.setup, cases)).toEqual([]);
    expect(await h.store.headPosition()).toBe(head);
  });

  it('answers closing an already closed evaluation round with 409, appending nothing', async () => {
    const secretary = await h.as('community_secretary', w.communities[0]);
    const roundId = (await h.expectOk(h.post(`/communities/${w.communities[0]}/evaluation-rounds`, secretary, { period: { kind: 'year', year: 2026 }, directions: ['community_to_unit'], criteria: [] }))).body.id;
    await h.post(`/evaluation-rounds/${roundId}/close`, secretary).expect(200);
    const head = await h.store.headPosition();
    const again = await h.post(`/evaluation-rounds/${roundId}/close`, secretary);
    expect([again.status, again.body.code, again.headers['content-type']]).toEqual([409, 'ROUND.CLOSED', expect.stringMatching(/^application\/problem\+json/)]);
    expect(await h.store.headPosition()).toBe(head);
  });
});
