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
    name: 'events, log head and the append function',
    sql: (s) => `
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
-- p_careful: look for already recorded ids first (idempotent retries). Without it an existing id
--   fails the whole call with a unique violation, and the caller repeats it carefully: retries are
--   rare, so the common path saves the look-up.
-- Returns one row per append: 'ok' with its first position, last revision and last hash;
-- 'conflict' with the current revision (-1 = no stream); 'duplicate'; or, for an idempotent
-- retry, one 'idempotent' row per original event.
CREATE FUNCTION ${s}.append_batch(p_appends jsonb, p_careful boolean)
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
  v_mine     integer;
  v_all      integer;
  v_total    integer := 0;
  v_first    bigint;
  v_one      jsonb;
  v_last_stream text;
  v_last_rev    bigint;
  v_last_hash   text;      -- the append, when exactly one event is written (the common case)
  -- one entry per accepted append
  o_k        integer[] := '{}';
  o_n        integer[] := '{}';
  o_rev      bigint[] := '{}';
  o_hash     text[] := '{}';
  -- one entry per event to insert, in position order
  r_events   jsonb;      -- the accepted appends' events, concatenated
  r_stream   text[] := '{}';
  r_category text[] := '{}';
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

    IF v_stream IS DISTINCT FROM v_last_stream THEN
      -- one writer per stream at a time (held to commit; appends come sorted by stream, so two
      -- transactions always take these locks in the same order and cannot deadlock)
      PERFORM pg_advisory_xact_lock(hashtextextended(v_stream, 0));
      SELECT ev.revision, ev.hash INTO v_rev, v_hash FROM ${s}.events ev
       WHERE ev.stream_id = v_stream ORDER BY ev.revision DESC LIMIT 1;
      IF NOT FOUND THEN
        v_rev := -1;
        v_hash := '';
      END IF;
    ELSE
      -- the same stream as the previous append of this batch: its head is what that append left
      v_rev := v_last_rev;
      v_hash := v_last_hash;
    END IF;
    v_last_stream := v_stream;
    v_last_rev := v_rev;
    v_last_hash := v_hash;

    IF p_careful THEN
      -- idempotent retry: every id already in this stream -> report the originals, write nothing
      SELECT array_agg((x->>'id')::uuid) INTO v_ids FROM jsonb_array_elements(evs) x;
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
    END IF;

    IF (v_expected = -2 AND v_rev <> -1) OR (v_expected = -3 AND v_rev = -1)
       OR (v_expected >= 0 AND v_rev <> v_expected) THEN
      RETURN QUERY SELECT k, 'conflict'::text, v_rev, NULL::bigint, NULL::bigint, NULL::text;
      CONTINUE;
    END IF;

    IF (a->>'prevHash') IS NOT DISTINCT FROM v_hash AND n = 1 THEN
      -- the application's chain starts at this stream's head: take it as given
      r_prev := r_prev || NULLIF(v_hash, '');
      v_hash := evs->0->>'hash';
      r_hash := r_hash || v_hash;
      r_rev := r_rev || (v_rev + 1);
    ELSIF (a->>'prevHash') IS NOT DISTINCT FROM v_hash THEN
      -- the same for several events, in one statement
      SELECT r_hash || array_agg(q.h ORDER BY q.i), r_prev || array_agg(q.p ORDER BY q.i),
             r_rev || array_agg(v_rev + q.i ORDER BY q.i)
        INTO r_hash, r_prev, r_rev
        FROM (SELECT x.i, x.e->>'hash' AS h, lag(x.e->>'hash', 1, NULLIF(v_hash, '')) OVER (ORDER BY x.i) AS p
                FROM jsonb_array_elements(evs) WITH ORDINALITY AS x(e, i)) q;
      v_hash := r_hash[array_length(r_hash, 1)];
    ELSE
      FOR i IN 0 .. n - 1 LOOP
        r_prev := r_prev || NULLIF(v_hash, '');
        v_hash := encode(sha256(convert_to(
          v_hash || E'\\n' || v_stream || E'\\n' || (v_rev + 1 + i)::text || E'\\n' || (evs->i->>'digest'), 'UTF8')), 'hex');
        r_hash := r_hash || v_hash;
        r_rev := r_rev || (v_rev + 1 + i);
      END LOOP;
    END IF;
    v_last_rev := v_rev + n;
    v_last_hash := v_hash;
    v_one := a;
    r_events := CASE WHEN r_events IS NULL THEN evs ELSE r_events || evs END;
    r_stream := r_stream || array_fill(v_stream, ARRAY[n]);
    r_category := r_category || array_fill(a->>'category', ARRAY[n]);
    o_k := o_k || k;
    o_n := o_n || n;
    o_rev := o_rev || (v_rev + n);
    o_hash := o_hash || v_hash;
    v_total := v_total + n;
  END LOOP;

  IF v_total = 0 THEN
    RETURN;
  END IF;

  -- take the positions last: the row lock on log_head is held until commit, so positions are
  -- handed out in commit order and no reader can see a later position before an earlier one
  UPDATE ${s}.log_head SET position = position + v_total RETURNING position - v_total + 1 INTO v_first;

  IF v_total = 1 THEN
    -- one event: plain VALUES, no set expansion
    evs := v_one->'events'->0;
    INSERT INTO ${s}.events (position, stream_id, revision, event_id, type, schema_version, data, metadata,
                             category, community_id, prev_hash, hash)
    VALUES (v_first, v_one->>'stream', r_rev[1], (evs->>'id')::uuid, evs->>'type', (evs->>'schemaVersion')::integer,
            evs->'data', evs->'metadata', v_one->>'category', evs->'metadata'->>'communityId', r_prev[1], r_hash[1]);
    RETURN QUERY SELECT o_k[1], 'ok'::text, NULL::bigint, v_first, o_rev[1], o_hash[1];
    PERFORM pg_notify('${s}_events', v_first::text);
    RETURN;
  END IF;

  -- the accepted events and their computed columns, zipped position by position
  INSERT INTO ${s}.events (position, stream_id, revision, event_id, type, schema_version, data, metadata,
                           category, community_id, prev_hash, hash)
  SELECT v_first + t.ord - 1, t.stream, t.rev, (t.ev->>'id')::uuid, t.ev->>'type', (t.ev->>'schemaVersion')::integer,
         t.ev->'data', t.ev->'metadata', t.category, t.ev->'metadata'->>'communityId', t.prev, t.hash
    FROM ROWS FROM (jsonb_array_elements(r_events), unnest(r_stream), unnest(r_category), unnest(r_rev),
                    unnest(r_prev), unnest(r_hash)) WITH ORDINALITY AS t(ev, stream, category, rev, prev, hash, ord);

  RETURN QUERY SELECT o.k, 'ok'::text, NULL::bigint,
                      v_first + (sum(o.n) OVER (ORDER BY o.ord) - o.n)::bigint, o.rev, o.hash
    FROM unnest(o_k, o_n, o_rev, o_hash) WITH ORDINALITY AS o(k, n, rev, hash, ord);

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
