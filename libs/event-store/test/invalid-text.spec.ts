import { Pool } from 'pg';
import { InvalidAppendError } from '../src/errors';
import { mapSqlError } from '../src/sql/sql-event-store';
import { TEST_POSTGRES_URL } from './postgres-test-db';

/**
 * The last line of defence: text PostgreSQL itself refuses (validation stops NUL and lone
 * surrogates before SQL) is bad input — STORE.INVALID_INPUT, a 400 — not a server failure.
 */
describe('PostgreSQL refusing text is invalid input', () => {
  const pool = new Pool({ connectionString: TEST_POSTGRES_URL, max: 1 });
  afterAll(() => pool.end());

  it.each([
    ['a NUL escape in jsonb', `select '{"s":"a\\u0000b"}'::jsonb`],
    ['a lone high surrogate in jsonb', `select '{"s":"\\ud800"}'::jsonb`],
    ['a lone low surrogate in jsonb', `select '{"s":"\\udc00"}'::jsonb`],
  ])('%s', async (_what, sql) => {
    const error = await pool.query(sql).then(() => null, (e: unknown) => e);
    expect(error).not.toBeNull();
    const mapped = mapSqlError(error);
    expect(mapped).toBeInstanceOf(InvalidAppendError);
    expect((mapped as InvalidAppendError).code).toBe('STORE.INVALID_INPUT');
  });
});
