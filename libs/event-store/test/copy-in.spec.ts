import { PgDriver, PgliteDriver } from '../src';
import { CopyRows, escapeCopy } from '../src/sql/copy-rows';
import type { SqlDriver } from '../src/sql/sql-driver';
import { SchemaJanitor, TEST_POSTGRES_URL } from './postgres-test-db';

describe('COPY text format', () => {
  it('escapes backslash, tab, newline and carriage return, and writes null as \\N', () => {
    expect(escapeCopy('plain 文字')).toBe('plain 文字');
    expect(escapeCopy('a\\b\tc\nd\re')).toBe('a\\\\b\\tc\\nd\\re');
    expect(escapeCopy('\\N')).toBe('\\\\N');
    expect(new CopyRows().row('x', null, 'y\tz', 7).row('共驻共建').toString()).toBe('x\t\\N\ty\\tz\t7\n共驻共建\n');
  });

  it('writes JSON.stringify output with only its backslashes doubled (it holds no raw control character)', () => {
    const json = JSON.stringify({ t: 'tab\there\nline "q" \\ 共' });
    expect(json).not.toMatch(/[\t\n\r]/);
    expect(new CopyRows().field('k').json(json).end().toString()).toBe(`k\t${escapeCopy(json)}\n`);
    expect(new CopyRows().json('{"a":1}').end().toString()).toBe('{"a":1}\n');
  });

  it('writes a row with jsonRow exactly as field by field, then json()', () => {
    const json = JSON.stringify({ t: 'a\\b\t共', n: null });
    const values = ['needs-list', 3, 'k\t1', null, 'listed', '0', '00042'] as const;
    const byField = values.reduce((rows, v) => rows.field(v), new CopyRows()).json(json).end();
    expect(new CopyRows(8).jsonRow(values, json).jsonRow(values, '{}').toString()).toBe(`${byField.toString()}${byField.toString().replace(escapeCopy(json), '{}')}`);
    expect(() => new CopyRows().field('x').jsonRow([], '{}')).toThrow(/end\(\) it first/);
  });

  it('starts a new buffer when a value does not fit, keeping every byte in order', () => {
    const rows = new CopyRows(16);
    const long = '长'.repeat(40);
    rows.row('a', long).row(long, 'b');
    expect(rows.buffers().length).toBeGreaterThan(1);
    expect(rows.rows).toBe(2);
    expect(rows.toString()).toBe(`a\t${long}\n${long}\tb\n`);
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
    await driver.exec(`CREATE SCHEMA ${schema}; CREATE TABLE ${table} (id integer PRIMARY KEY, note text, doc jsonb, text_doc json)`);
  });
  afterAll(() => driver.close());

  it('loads every row exactly as given, nulls included, inside the transaction', async () => {
    await driver.transaction((tx) =>
      tx.copyIn(table, ['id', 'note', 'doc'], nasty.reduce((rows, note, i) => rows.row(i, note, JSON.stringify({ note, n: i })), new CopyRows(64)).row(99, null, '{"n":99}').buffers()),
    );
    const rows = await driver.query<{ id: number; note: string | null; doc: { note?: string; n: number } }>(`SELECT id, note, doc FROM ${table} ORDER BY id`);
    expect(rows.map((r) => [r.id, r.note, r.doc])).toEqual([...nasty.map((note, i) => [i, note, { note, n: i }]), [99, null, { n: 99 }]]);
  });

  it('keeps JSON written with json() byte for byte in a json column', async () => {
    const docs = nasty.map((note, i) => JSON.stringify({ note, i, nested: { back: '\\', quote: '"' } }));
    await driver.transaction((tx) => tx.copyIn(table, ['id', 'text_doc'], docs.reduce((rows, d, i) => rows.field(300 + i).json(d).end(), new CopyRows(32)).buffers()));
    const rows = await driver.query<{ t: string }>(`SELECT text_doc::text AS t FROM ${table} WHERE id >= 300 AND id < 400 ORDER BY id`);
    expect(rows.map((r) => r.t)).toEqual(docs);
  });

  it('writes nothing when the transaction fails after the copy, or the copy itself fails', async () => {
    await expect(
      driver.transaction(async (tx) => {
        await tx.copyIn(table, ['id', 'note', 'doc'], new CopyRows().row(200, 'kept?', '{}').buffers());
        throw new Error('later step failed');
      }),
    ).rejects.toThrow('later step failed');
    // a duplicate key in the middle of the data: the whole COPY fails, with the server's error
    await expect(driver.transaction((tx) => tx.copyIn(table, ['id', 'note', 'doc'], new CopyRows().row(201, 'a', '{}').row(0, 'dup', '{}').buffers()))).rejects.toThrow(/duplicate key/);
    await expect(driver.transaction((tx) => tx.copyIn(table, ['id', 'note', 'doc'], new CopyRows().row(202, 'bad json', '{oops').toString()))).rejects.toThrow(/json/i);
    const ids = (await driver.query<{ id: number }>(`SELECT id FROM ${table} WHERE id BETWEEN 200 AND 299`)).map((r) => r.id);
    expect(ids).toEqual([]);
    // the connection is still usable
    await driver.transaction((tx) => tx.copyIn(table, ['id', 'note', 'doc'], new CopyRows().row(203, 'after', '{}').buffers()));
    expect(Number((await driver.query<{ n: string }>(`SELECT count(*) AS n FROM ${table} WHERE id = 203`))[0].n)).toBe(1);
  });
});
