import { PgDriver, PgliteDriver } from '../src';
import { copyField, copyLine, type SqlDriver } from '../src/sql/sql-driver';
import { SchemaJanitor, TEST_POSTGRES_URL } from './postgres-test-db';

describe('COPY text format', () => {
  it('escapes backslash, tab, newline and carriage return, and writes null as \\N', () => {
    expect(copyField(null)).toBe('\\N');
    expect(copyField(7)).toBe('7');
    expect(copyField('plain 文字')).toBe('plain 文字');
    expect(copyField('a\\b\tc\nd\re')).toBe('a\\\\b\\tc\\nd\\re');
    expect(copyField('\\N')).toBe('\\\\N');
    expect(copyLine(['x', null, 'y\tz'])).toBe('x\t\\N\ty\\tz\n');
  });
});

const janitor = new SchemaJanitor();
afterAll(() => janitor.dropAll());

// text that would break an unescaped line: JSON escapes (backslashes), tabs and newlines inside
// strings, a literal \N, quotes, CJK, an emoji, and an empty string (not null)
const nasty = ['{"a":"line\\nbreak","b":"tab\\there","c":"back\\\\slash"}', 'raw\ttab\nnewline\r\\N', '"quoted" 共驻共建 🏘', ''];

describe.each([
  ['embedded', () => PgliteDriver.open() as Promise<SqlDriver>],
  ['PostgreSQL', async () => new PgDriver({ connectionString: TEST_POSTGRES_URL }) as SqlDriver],
])('copyIn on the %s driver', (_name, open) => {
  let driver: SqlDriver;
  let table: string;
  beforeAll(async () => {
    driver = await open();
    const schema = janitor.next('copy');
    table = `${schema}.rows`;
    await driver.exec(`CREATE SCHEMA ${schema}; CREATE TABLE ${table} (id integer PRIMARY KEY, note text, doc jsonb)`);
  });
  afterAll(() => driver.close());

  it('loads every row exactly as given, nulls included, inside the transaction', async () => {
    await driver.transaction((tx) =>
      tx.copyIn(table, ['id', 'note', 'doc'], nasty.map((note, i) => copyLine([i, note, JSON.stringify({ note, n: i })])).join('') + copyLine([99, null, '{"n":99}'])),
    );
    const rows = await driver.query<{ id: number; note: string | null; doc: { note?: string; n: number } }>(`SELECT id, note, doc FROM ${table} ORDER BY id`);
    expect(rows.map((r) => [r.id, r.note, r.doc])).toEqual([...nasty.map((note, i) => [i, note, { note, n: i }]), [99, null, { n: 99 }]]);
  });

  it('writes nothing when the transaction fails after the copy, or the copy itself fails', async () => {
    await expect(
      driver.transaction(async (tx) => {
        await tx.copyIn(table, ['id', 'note', 'doc'], copyLine([200, 'kept?', '{}']));
        throw new Error('later step failed');
      }),
    ).rejects.toThrow('later step failed');
    // a duplicate key in the middle of the data: the whole COPY fails, with the server's error
    await expect(driver.transaction((tx) => tx.copyIn(table, ['id', 'note', 'doc'], copyLine([201, 'a', '{}']) + copyLine([0, 'dup', '{}'])))).rejects.toThrow(/duplicate key/);
    await expect(driver.transaction((tx) => tx.copyIn(table, ['id', 'note', 'doc'], copyLine([202, 'bad json', '{oops'])))).rejects.toThrow(/json/i);
    const ids = (await driver.query<{ id: number }>(`SELECT id FROM ${table} WHERE id >= 200`)).map((r) => r.id);
    expect(ids).toEqual([]);
    // the connection is still usable
    await driver.transaction((tx) => tx.copyIn(table, ['id', 'note', 'doc'], copyLine([203, 'after', '{}'])));
    expect(Number((await driver.query<{ n: string }>(`SELECT count(*) AS n FROM ${table} WHERE id = 203`))[0].n)).toBe(1);
  });
});
