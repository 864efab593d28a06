import { resolve } from 'node:path';
import { z } from 'zod';
import { parseWebhookChannels, WebhookConfigError, type WebhookChannel } from '../../../libs/jobs/src/webhooks/webhook-channels';

/**
 * The engine's configuration, read from the environment and validated at start: a wrong setting
 * stops start with a message naming it (see README, Configuration).
 */
const schema = z
  .object({
    COBUILD_EVENT_STORE: z.enum(['embedded', 'postgres', 'kurrentdb']).default('embedded'),
    COBUILD_DATA_DIR: z.string().min(1).default('./data'),
    COBUILD_POSTGRES_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
    KURRENTDB_URL: z.string().regex(/^(kurrentdb|esdb|kdb|kurrent)(\+discover)?:\/\//, 'must be a kurrentdb:// or esdb:// URL').optional(),
    REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
    /** outbound webhook channels, JSON (docs/webhooks.md); validated below, never echoed */
    COBUILD_WEBHOOKS: z.string().optional(),
    COBUILD_QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, - and _ (at most 64)').default('cobuild'),
    COBUILD_EVENT_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'lower-case letters, digits and _').default('cobuild_events'),
    COBUILD_READ_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'lower-case letters, digits and _').optional(),
    COBUILD_MAX_EVENT_BYTES: z.coerce.number().int().min(1024).max(16 * 1024 * 1024).default(1024 * 1024),
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    COBUILD_TIME_ZONE: z.string().default('Asia/Shanghai'),
    COBUILD_METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    NODE_ENV: z.string().optional(),
    COBUILD_JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    COBUILD_JWT_ISSUER: z.string().min(1).max(200).default('cobuild'),
    COBUILD_JWT_TTL_SECONDS: z.coerce.number().int().min(60).max(7 * 24 * 3600).default(3600),
    COBUILD_REMINDER_DAYS: z
      .string()
      .regex(/^\s*\d{1,3}(\s*,\s*\d{1,3})*\s*$/, 'must be a comma-separated list of whole days, e.g. 7,3,1')
      .transform((v) => v.split(',').map((d) => Number(d.trim())))
      .refine((days) => days.every((d) => d >= 1 && d <= 365), 'each day must be from 1 to 365')
      .default([7, 3, 1]),
    COBUILD_REMINDER_HOUR: z.coerce.number().int().min(0).max(23).default(9),
    COBUILD_ESCALATE_AFTER_DAYS: z.coerce.number().int().min(1).max(365).default(7),
    COBUILD_ACCEPT_WITHIN_DAYS: z.coerce.number().int().min(1).max(365).default(3),
    COBUILD_RATING_REMINDER_DAYS: z.coerce.number().int().min(1).max(365).default(3),
    COBUILD_YEAR_END_REMINDER_DATE: z
      .string()
      .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'must be a month and day MM-DD, e.g. 12-01')
      .refine((v) => !Number.isNaN(Date.parse(`2025-${v}T00:00:00Z`)) && new Date(`2025-${v}T00:00:00Z`).getUTCDate() === Number(v.slice(3)), 'must be a day every year has (not 02-29, 04-31…)')
      .default('12-01'),
    COBUILD_EMBEDDED_QUEUE: z.enum(['off', 'pglite']).default('off'),
    COBUILD_HEALTH_MAX_LAG_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
    COBUILD_HEALTH_STALE_SECONDS: z.coerce.number().int().min(2).max(86_400).default(30),
    COBUILD_HEARTBEAT_SECONDS: z.coerce.number().int().min(1).max(3600).default(5),
    COBUILD_PROJECTOR_CACHE_MB: z.coerce.number().int().min(0).max(16_384).default(128),
  })
  .superRefine((c, ctx) => {
    if (c.COBUILD_EVENT_STORE === 'postgres' && !c.COBUILD_POSTGRES_URL)
      ctx.addIssue({ code: 'custom', path: ['COBUILD_POSTGRES_URL'], message: 'is required when COBUILD_EVENT_STORE=postgres' });
    if (c.COBUILD_EVENT_STORE === 'kurrentdb' && !c.KURRENTDB_URL)
      ctx.addIssue({ code: 'custom', path: ['KURRENTDB_URL'], message: 'is required when COBUILD_EVENT_STORE=kurrentdb' });
    if (c.NODE_ENV === 'production' && !c.COBUILD_JWT_SECRET)
      ctx.addIssue({ code: 'custom', path: ['COBUILD_JWT_SECRET'], message: 'is required when NODE_ENV=production' });
    if (c.COBUILD_HEARTBEAT_SECONDS >= c.COBUILD_HEALTH_STALE_SECONDS)
      ctx.addIssue({ code: 'custom', path: ['COBUILD_HEARTBEAT_SECONDS'], message: 'must be shorter than COBUILD_HEALTH_STALE_SECONDS' });
    try {
      parseWebhookChannels(c.COBUILD_WEBHOOKS);
    } catch (e) {
      if (!(e instanceof WebhookConfigError)) throw e;
      for (const problem of e.problems) ctx.addIssue({ code: 'custom', path: ['COBUILD_WEBHOOKS'], message: problem });
    }
    try {
      new Intl.DateTimeFormat('en', { timeZone: c.COBUILD_TIME_ZONE });
    } catch {
      ctx.addIssue({ code: 'custom', path: ['COBUILD_TIME_ZONE'], message: 'is not an IANA time zone' });
    }
  });

