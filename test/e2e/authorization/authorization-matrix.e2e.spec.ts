import type { RoleGrant } from '@cobuild/auth';
import { CLOCK, type Clock } from '../../../apps/common/src/clock';
import { Harness, type Role, type World } from '../harness';
import type { EndpointExample, ExampleContext, PreparedRequest } from './endpoint-example';
import { allExamples } from './examples';
import { EXPECTED_ROLES, type Allowed } from './expected-roles';

/**
 * Every endpoint × every role × (in scope, out of scope), plus no token: allowed or denied as the
 * test's own table (expected-roles.ts) says — not as the app's `x-allowed-roles` say, which are
 * checked against the table. Allowed means the endpoint's documented success status; denied means
 * 401 without a token, 403 otherwise. The endpoints come from the OpenAPI document, so a new
 * endpoint without a row in the table and an example fails this test.
 */
const ROLES: Role[] = [
  'district_admin',
  'auditor',
  'street_admin',
  'community_secretary',
  'community_staff',
  'evaluator',
  'unit_contact',
  'member',
  'department',
];

interface Operation {
  operation: string;
  /** x-allowed-roles as the app publishes them */
  published: string[];
  /** the documented success status (the operation's 2xx response) */
  success: number;
}

function grantFor(role: Role, inScope: boolean, w: World, p: PreparedRequest): RoleGrant {
  const s = p.scope ?? {};
  const pick = (yes: string, no: string) => (inScope ? yes : no);
  switch (role) {
    case 'district_admin':
    case 'auditor':
      return { role, scope: { kind: 'district', id: pick(s.districtId ?? w.districtId, 'd-elsewhere') } };
    case 'street_admin':
      return { role, scope: { kind: 'street', id: pick(s.streetId ?? w.streets[0], w.streets[1]) } };
    case 'community_secretary':
    case 'community_staff':
    case 'evaluator':
      return { role, scope: { kind: 'community', id: pick(s.communityId ?? w.communities[0], w.communities[1]) } };
    case 'unit_contact':
      return { role, scope: { kind: 'unit', id: pick(s.unitId ?? w.units[0], w.units[1]) } };
    case 'member':
      return { role, scope: { kind: 'self', id: pick(s.selfId ?? w.members[0], w.members[1]) } };
    case 'department':
      return { role, scope: { kind: 'department', id: pick(s.departmentId ?? 'dep-a', 'dep-b') } };
  }
}

function expectedAllowed(allowed: Allowed, role: Role | null, inScope: boolean): boolean {
  if (allowed === 'public') return true;
  if (role === null) return false;
  if (allowed === 'authenticated') return true;
  return allowed.includes(role) && inScope;
}

describe('authorisation matrix', () => {
  let h: Harness;
  let world: World;
  let ctx: ExampleContext;
  let operations: Operation[];

  beforeAll(async () => {
    h = await Harness.start('embedded');
    world = await h.world();
    const setup = await h.tokenFor(
      { role: 'district_admin', scope: { kind: 'district', id: world.districtId } },
      { role: 'street_admin', scope: { kind: 'street', id: world.streets[0] } },
      { role: 'community_secretary', scope: { kind: 'community', id: world.communities[0] } },
    );
    ctx = { h, world, setup };
    const doc = (await h.get('/docs-json', null).expect(200)).body as {
      paths: Record<string, Record<string, { 'x-allowed-roles'?: string[]; responses?: Record<string, unknown> }>>;
    };
    operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({
        operation: `${method.toUpperCase()} ${path}`,
        published: op['x-allowed-roles'] ?? [],
        success: Number(Object.keys(op.responses ?? {}).find((code) => /^2\d\d$/.test(code)) ?? NaN),
      })),
    );
  });
  afterAll(() => h.close());

  it('knows every endpoint: each has a row in the table, a documented success status and an example', () => {
    expect(operations.length).toBeGreaterThan(10);
    expect(operations.filter((o) => !EXPECTED_ROLES.has(o.operation)).map((o) => o.operation)).toEqual([]);
    expect([...EXPECTED_ROLES.keys()].filter((k) => !operations.some((o) => o.operation === k))).toEqual([]);
    expect(operations.filter((o) => Number.isNaN(o.success)).map((o) => o.operation)).toEqual([]);
    const known = new Set(allExamples.map((e) => e.operation));
    expect(operations.map((o) => o.operation).filter((o) => !known.has(o))).toEqual([]);
    expect(allExamples.map((e) => e.operation).filter((e) => !operations.some((o) => o.operation === e))).toEqual([]);
  });

  it("publishes in OpenAPI exactly the roles of the table (x-allowed-roles)", () => {
    const differ = operations
      .map((o) => {
        const want = EXPECTED_ROLES.get(o.operation)!;
        const expected = typeof want === 'string' ? [want] : [...want];
        return { operation: o.operation, published: [...o.published].sort(), expected: expected.sort() };
      })
      .filter((d) => JSON.stringify(d.published) !== JSON.stringify(d.expected));
    expect(differ).toEqual([]);
  });

  it('keeps the domain\'s rules of roles: auditors never write, a street admin may do what its secretaries may', () => {
    for (const [operation, allowed] of EXPECTED_ROLES) {
      if (typeof allowed === 'string') continue;
      if (!operation.startsWith('GET ')) expect({ operation, auditorWrites: allowed.includes('auditor') }).toEqual({ operation, auditorWrites: false });
      if (operation.startsWith('GET ')) expect({ operation, auditorReads: allowed.includes('auditor') }).toEqual({ operation, auditorReads: true });
      if (allowed.includes('community_secretary')) expect({ operation, streetAdmin: allowed.includes('street_admin') }).toEqual({ operation, streetAdmin: true });
    }
  });

  it('allows and denies every endpoint for every role, in and out of scope, and without a token', async () => {
    const wrong: string[] = [];
    for (const op of operations) {
      const example = allExamples.find((e) => e.operation === op.operation) as EndpointExample;
      if (!example) continue;
      const method = op.operation.split(' ')[0].toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
      const cases: Array<[Role | null, boolean]> = [[null, false], ...ROLES.flatMap((r): Array<[Role, boolean]> => [[r, true], [r, false]])];
      for (const [role, inScope] of cases) {
        const allow = expectedAllowed(EXPECTED_ROLES.get(op.operation)!, role, inScope);
        const prepared = await example.prepare({ ...ctx, fresh: allow });
        const token = role ? await h.tokenFor(grantFor(role, inScope, world, prepared)) : null;
        let req = h.http()[method](prepared.path);
        if (token) req = req.set('Authorization', `Bearer ${token}`);
        const travelled = prepared.now ? jest.spyOn(h.app.get<Clock>(CLOCK), 'now').mockImplementation(() => new Date(prepared.now!)) : null;
        let res;
        try {
          res = await (prepared.body === undefined ? req : req.send(prepared.body as object));
        } finally {
          travelled?.mockRestore();
        }
        const expected = allow ? (prepared.allowedAnswer ?? { status: op.success }) : { status: role === null ? 401 : 403 };
        const ok = res.status === expected.status && (!('code' in expected) || res.body?.code === expected.code);
        if (!ok)
          wrong.push(`${op.operation} as ${role ?? 'no token'} ${inScope ? 'in' : 'out of'} scope: expected ${JSON.stringify(expected)}, got ${res.status} ${res.body?.code ?? ''}`);
      }
    }
    expect(wrong.join('\n')).toBe('');
  }, 900_000);
});
