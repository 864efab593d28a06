import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEventStore, type EventStore } from '@cobuild/event-store';
import { SchemaJanitor, TEST_POSTGRES_URL } from '../../../../libs/event-store/test/postgres-test-db';
import { oneCleanLine, runCli } from '../audit/testing/run-cli';

/** a 2028 arrangement as a district admin would record it (dates for the test, not the real notice) */
const y2028 = {
  holidays: ['2028-01-01', '2028-01-02', '2028-01-03', '2028-10-01', '2028-10-02', '2028-10-03', '2028-10-04', '2028-10-05', '2028-10-06', '2028-10-07'],
  makeUpWorkdays: ['2028-10-08'],
  status: 'official',
  source: '国务院办公厅关于2028年部分节假日安排的通知（test）',
};

describe('cobuild calendar show|record (CLI, PostgreSQL)', () => {
  const janitor = new SchemaJanitor();
  const schema = janitor.next('cli_calendar');
  const dir = mkdtempSync(join(tmpdir(), 'cobuild-calendar-'));
  let store: EventStore;
  beforeAll(async () => {
    store = await createEventStore({ kind: 'postgres', postgresUrl: TEST_POSTGRES_URL, schema });
  });
  afterAll(async () => {
    await store.close();
    await janitor.dropAll();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows the shipped years, records 2028 as an event, and shows the calendar in force as of a position', async () => {
    const shown = await runCli(schema, ['calendar', 'show', '--json']);
    expect(shown).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(shown.stdout).knownYears).toEqual([2026, 2027]);
    expect((await runCli(schema, ['calendar', 'show'])).stdout).toMatch(/^2027 expected +shipped .*EXPECTED, to be confirmed/m);

    const before = await store.headPosition();
    const file = join(dir, '2028.json');
    writeFileSync(file, JSON.stringify(y2028));
    const recorded = await runCli(schema, ['calendar', 'record', '2028', '--file', file]);
    expect(recorded).toMatchObject({ code: 0, stderr: '' });
    expect(recorded.stdout).toMatch(/^recorded the holiday arrangement of 2028 at log position \d+\n$/);
    expect((await runCli(schema, ['calendar', 'record', '2028', '--file', file])).stdout).toMatch(/already recorded/);

    const [event] = await store.readStream('calendar-prc');
    expect(event).toMatchObject({ type: 'HolidayArrangementRecorded', data: { year: 2028, status: 'official' }, metadata: { actor: { role: 'system' } } });

    const now = JSON.parse((await runCli(schema, ['calendar', 'show', '--json'])).stdout);
    expect(now.knownYears).toEqual([2026, 2027, 2028]);
    expect(now.years[2]).toMatchObject({ year: 2028, origin: 'recorded', makeUpWorkdays: ['2028-10-08'] });
    const asOf = JSON.parse((await runCli(schema, ['calendar', 'show', '--json', '--position', String(before)])).stdout);
    expect(asOf.knownYears).toEqual([2026, 2027]);
  });

  it('refuses a bad arrangement with one line naming the rule (exit 2), and a file that is not there', async () => {
    const file = join(dir, 'weekday.json');
    writeFileSync(file, JSON.stringify({ ...y2028, holidays: ['2029-01-01'], makeUpWorkdays: ['2029-01-03'] }));
    const weekday = await runCli(schema, ['calendar', 'record', '2029', '--file', file]);
    expect(weekday.code).toBe(2);
    expect(oneCleanLine(weekday)).toBe(true);
    expect(weekday.stderr).toMatch(/CALENDAR\.MAKE_UP_NOT_WEEKEND/);

    const missing = await runCli(schema, ['calendar', 'record', '2029', '--file', join(dir, 'nope.json')]);
    expect(missing.code).toBe(2);
    expect(oneCleanLine(missing)).toBe(true);
    expect(missing.stderr).toMatch(/cannot read/);
    expect(await store.readStream('calendar-prc')).toHaveLength(1);
  });
});
