import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import { listsAsOf, requireKnownCommunity, resolveMoment, type ResolvedMoment, type ThreeLists } from '@cobuild/audit';
import type { EventStore } from '@cobuild/event-store';
import { loadConfig } from '../../../common/src/config';
import { UsageError } from '../usage-error';
import { atOrPosition, communityOption } from './community-option';
import { listRows, renderTables, writeCsv } from './list-rows';
import { openOut } from './out-file';
import { withStore } from './with-store';

const FORMATS = ['table', 'json', 'csv'] as const;
export type ListsFormat = (typeof FORMATS)[number];

export interface ListsOptions {
  community?: string;
  at?: string;
  position?: string;
  format?: string;
  out?: string;
}

/**
 * the community's three lists at the moment the options name (validated first, then read): the
 * document the API's as-of lists and a public notice at that position answer (`listsAsOf`), with
 * the digest of the events it is folded from
 */
export async function listsForOptions(store: EventStore, opts: ListsOptions): Promise<{ communityId: string; moment: ResolvedMoment; digest: string; lists: ThreeLists }> {
  const communityId = communityOption(opts.community);
  const wanted = atOrPosition(opts);
  await requireKnownCommunity(store, communityId);
  const moment = await resolveMoment(store, wanted, opts.at !== undefined ? '--at' : '--position');
  const doc = await listsAsOf(store, communityId, moment.position, new Date(moment.at ?? 0));
  return { communityId, moment, digest: doc.digest, lists: { needs: doc.lists.needs!.items, resources: doc.lists.resources!.items, tasks: doc.lists.tasks!.items } };
}

export function formatOption(format: string | undefined, allowed: readonly string[] = FORMATS): ListsFormat {
  const f = format ?? 'table';
  if (!allowed.includes(f)) throw new UsageError(`--format: "${f}" is not one of ${allowed.join(', ')}`);
  return f as ListsFormat;
}

/** writes the lists as the format says, to --out or standard output */
export async function writeLists(result: Awaited<ReturnType<typeof listsForOptions>>, format: ListsFormat, outFile?: string): Promise<number> {
  const out: Writable = outFile ? openOut(outFile) : process.stdout;
  const { communityId, moment, digest, lists } = result;
  let rows = lists.needs.length + lists.resources.length + lists.tasks.length;
  if (format === 'csv') rows = await writeCsv(out, listRows(lists));
  else if (format === 'json') out.write(`${JSON.stringify({ communityId, position: moment.position, at: moment.at, digest, ...lists }, null, 2)}\n`);
  else out.write(`${communityId} 三张清单 as of log position ${moment.position}${moment.at ? ` (${moment.at})` : ''}\n${renderTables(lists, loadConfig().timeZone)}`);
  if (outFile) {
    out.end();
    await once(out, 'finish');
    process.stderr.write(`${rows} rows written to ${outFile}\n`);
  }
  return rows;
}

/** `cobuild audit lists --community C --at <instant> | --position <n> [--format table|json|csv]` */
export function listsCommand(audit: Command): void {
  audit
    .command('lists')
    .description("a community's three lists (需求清单, 资源清单, 项目清单) as they stood at an instant or a log position, folded from the log")
    .option('--community <id>', 'the community')
    .option('--at <instant>', 'an instant with its offset, e.g. 2026-06-30T00:00+08:00')
    .option('--position <n>', 'a log position')
    .option('--format <format>', 'table (default), json or csv')
    .option('--out <file>', 'write to a file instead of standard output')
    .action(async (opts: ListsOptions) => {
      const format = formatOption(opts.format);
      communityOption(opts.community);
      atOrPosition(opts);
      const result = await withStore((store) => listsForOptions(store, opts));
      await writeLists(result, format, opts.out);
    });
}
