import { Module, type DynamicModule, type INestApplication } from '@nestjs/common';
import { APP_GUARD, NestFactory } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { AccountsService } from '@cobuild/auth';
import { AuthModule, BearerAuthGuard } from '../../apps/api/src/auth';
import { systemClock } from '../../apps/common/src/clock';
import { loadConfig, type AppConfig } from '../../apps/common/src/config';
import { ConfigModule } from '../../apps/common/src/config.module';
import { EventStoreModule } from '../../apps/common/src/event-store.module';

const SECRET = 'e2e-secret-'.padEnd(48, 'x');
const PASSWORD = 'correct horse battery';

/** The wiring the API uses: AuthModule beside the config and event store, the guard global. */
@Module({})
class AuthTestModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AuthTestModule,
      imports: [ConfigModule.forRoot(config), EventStoreModule, AuthModule],
      providers: [{ provide: APP_GUARD, useExisting: BearerAuthGuard }],
    };
  }
}

describe('bearer authentication (e2e)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cobuild-auth-'));
  let app: INestApplication;
  let accounts: AccountsService;
  let http: ReturnType<typeof request>;
  let wangId: string;

  beforeAll(async () => {
    const config = loadConfig({ COBUILD_DATA_DIR: dir, COBUILD_JWT_SECRET: SECRET, COBUILD_JWT_TTL_SECONDS: '900' });
    app = await NestFactory.create(AuthTestModule.forRoot(config), { logger: false });
    await app.init();
    http = request(app.getHttpServer());
    accounts = app.get(AccountsService);
    const wang = await accounts.addAccount('wang', '王丽', PASSWORD);
    wangId = wang.accountId;
    await accounts.grantRole(wangId, { role: 'community_secretary', scope: { kind: 'community', id: 'c-heping' } });
  });
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const login = (username: string, password: string) => http.post('/auth/login').send({ username, password });

  it('logs in, and the bearer token gets the principal with the account’s current grants', async () => {
    const res = await login('WANG', PASSWORD).expect(200);
    expect(res.body).toEqual({ accessToken: expect.any(String), tokenType: 'Bearer', expiresIn: 900 });
    const claims = new JwtService({ secret: SECRET }).verify(res.body.accessToken);
    expect(claims).toMatchObject({ sub: wangId, iss: 'cobuild' });
    expect(claims.exp - claims.iat).toBe(900);
    expect(claims).not.toHaveProperty('grants');
    const me = await http.get('/auth/me').set('Authorization', `Bearer ${res.body.accessToken}`).expect(200);
    expect(me.body).toEqual({
      accountId: wangId,
      username: 'wang',
      displayName: '王丽',
      grants: [{ role: 'community_secretary', scope: { kind: 'community', id: 'c-heping' } }],
      via: 'password',
    });
  });

  it('answers 401 with the same body for a wrong password and an unknown user', async () => {
    const wrong = await login('wang', 'not the password').expect(401);
    const unknown = await login('nobody', PASSWORD).expect(401);
    expect(wrong.body).toMatchObject({ code: 'AUTH.INVALID_CREDENTIALS' });
    expect(unknown.body).toEqual(wrong.body);
  });

  it('refuses a malformed login body with 400', async () => {
    await http.post('/auth/login').send({ username: 'wang' }).expect(400);
  });

  it('answers 401 without a token, with a bad one, a foreign-signed one or an expired one', async () => {
    const missing = await http.get('/auth/me').expect(401);
    expect(missing.body).toMatchObject({ code: 'AUTH.MISSING_TOKEN' });
    expect(missing.headers['www-authenticate']).toMatch(/^Bearer/);
    const bad = await http.get('/auth/me').set('Authorization', 'Bearer not.a.jwt').expect(401);
    expect(bad.body).toMatchObject({ code: 'AUTH.INVALID_TOKEN' });
    const foreign = new JwtService({ secret: 'another-secret'.padEnd(40, 'y') }).sign({ sub: wangId, iss: 'cobuild' });
    await http.get('/auth/me').set('Authorization', `Bearer ${foreign}`).expect(401);
    const expired = new JwtService({ secret: SECRET }).sign({ sub: wangId, iss: 'cobuild', exp: Math.floor(Date.now() / 1000) - 10 });
    await http.get('/auth/me').set('Authorization', `Bearer ${expired}`).expect(401);
    const otherIssuer = new JwtService({ secret: SECRET }).sign({ sub: wangId, iss: 'someone-else' }, { expiresIn: 60 });
    await http.get('/auth/me').set('Authorization', `Bearer ${otherIssuer}`).expect(401);
  });

  it('limits login attempts: the 6th in a minute for one username gets 429', async () => {
    await accounts.addAccount('zhao', '赵', PASSWORD);
    for (let i = 0; i < 5; i++) await login('zhao', `wrong password ${i}`).expect(401);
    const res = await login('ZHAO', PASSWORD).expect(429);
    expect(res.body).toMatchObject({ code: 'AUTH.TOO_MANY_ATTEMPTS' });
    // another username from the same address is not blocked by it
    await login('wang', PASSWORD).expect(200);
    // the window is a minute of the app's clock: moved past it, zhao may try again (no waiting)
    const later = new Date(Date.now() + 61_000);
    const moved = jest.spyOn(systemClock, 'now').mockReturnValue(later);
    try {
      await login('zhao', PASSWORD).expect(200);
    } finally {
      moved.mockRestore();
    }
  });

  it('stops a disabled account at once, its bearer and API tokens too, and lets it back when enabled', async () => {
    const li = await accounts.addAccount('li', '李', PASSWORD);
    const { accessToken } = (await login('li', PASSWORD).expect(200)).body;
    const { token } = await accounts.issueApiToken(li.accountId, 'sync');
    const me = (t: string) => http.get('/auth/me').set('Authorization', `Bearer ${t}`);
    expect((await me(token).expect(200)).body).toMatchObject({ username: 'li', via: 'api_token' });
    await me(accessToken).expect(200);

    await accounts.disable(li.accountId, 'left the office');
    expect((await me(accessToken).expect(401)).body).toMatchObject({ code: 'AUTH.INVALID_TOKEN' });
    await me(token).expect(401);
    await login('li', PASSWORD).expect(401);

    await accounts.enable(li.accountId);
    await me(accessToken).expect(200);
  });

  it('refuses a revoked API token', async () => {
    const portal = await accounts.addAccount('portal', '政务平台', PASSWORD);
    const { token, tokenId } = await accounts.issueApiToken(portal.accountId, 'gov');
    await http.get('/auth/me').set('Authorization', `Bearer ${token}`).expect(200);
    await accounts.revokeApiToken(portal.accountId, tokenId);
    await http.get('/auth/me').set('Authorization', `Bearer ${token}`).expect(401);
  });
});