export interface AppConfig {
  eventStore: {
    kind: 'embedded' | 'postgres' | 'kurrentdb';
    dataDir: string;
    postgresUrl?: string;
    kurrentdbUrl?: string;
    schema: string;
    maxEventBytes: number;
  };
  redisUrl?: string;
  /** outbound webhook channels (COBUILD_WEBHOOKS); their secrets are never logged */
  webhooks: WebhookChannel[];
  /** the Redis key prefix of the BullMQ queues (worker and API must agree) */
  queuePrefix: string;
  /** SQL schema of the read models (default: the event schema + `_read`) */
  readSchema: string;
  host: string;
  port: number;
  timeZone: string;
  /** bearer token Prometheus must send to /metrics; unset: only loopback callers */
  metricsToken?: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** reminder schedule (COBUILD_REMINDER_DAYS, _HOUR, COBUILD_ESCALATE_AFTER_DAYS, COBUILD_ACCEPT_WITHIN_DAYS, COBUILD_RATING_REMINDER_DAYS, COBUILD_YEAR_END_REMINDER_DATE) */
  jobs: { reminderDays: number[]; reminderHour: number; escalateAfterDays: number; acceptWithinDays: number; ratingReminderDays: number; yearEndReminderDate: string };
  /** without REDIS_URL: `pglite` runs the queues on BullMQ's PostgreSQL backend over an embedded PGlite (COBUILD_EMBEDDED_QUEUE) */
  embeddedQueue: 'off' | 'pglite';
  /**
   * when /health turns `degraded`: the projector's oldest unapplied event older than
   * `maxLagSeconds` (COBUILD_HEALTH_MAX_LAG_SECONDS), no worker heartbeat younger than
   * `staleSeconds` (COBUILD_HEALTH_STALE_SECONDS) from the worker, or from the projector; the
   * worker and the projector beat every `heartbeatSeconds` (COBUILD_HEARTBEAT_SECONDS)
   */
  health: { maxLagSeconds: number; staleSeconds: number; heartbeatSeconds: number };
  /** the projector's document cache bound, in Mi characters of JSON (COBUILD_PROJECTOR_CACHE_MB; 0: no cache) */
  projectorCacheMiChars: number;
  auth: {
    /** HS256 signing secret of bearer tokens; null: a random per-process secret (tokens die with the process) */
    jwtSecret: string | null;
    jwtIssuer: string;
    jwtTtlSeconds: number;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export const APP_CONFIG = Symbol('APP_CONFIG');

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const blankAsUnset = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = schema.safeParse(blankAsUnset);
  if (!parsed.success)
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'} ${i.message}`));
  const c = parsed.data;
  return {
    eventStore: {
      kind: c.COBUILD_EVENT_STORE,
      dataDir: resolve(c.COBUILD_DATA_DIR),
      postgresUrl: c.COBUILD_POSTGRES_URL,
      kurrentdbUrl: c.KURRENTDB_URL,
      schema: c.COBUILD_EVENT_SCHEMA,
      maxEventBytes: c.COBUILD_MAX_EVENT_BYTES,
    },
    redisUrl: c.REDIS_URL,
    queuePrefix: c.COBUILD_QUEUE_PREFIX,
    webhooks: parseWebhookChannels(c.COBUILD_WEBHOOKS),
    readSchema: c.COBUILD_READ_SCHEMA ?? `${c.COBUILD_EVENT_SCHEMA}_read`,
    host: c.HOST,
    port: c.PORT,
    timeZone: c.COBUILD_TIME_ZONE,
    metricsToken: c.COBUILD_METRICS_TOKEN,
    logLevel: c.LOG_LEVEL,
    jobs: {
      reminderDays: c.COBUILD_REMINDER_DAYS,
      reminderHour: c.COBUILD_REMINDER_HOUR,
      escalateAfterDays: c.COBUILD_ESCALATE_AFTER_DAYS,
      acceptWithinDays: c.COBUILD_ACCEPT_WITHIN_DAYS,
      ratingReminderDays: c.COBUILD_RATING_REMINDER_DAYS,
      yearEndReminderDate: c.COBUILD_YEAR_END_REMINDER_DATE,
    },
    embeddedQueue: c.COBUILD_EMBEDDED_QUEUE,
    health: { maxLagSeconds: c.COBUILD_HEALTH_MAX_LAG_SECONDS, staleSeconds: c.COBUILD_HEALTH_STALE_SECONDS, heartbeatSeconds: c.COBUILD_HEARTBEAT_SECONDS },
    projectorCacheMiChars: c.COBUILD_PROJECTOR_CACHE_MB,
    auth: { jwtSecret: c.COBUILD_JWT_SECRET ?? null, jwtIssuer: c.COBUILD_JWT_ISSUER, jwtTtlSeconds: c.COBUILD_JWT_TTL_SECONDS },
  };
}
