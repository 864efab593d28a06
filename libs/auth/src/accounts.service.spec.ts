import { createEventStore, type EventStore } from '@cobuild/event-store';
import { SchemaJanitor, TEST_POSTGRES_URL } from '../../event-store/test/postgres-test-db';
import { parseApiToken } from './api-token';
import { AccountsService } from './accounts.service';
import type { RoleGrant } from './principal';

const PASSWORD = 'correct horse battery';
const admin: RoleGrant = { role: 'district_admin', scope: { kind: 'district', id: 'd1' } };
const codeOf = async (p: Promise<unknown>) => p.then(() => 'no error', (e: { code?: string }) => e.code ?? String(e));

describe('AccountsService on the embedded store', () => {
  // one in-memory store for the suite (opening PGlite takes seconds); each test starts at the head
  let store: EventStore;
  let now: Date;
  let accounts: AccountsService;
  let start: number;
  beforeAll(async () => {
    store = await createEventStore({ kind: 'embedded' });
  });
  afterAll(() => store.close());
  beforeEach(async () => {
    now = new Date('2026-11-23T02:00:00Z');
    accounts = new AccountsService(store, () => now);
    start = await store.headPosition();
  });

  it('adds an account: a username claim, then the account, with metadata and no plaintext password', async () => {
    const a = await accounts.addAccount('Wang.Li', '王丽', PASSWORD, { id: 'cli:ops', role: 'system' });
    expect(a).toMatchObject({ username: 'Wang.Li', displayName: '王丽', status: 'active', grants: [], tokens: [] });
    const log = await store.readAll({ after: start });
    expect(log.map((e) => [e.streamId, e.type])).toEqual([
      ['username-wang.li', 'UsernameClaimed'],
      [`account-${a.accountId}`, 'AccountCreated'],
    ]);
    expect(log[1].metadata).toMatchObject({ actor: { id: 'cli:ops', role: 'system' }, communityId: null, occurredAt: now.toISOString() });
    expect(log[0].metadata.correlationId).toBe(log[1].metadata.correlationId);
    expect(JSON.stringify(log)).not.toContain(PASSWORD);
    expect((log[1].data as { passwordHash: string }).passwordHash).toMatch(/^\$argon2id\$/);
    expect(await accounts.accountIdOf('WANG.LI')).toBe(a.accountId);
  });

  it('refuses a weak password and a bad username before writing anything', async () => {
    expect(await codeOf(accounts.addAccount('wang', '王', 'short'))).toBe('ACCOUNT.WEAK_PASSWORD');
    expect(await codeOf(accounts.addAccount('w a', '王', PASSWORD))).toBe('ACCOUNT.INVALID_USERNAME');
    expect(await codeOf(accounts.addAccount('wang', ' ', PASSWORD))).toBe('ACCOUNT.DISPLAY_NAME_REQUIRED');
    expect(await store.headPosition()).toBe(start);
  });

  it('refuses a username taken in another case', async () => {
    await accounts.addAccount('zhang', '张', PASSWORD);
    expect(await codeOf(accounts.addAccount('ZHANG', '张二', PASSWORD))).toBe('ACCOUNT.ALREADY_EXISTS');
    expect((await accounts.list()).filter((a) => a.username.toLowerCase() === 'zhang')).toHaveLength(1);
  });

  it('retakes a claim whose account was never written, but only after a grace period', async () => {
    await store.append(
      'username-ghost',
      [
        {
          id: '00000000-0000-4000-8000-000000000001',
          type: 'UsernameClaimed',
          schemaVersion: 1,
          data: { username: 'ghost', accountId: 'never-written' },
          metadata: { actor: { id: 'system', role: 'system' }, communityId: null, correlationId: 'c', causationId: null, idempotencyKey: null, occurredAt: now.toISOString() },
        },
      ],
      { expectedRevision: 'no_stream' },
    );
    expect(await accounts.accountIdOf('ghost')).toBeNull();
    expect(await codeOf(accounts.addAccount('ghost', 'G', PASSWORD))).toBe('ACCOUNT.ALREADY_EXISTS');
    now = new Date(now.getTime() + 61_000);
    const g = await accounts.addAccount('ghost', 'G', PASSWORD);
    expect(await accounts.accountIdOf('ghost')).toBe(g.accountId);
  });

  it('logs in with the right password only, the same null for unknown users and disabled accounts', async () => {
    const a = await accounts.addAccount('login', '王丽', PASSWORD);
    await accounts.grantRole(a.accountId, admin);
    expect(await accounts.verifyPassword('LOGIN', PASSWORD)).toEqual({
      accountId: a.accountId,
      username: 'login',
      displayName: '王丽',
      grants: [admin],
      via: 'password',
    });
    expect(await accounts.verifyPassword('login', 'wrong password!!')).toBeNull();
    expect(await accounts.verifyPassword('nobody', PASSWORD)).toBeNull();
    expect(await accounts.verifyPassword('bad name!', PASSWORD)).toBeNull();
    await accounts.disable(a.accountId, 'left');
    expect(await accounts.verifyPassword('login', PASSWORD)).toBeNull();
    expect(await accounts.principalOf(a.accountId, 'password')).toBeNull();
    await accounts.enable(a.accountId);
    expect(await accounts.principalOf(a.accountId, 'password')).toMatchObject({ username: 'login' });
  });

  it('changes the password', async () => {
    const a = await accounts.addAccount('pw', '王丽', PASSWORD);
    await accounts.changePassword(a.accountId, 'another long passphrase');
    expect(await accounts.verifyPassword('pw', PASSWORD)).toBeNull();
    expect(await accounts.verifyPassword('pw', 'another long passphrase')).not.toBeNull();
    expect(await codeOf(accounts.changePassword(a.accountId, 'short'))).toBe('ACCOUNT.WEAK_PASSWORD');
  });

  it('grants and revokes roles, refusing a grant on the wrong scope kind', async () => {
    const a = await accounts.addAccount('roles', '王丽', PASSWORD);
    expect((await accounts.grantRole(a.accountId, admin)).grants).toEqual([admin]);
    expect(await codeOf(accounts.grantRole(a.accountId, { role: 'evaluator', scope: { kind: 'unit', id: 'u1' } }))).toBe(
      'ACCOUNT.GRANT_SCOPE_MISMATCH',
    );
    expect((await accounts.revokeRole(a.accountId, admin)).grants).toEqual([]);
  });

  it('issues an API token shown once, stores only its secret’s hash, verifies, expires and revokes it', async () => {
    const a = await accounts.addAccount('portal', '政务平台', PASSWORD);
    await accounts.grantRole(a.accountId, { role: 'auditor', scope: { kind: 'district', id: 'd1' } });
    const t = await accounts.issueApiToken(a.accountId, 'gov-portal', new Date('2026-12-01T00:00:00Z'));
    expect(t.token).toMatch(/^cbt_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$/);
    const secret = parseApiToken(t.token)!.secret;
    expect(JSON.stringify(await store.readAll({ after: start }))).not.toContain(secret);
    expect(await accounts.verifyApiToken(t.token)).toMatchObject({ accountId: a.accountId, via: 'api_token', grants: [{ role: 'auditor' }] });
    expect(await accounts.verifyApiToken(t.token.slice(0, -1) + (t.token.endsWith('A') ? 'B' : 'A'))).toBeNull();
    expect(await accounts.verifyApiToken('cbt_nonsense')).toBeNull();
    expect(await accounts.verifyApiToken(`cbt_${'0'.repeat(32)}_${secret}`)).toBeNull();

    now = new Date('2026-12-01T00:00:00Z');
    expect(await accounts.verifyApiToken(t.token)).toBeNull();
    now = new Date('2026-11-24T00:00:00Z');
    await accounts.disable(a.accountId, 'paused');
    expect(await accounts.verifyApiToken(t.token)).toBeNull();
    await accounts.enable(a.accountId);
    await accounts.revokeApiToken(a.accountId, t.tokenId);
    expect(await accounts.verifyApiToken(t.token)).toBeNull();
    expect((await accounts.get(a.accountId))!.tokens).toEqual([
      { tokenId: t.tokenId, name: 'gov-portal', expiresAt: '2026-12-01T00:00:00.000Z', revoked: true },
    ]);
  });

  it('refuses a token for a disabled account without binding its id', async () => {
    const a = await accounts.addAccount('portal2', '政务平台', PASSWORD);
    await accounts.disable(a.accountId, 'paused');
    const head = await store.headPosition();
    expect(await codeOf(accounts.issueApiToken(a.accountId, 'x'))).toBe('ACCOUNT.DISABLED');
    expect(await store.headPosition()).toBe(head);
  });

  it('lists accounts by username and finds a district admin', async () => {
    const isNew = (a: { username: string }) => ['zhao', 'li'].includes(a.username);
    const b = await accounts.addAccount('zhao', '赵', PASSWORD);
    await accounts.addAccount('li', '李', PASSWORD);
    expect((await accounts.list()).filter(isNew).map((a) => a.username)).toEqual(['li', 'zhao']);
    await accounts.grantRole(b.accountId, admin);
    expect(await accounts.hasDistrictAdmin()).toBe(true);
  });

  it('answers NOT_FOUND for an unknown username or account', async () => {
    expect(await codeOf(accounts.requireAccountId('nobody'))).toBe('ACCOUNT.NOT_FOUND');
    expect(await codeOf(accounts.disable('missing', 'x'))).toBe('ACCOUNT.NOT_FOUND');
  });
});

