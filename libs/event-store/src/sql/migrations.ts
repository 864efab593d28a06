import type { SqlDriver } from './sql-driver';

/**
 * Versioned schema migrations for the SQL event store, applied in order on start and recorded in
 * `<schema>.schema_migrations`. Append new migrations; never edit an applied one.
 * PostgreSQL: a transaction-scoped advisory lock makes concurrent starts apply each once.
 */
export interface Migration {
  version: number;
  name: string;
  sql(schema: string): string;
}

export const EVENT_STORE_MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'events, streams, log head and the append function',
    sql: (s) => `
CREATE TABLE ${s}.streams (
  stream_id  text PRIMARY KEY,
  category   text NOT NULL,
  revision   bigint NOT NULL,
  last_hash  text NOT NULL
);

-- one row: the last assigned global position. Taking it row-locks until commit, so positions are
-- handed out in commit order and become visible in order (no late-committing gaps for readers).
CREATE TABLE ${s}.log_head (
  id        boolean PRIMARY KEY DEFAULT true CHECK (id),
  position  bigint NOT NULL
);
INSERT INTO ${s}.log_head VALUES (true, 0);

CREATE TABLE ${s}.events (
  position        bigint PRIMARY KEY,
  stream_id       text NOT NULL,
  revision        bigint NOT NULL,
  event_id        uuid NOT NULL UNIQUE,
  type            text NOT NULL,
  schema_version  integer NOT NULL,
  data            jsonb NOT NULL,
  metadata        jsonb NOT NULL,
  category        text NOT NULL,
  community_id    text,
  recorded_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
  prev_hash       text,
  hash            text NOT NULL,
  UNIQUE (stream_id, revision)
);
CREATE INDEX events_category_position ON ${s}.events (category, position);
CREATE INDEX events_community_position ON ${s}.events (community_id, position) WHERE community_id IS NOT NULL;

-- p_expected: -1 any, -2 no stream, -3 stream exists, >= 0 exact revision.
-- p_events: [{id, type, schemaVersion, data, metadata, digest}]
-- Errors: SQLSTATE CB001 wrong expected revision (DETAIL = current revision, -1 = none),
--         CB002 some ids exist already (DETAIL = those ids).
CREATE FUNCTION ${s}.append_events(p_stream text, p_category text, p_expected bigint, p_events jsonb)
RETURNS TABLE (out_position bigint, out_revision bigint, out_hash text, out_idempotent boolean)
LANGUAGE plpgsql AS $fn$
DECLARE
  v_n        integer := jsonb_array_length(p_events);
  v_ids      uuid[];
  v_rev      bigint;
  v_hash     text;
  v_prev     text;
  v_mine     integer;
  v_all      integer;
  v_first    bigint;
  v_last     bigint;
  e          jsonb;
  i          integer;
BEGIN
  SELECT array_agg((x->>'id')::uuid) INTO v_ids FROM jsonb_array_elements(p_events) x;

  SELECT revision, last_hash INTO v_rev, v_hash FROM ${s}.streams WHERE stream_id = p_stream FOR UPDATE;
  IF NOT FOUND THEN
    INSERT INTO ${s}.streams (stream_id, category, revision, last_hash)
      VALUES (p_stream, p_category, -1, '') ON CONFLICT (stream_id) DO NOTHING;
    SELECT revision, last_hash INTO v_rev, v_hash FROM ${s}.streams WHERE stream_id = p_stream FOR UPDATE;
  END IF;

  -- idempotent retry: every id is already in this stream -> return the originals, write nothing
  SELECT count(*) FILTER (WHERE stream_id = p_stream), count(*) INTO v_mine, v_all
    FROM ${s}.events WHERE event_id = ANY (v_ids);
  IF v_all > 0 THEN
    IF v_mine = v_n THEN
      RETURN QUERY SELECT ev.position, ev.revision, ev.hash, true
        FROM ${s}.events ev WHERE ev.event_id = ANY (v_ids) ORDER BY ev.revision;
      RETURN;
    END IF;
    RAISE EXCEPTION USING ERRCODE = 'CB002', MESSAGE = 'event id already recorded',
      DETAIL = (SELECT string_agg(event_id::text, ',') FROM ${s}.events WHERE event_id = ANY (v_ids));
  END IF;

  IF (p_expected = -2 AND v_rev <> -1) OR (p_expected = -3 AND v_rev = -1)
     OR (p_expected >= 0 AND v_rev <> p_expected) THEN
    RAISE EXCEPTION USING ERRCODE = 'CB001', MESSAGE = 'wrong expected revision', DETAIL = v_rev::text;
  END IF;

  UPDATE ${s}.log_head SET position = position + v_n RETURNING position INTO v_last;
  v_first := v_last - v_n + 1;

  FOR i IN 0 .. v_n - 1 LOOP
    e := p_events -> i;
    v_prev := v_hash;
    v_hash := encode(sha256(convert_to(
      v_prev || E'\\n' || p_stream || E'\\n' || (v_rev + 1 + i)::text || E'\\n' || (e->>'digest'), 'UTF8')), 'hex');
    INSERT INTO ${s}.events (position, stream_id, revision, event_id, type, schema_version, data, metadata,
                             category, community_id, prev_hash, hash)
    VALUES (v_first + i, p_stream, v_rev + 1 + i, (e->>'id')::uuid, e->>'type', (e->>'schemaVersion')::integer,
            e->'data', e->'metadata', p_category, e->'metadata'->>'communityId', NULLIF(v_prev, ''), v_hash);
    out_position := v_first + i; out_revision := v_rev + 1 + i; out_hash := v_hash; out_idempotent := false;
    RETURN NEXT;
  END LOOP;

  UPDATE ${s}.streams SET revision = v_rev + v_n, last_hash = v_hash WHERE stream_id = p_stream;
  PERFORM pg_notify('${s}_events', v_last::text);
END
$fn$;
`,
  },
];

export async function migrate(driver: SqlDriver, schema: string, migrations = EVENT_STORE_MIGRATIONS): Promise<number[]> {
  return driver.transaction(async (tx) => {
    const q = tx.query;
    // serialise concurrent starts (PGlite is single-connection already)
    if (driver.kind === 'postgres') await q(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`cobuild-migrate:${schema}`]);
    await tx.exec(`CREATE SCHEMA IF NOT EXISTS ${schema};
      CREATE TABLE IF NOT EXISTS ${schema}.schema_migrations (
        version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Set(
      (await q<{ version: number }>(`SELECT version FROM ${schema}.schema_migrations`)).map((r) => Number(r.version)),
    );
    const applied: number[] = [];
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(m.version)) continue;
      await tx.exec(m.sql(schema));
      await q(`INSERT INTO ${schema}.schema_migrations (version, name) VALUES ($1, $2)`, [m.version, m.name]);
      applied.push(m.version);
    }
    return applied;
  });
}
