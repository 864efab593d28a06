import { ConfigError, loadConfig } from './config';

describe('configuration', () => {
  it('defaults to the embedded store in ./data, no Redis, port 3000, Asia/Shanghai', () => {
    const c = loadConfig({});
    expect(c.eventStore).toMatchObject({ kind: 'embedded', schema: 'cobuild_events', maxEventBytes: 1048576 });
    expect(c.eventStore.dataDir).toMatch(/\/data$/);
    expect(c).toMatchObject({ port: 3000, host: '127.0.0.1', timeZone: 'Asia/Shanghai', redisUrl: undefined });
  });

  it('reads the PostgreSQL, KurrentDB and Redis settings', () => {
    const c = loadConfig({
      COBUILD_EVENT_STORE: 'postgres',
      COBUILD_POSTGRES_URL: 'postgres://u@db:5432/cobuild',
      REDIS_URL: 'redis://cache:6379',
      PORT: '8080',
    });
    expect(c.eventStore).toMatchObject({ kind: 'postgres', postgresUrl: 'postgres://u@db:5432/cobuild' });
    expect(c).toMatchObject({ redisUrl: 'redis://cache:6379', port: 8080 });
    expect(loadConfig({ COBUILD_EVENT_STORE: 'kurrentdb', KURRENTDB_URL: 'kurrentdb://es:2113?tls=false' }).eventStore.kurrentdbUrl).toBe(
      'kurrentdb://es:2113?tls=false',
    );
  });

  it('reads the rating and year-end reminder settings, refusing a date not every year has', () => {
    expect(loadConfig({}).jobs).toMatchObject({ ratingReminderDays: 3, yearEndReminderDate: '12-01' });
    expect(loadConfig({ COBUILD_RATING_REMINDER_DAYS: '5', COBUILD_YEAR_END_REMINDER_DATE: '11-15' }).jobs).toMatchObject({ ratingReminderDays: 5, yearEndReminderDate: '11-15' });
    expect(() => loadConfig({ COBUILD_YEAR_END_REMINDER_DATE: '02-29' })).toThrow(/COBUILD_YEAR_END_REMINDER_DATE/);
    expect(() => loadConfig({ COBUILD_YEAR_END_REMINDER_DATE: '1 Dec' })).toThrow(/MM-DD/);
    expect(() => loadConfig({ COBUILD_RATING_REMINDER_DAYS: '0' })).toThrow(/COBUILD_RATING_REMINDER_DAYS/);
  });

  it('reads the health thresholds, the heartbeat period and the projector cache bound; a heartbeat not shorter than the stale threshold is refused', () => {
    expect(loadConfig({})).toMatchObject({ health: { maxLagSeconds: 60, staleSeconds: 30, heartbeatSeconds: 5 }, projectorCacheMiChars: 128 });
    expect(
      loadConfig({ COBUILD_HEALTH_MAX_LAG_SECONDS: '5', COBUILD_HEALTH_STALE_SECONDS: '10', COBUILD_HEARTBEAT_SECONDS: '2', COBUILD_PROJECTOR_CACHE_MB: '0' }),
    ).toMatchObject({ health: { maxLagSeconds: 5, staleSeconds: 10, heartbeatSeconds: 2 }, projectorCacheMiChars: 0 });
    expect(() => loadConfig({ COBUILD_HEARTBEAT_SECONDS: '30' })).toThrow(/COBUILD_HEARTBEAT_SECONDS must be shorter than COBUILD_HEALTH_STALE_SECONDS/);
    expect(() => loadConfig({ COBUILD_HEALTH_MAX_LAG_SECONDS: '0' })).toThrow(/COBUILD_HEALTH_MAX_LAG_SECONDS/);
    expect(() => loadConfig({ COBUILD_PROJECTOR_CACHE_MB: '-1' })).toThrow(/COBUILD_PROJECTOR_CACHE_MB/);
  });

  it('reads the bearer-token settings; no secret by default (a random one per process, never a fixed default)', () => {
    expect(loadConfig({}).auth).toEqual({ jwtSecret: null, jwtIssuer: 'cobuild', jwtTtlSeconds: 3600 });
    const secret = 'x'.repeat(40);
    expect(
      loadConfig({ NODE_ENV: 'production', COBUILD_JWT_SECRET: secret, COBUILD_JWT_ISSUER: 'cobuild.example.org', COBUILD_JWT_TTL_SECONDS: '900' }).auth,
    ).toEqual({ jwtSecret: secret, jwtIssuer: 'cobuild.example.org', jwtTtlSeconds: 900 });
  });

  it.each([
    [{ COBUILD_EVENT_STORE: 'mysql' }, 'COBUILD_EVENT_STORE'],
    [{ COBUILD_EVENT_STORE: 'postgres' }, 'COBUILD_POSTGRES_URL is required when COBUILD_EVENT_STORE=postgres'],
    [{ COBUILD_EVENT_STORE: 'kurrentdb' }, 'KURRENTDB_URL is required'],
    [{ COBUILD_POSTGRES_URL: 'mysql://x' }, 'COBUILD_POSTGRES_URL'],
    [{ REDIS_URL: 'localhost:6379' }, 'REDIS_URL'],
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ COBUILD_TIME_ZONE: 'Mars/Olympus' }, 'COBUILD_TIME_ZONE is not an IANA time zone'],
    [{ COBUILD_EVENT_SCHEMA: 'Drop Table' }, 'COBUILD_EVENT_SCHEMA'],
    [{ NODE_ENV: 'production' }, 'COBUILD_JWT_SECRET is required when NODE_ENV=production'],
    [{ COBUILD_JWT_SECRET: 'short' }, 'COBUILD_JWT_SECRET must be at least 32 characters'],
    [{ COBUILD_JWT_TTL_SECONDS: '10' }, 'COBUILD_JWT_TTL_SECONDS'],
    [{ COBUILD_WEBHOOKS: '[{"id":"board"}]' }, 'COBUILD_WEBHOOKS [0].url'],
    [{ COBUILD_WEBHOOKS: '{' }, 'COBUILD_WEBHOOKS is not valid JSON'],
    [{ COBUILD_QUEUE_PREFIX: 'a b' }, 'COBUILD_QUEUE_PREFIX'],
  ])('rejects %j naming the setting', (env, expected) => {
    let err: unknown;
    try {
      loadConfig(env as NodeJS.ProcessEnv);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toContain(expected);
  });

  it('reads webhook channels and never puts a secret in an error', () => {
    const secret = 'the-secret-the-secret';
    const channel = { id: 'board', url: 'https://board.example/hook', secret, topics: ['notice'] };
    expect(loadConfig({ COBUILD_WEBHOOKS: JSON.stringify([channel]) }).webhooks).toEqual([{ ...channel, communities: null, superiorDepartments: [] }]);
    expect(loadConfig({}).webhooks).toEqual([]);
    let err: unknown;
    try {
      loadConfig({ COBUILD_WEBHOOKS: JSON.stringify([{ ...channel, url: 'nope' }]) });
    } catch (e) {
      err = e;
    }
    expect((err as Error).message).toContain('COBUILD_WEBHOOKS [0].url');
    expect((err as Error).message).not.toContain(secret);
  });
});
