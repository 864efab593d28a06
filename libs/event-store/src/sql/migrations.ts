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

-- Appends a batch of independent appends (possibly to several streams) in one transaction, so
-- concurrent requests share one round trip and one commit. Each append is checked on its own and
-- writes nothing when it fails; the others go on.
-- p_appends: [{stream, category, expected, prevHash?, events: [{id, type, schemaVersion, data, metadata, digest, hash?}]}]
--   expected: -1 any, -2 no stream, -3 stream exists, >= 0 exact revision.
--   prevHash + hash: the chain computed by the application for the head it last saw; used only
--   when prevHash is the stream's current last hash, otherwise the chain is computed here.
-- Returns one row per event written or found (status 'ok' / 'idempotent') and one row per failed
-- append (status 'conflict' with the current revision, -1 = no stream; or 'duplicate').
CREATE FUNCTION ${s}.append_batch(p_appends jsonb)
RETURNS TABLE (idx integer, status text, current_revision bigint, out_position bigint, out_revision bigint, out_hash text)
LANGUAGE plpgsql AS $fn$
DECLARE
  a          jsonb;
  evs        jsonb;
  k          integer;
  i          integer;
  n          integer;
  v_stream   text;
  v_expected bigint;
  v_ids      uuid[];
  v_rev      bigint;
  v_hash     text;
  v_given    boolean;
  v_mine     integer;
  v_all      integer;
  v_total    integer := 0;
  v_first    bigint;
  -- one entry per event to insert, in position order
  r_k        integer[] := '{}';
  r_i        integer[] := '{}';
  r_rev      bigint[] := '{}';
  r_prev     text[] := '{}';
  r_hash     text[] := '{}';
BEGIN
  FOR k IN 0 .. jsonb_array_length(p_appends) - 1 LOOP
    a := p_appends -> k;
    evs := a -> 'events';
    v_stream := a->>'stream';
    v_expected := (a->>'expected')::bigint;
    n := jsonb_array_length(evs);
    SELECT array_agg((x->>'id')::uuid) INTO v_ids FROM jsonb_array_elements(evs) x;

    SELECT st.revision, st.last_hash INTO v_rev, v_hash FROM ${s}.streams st WHERE st.stream_id = v_stream FOR UPDATE;
    IF NOT FOUND THEN
      INSERT INTO ${s}.streams (stream_id, category, revision, last_hash)
        VALUES (v_stream, a->>'category', -1, '') ON CONFLICT (stream_id) DO NOTHING;
      SELECT st.revision, st.last_hash INTO v_rev, v_hash FROM ${s}.streams st WHERE st.stream_id = v_stream FOR UPDATE;
    END IF;

    -- idempotent retry: every id already in this stream -> report the originals, write nothing
    SELECT count(*) FILTER (WHERE ev.stream_id = v_stream), count(*) INTO v_mine, v_all
      FROM ${s}.events ev WHERE ev.event_id = ANY (v_ids);
    IF v_all > 0 THEN
      IF v_mine = n THEN
        RETURN QUERY SELECT k, 'idempotent'::text, v_rev, ev.position, ev.revision, ev.hash
          FROM ${s}.events ev WHERE ev.event_id = ANY (v_ids) ORDER BY ev.revision;
      ELSE
        RETURN QUERY SELECT k, 'duplicate'::text, v_rev, NULL::bigint, NULL::bigint, NULL::text;
      END IF;
      CONTINUE;
    END IF;

    IF (v_expected = -2 AND v_rev <> -1) OR (v_expected = -3 AND v_rev = -1)
       OR (v_expected >= 0 AND v_rev <> v_expected) THEN
      RETURN QUERY SELECT k, 'conflict'::text, v_rev, NULL::bigint, NULL::bigint, NULL::text;
      CONTINUE;
    END IF;

    v_given := (a->>'prevHash') IS NOT DISTINCT FROM v_hash;
    FOR i IN 0 .. n - 1 LOOP
      r_k := r_k || k;
      r_i := r_i || i;
      r_rev := r_rev || (v_rev + 1 + i);
      r_prev := r_prev || NULLIF(v_hash, '');
      IF v_given THEN
        v_hash := evs->i->>'hash';
      ELSE
        v_hash := encode(sha256(convert_to(
          v_hash || E'\\n' || v_stream || E'\\n' || (v_rev + 1 + i)::text || E'\\n' || (evs->i->>'digest'), 'UTF8')), 'hex');
      END IF;
      r_hash := r_hash || v_hash;
    END LOOP;
    UPDATE ${s}.streams SET revision = v_rev + n, last_hash = v_hash WHERE stream_id = v_stream;
    v_total := v_total + n;
  END LOOP;

  IF v_total = 0 THEN
    RETURN;
  END IF;

  -- take the positions last: the row lock on log_head is held until commit, so positions are
  -- handed out in commit order and no reader can see a later position before an earlier one
  UPDATE ${s}.log_head SET position = position + v_total RETURNING position - v_total + 1 INTO v_first;

  INSERT INTO ${s}.events (position, stream_id, revision, event_id, type, schema_version, data, metadata,
                           category, community_id, prev_hash, hash)
  SELECT v_first + t.ord - 1, p_appends->t.k->>'stream', t.rev, (e.ev->>'id')::uuid, e.ev->>'type',
         (e.ev->>'schemaVersion')::integer, e.ev->'data', e.ev->'metadata', p_appends->t.k->>'category',
         e.ev->'metadata'->>'communityId', t.prev, t.hash
    FROM unnest(r_k, r_i, r_rev, r_prev, r_hash) WITH ORDINALITY AS t(k, i, rev, prev, hash, ord)
    CROSS JOIN LATERAL (SELECT p_appends->t.k->'events'->t.i AS ev) e;

  RETURN QUERY SELECT t.k, 'ok'::text, NULL::bigint, v_first + t.ord - 1, t.rev, t.hash
    FROM unnest(r_k, r_rev, r_hash) WITH ORDINALITY AS t(k, rev, hash, ord);

  PERFORM pg_notify('${s}_events', (v_first + v_total - 1)::text);
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
