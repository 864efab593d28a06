import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { holidayCalendar } from '@cobuild/domain';
import { SHIPPED_ARRANGEMENTS } from '../../../../libs/domain/src/calendar';
import { CommandHandler } from '../../../common/src/commands/command-handler';
import { holidayCalendarInForce } from '../../../common/src/holiday-calendar';
import { withStore } from '../audit/with-store';
import { UsageError } from '../usage-error';
import { cliOperator } from '../users/accounts-context';

const wholeNumber = (name: string) => (v: string) => {
  if (!/^\d{1,15}$/.test(v)) throw new UsageError(`${name} must be a whole number; got "${v}"`);
  return Number(v);
};

function readArrangement(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${file} is not JSON: ${(e as Error).message}`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new UsageError(`${file} must hold one object {holidays, makeUpWorkdays, status, source}`);
  return parsed as Record<string, unknown>;
}

/** `cobuild calendar show|record`: the holiday calendar in force, and recording a year's arrangement as an event. */
export function registerCalendarCommands(program: Command): void {
  const calendar = program.command('calendar').description('the holiday calendar (State Council holidays and make-up working days) working days are counted by');

  calendar
    .command('show')
    .description('each known year: official or expected, shipped with the engine or recorded as an event')
    .option('--position <n>', 'the calendar in force at this log position (as of)', wholeNumber('--position'))
    .option('--json', 'print JSON')
    .action(async (opts: { position?: number; json?: boolean }) => {
      const c = await withStore((store) => holidayCalendarInForce(store, { position: opts.position }));
      const years = c.arrangements.map((a) => ({ ...a, origin: SHIPPED_ARRANGEMENTS.includes(a) ? 'shipped' : 'recorded' }));
      if (opts.json) process.stdout.write(`${JSON.stringify({ knownYears: c.years, years }, null, 2)}\n`);
      else
        for (const y of years)
          process.stdout.write(`${y.year} ${y.status.padEnd(8)} ${y.origin.padEnd(8)} ${y.holidays.length} holidays, ${y.makeUpWorkdays.length} make-up working days — ${y.source}\n`);
    });

  calendar
    .command('record')
    .argument('<year>', 'the year of the arrangement', wholeNumber('year'))
    .requiredOption('--file <path>', 'JSON {holidays: [YYYY-MM-DD], makeUpWorkdays: [YYYY-MM-DD], status: official|expected, source}; - for stdin')
    .description("record a year's holiday arrangement (国务院办公厅关于<year>年部分节假日安排的通知) as an event; it replaces the shipped data of that year")
    .action(async (year: number, opts: { file: string }) => {
      const a = readArrangement(opts.file);
      const result = await withStore((store) =>
        new CommandHandler(store).handle(
          holidayCalendar.decider,
          holidayCalendar.streamName(),
          { type: 'RecordHolidayArrangement', data: { ...(a as object), year } as holidayCalendar.RecordHolidayArrangement['data'] },
          { actor: cliOperator(), now: new Date(), correlationId: randomUUID() },
          { communityId: () => null },
        ),
      );
      process.stdout.write(result.events.length ? `recorded the holiday arrangement of ${year} at log position ${result.position}\n` : `the holiday arrangement of ${year} is already recorded as given\n`);
    });
}