describe('AccountsService on PostgreSQL', () => {
  const janitor = new SchemaJanitor();
  let store: EventStore;
  beforeAll(async () => {
    store = await createEventStore({ kind: 'postgres', postgresUrl: TEST_POSTGRES_URL, schema: janitor.next('auth') });
  });
  afterAll(async () => {
    await store.close();
    await janitor.dropAll();
  });

  it('lets exactly one of many concurrent sign-ups with the same username win', async () => {
    const services = Array.from({ length: 6 }, () => new AccountsService(store));
    const results = await Promise.allSettled(services.map((s, i) => s.addAccount(i % 2 ? 'Chen' : 'chen', `陈${i}`, PASSWORD)));
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect((r.reason as { code: string }).code).toBe('ACCOUNT.ALREADY_EXISTS');
    const list = await new AccountsService(store).list();
    expect(list).toHaveLength(1);
    expect(await services[0].accountIdOf('chen')).toBe(list[0].accountId);
  });

  it('keeps both of two concurrent grants (retry on conflict)', async () => {
    const s = new AccountsService(store);
    const a = await s.addAccount('liu', '刘', PASSWORD);
    const grants: RoleGrant[] = [
      { role: 'community_staff', scope: { kind: 'community', id: 'c1' } },
      { role: 'evaluator', scope: { kind: 'community', id: 'c1' } },
      { role: 'auditor', scope: { kind: 'district', id: 'd1' } },
    ];
    await Promise.all(grants.map((g) => new AccountsService(store).grantRole(a.accountId, g)));
    expect((await s.get(a.accountId))!.grants).toHaveLength(3);
  });
});
