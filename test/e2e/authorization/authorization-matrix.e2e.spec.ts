import type { RoleGrant } from '@cobuild/auth';
import { Harness, type Role, type World } from '../harness';
import type { EndpointExample, ExampleContext, PreparedRequest } from './endpoint-example';
import { allExamples } from './examples';

/**
 * Every endpoint × every role × (in scope, out of scope), plus no token: allowed or denied as the
 * endpoint's `x-allowed-roles` says. Generated from the OpenAPI document, so a new endpoint
 * without an example fails this test.
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
  allowed: string[];
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

function expectedAllowed(allowed: string[], role: Role | null, inScope: boolean): boolean {
  if (allowed.includes('public')) return true;
  if (role === null) return false;
  if (allowed.includes('authenticated')) return true;
  const roleAllowed = allowed.includes(role) || (role === 'street_admin' && allowed.includes('community_secretary'));
  return roleAllowed && inScope;
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
      paths: Record<string, Record<string, { 'x-allowed-roles'?: string[] }>>;
    };
    operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ operation: `${method.toUpperCase()} ${path}`, allowed: op['x-allowed-roles'] ?? [] })),
    );
  });
  afterAll(() => h.close());

  it('knows every endpoint: each declares its roles and has an example', () => {
    expect(operations.length).toBeGreaterThan(10);
    expect(operations.filter((o) => o.allowed.length === 0).map((o) => o.operation)).toEqual([]);
    const known = new Set(allExamples.map((e) => e.operation));
    expect(operations.map((o) => o.operation).filter((o) => !known.has(o))).toEqual([]);
    expect(allExamples.map((e) => e.operation).filter((e) => !operations.some((o) => o.operation === e))).toEqual([]);
  });

  it('allows and denies every endpoint for every role, in and out of scope, and without a token', async () => {
    const wrong: string[] = [];
    for (const op of operations) {
      const example = allExamples.find((e) => e.operation === op.operation) as EndpointExample;
      if (!example) continue;
      const method = op.operation.split(' ')[0].toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
      const cases: Array<[Role | null, boolean]> = [[null, false], ...ROLES.flatMap((r): Array<[Role, boolean]> => [[r, true], [r, false]])];
      for (const [role, inScope] of cases) {
        const prepared = await example.prepare(ctx);
        const token = role ? await h.tokenFor(grantFor(role, inScope, world, prepared)) : null;
        let req = h.http()[method](prepared.path);
        if (token) req = req.set('Authorization', `Bearer ${token}`);
        const res = prepared.body === undefined ? await req : await req.send(prepared.body as object);
        const allow = expectedAllowed(op.allowed, role, inScope);
        // an endpoint may answer 401 itself (a wrong password at login): only guards answer with these codes
        const denied = res.status === 403 || (res.status === 401 && res.body?.code !== 'AUTH.INVALID_CREDENTIALS');
        if (allow === denied || (!allow && role === null && res.status !== 401))
          wrong.push(`${op.operation} as ${role ?? 'no token'} ${inScope ? 'in' : 'out of'} scope: expected ${allow ? 'allow' : 'deny'}, got ${res.status} ${res.body?.code ?? ''}`);
      }
    }
    expect(wrong).toEqual([]);
  }, 600_000);
});
