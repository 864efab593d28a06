import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import { logPages, requireKnownCommunity } from '@cobuild/audit';
import { contentDigest, type RecordedEvent } from '@cobuild/event-store';
import { UsageError } from '../usage-error';
import { listsForOptions, writeLists } from './lists.command';
import { openOut } from './out-file';
import { progress, withStore } from './with-store';

/** Personal secrets that never leave the store; their events keep their digest, so chains stay checkable. */
const REDACT: Record<string, string[]> = { AccountCreated: ['passwordHash'], AccountPasswordChanged: ['passwordHash'] };

export function exportLine(e: RecordedEvent): string {
  const redacted = REDACT[e.type];
  const data = redacted ? Object.fromEntries(Object.entries(e.data).map(([k, v]) => [k, redacted.includes(k) ? '[redacted]' : v])) : e.data;
  return JSON.stringify({
    position: e.position,
    streamId: e.streamId,
    revision: e.revision,
    id: e.id,
    type: e.type,
    schemaVersion: e.storedSchemaVersion,
    recordedAt: e.recordedAt,
    metadata: e.metadata,
    data,
    contentDigest: contentDigest({ ...e, schemaVersion: e.storedSchemaVersion }),
    prevHash: e.prevHash,
    hash: e.hash,
  });
}

/** `cobuild audit export`: the log (or one community's history) as JSON Lines, streamed in constant memory. */
export function exportCommand(audit: Command): void {
  audit
    .command('export')
    .description('write the whole log, or one community\'s history, as JSON Lines (one event a line, with metadata and hashes)')
    .option('--community <id>', "only this community's events")
    .option('--out <file>', 'write to a file instead of standard output')
    .option('--lists', "instead of the log: the community's three lists as CSV, as of --at <instant> or --position <n>")
    .option('--at <instant>', 'with --lists: an instant with its offset, e.g. 2026-06-30T00:00+08:00')
    .option('--position <n>', 'with --lists: a log position')
    .action(async (opts: { community?: string; out?: string; lists?: boolean; at?: string; position?: string }) => {
      if (opts.lists) {
        const result = await withStore((store) => listsForOptions(store, opts));
        await writeLists(result, 'csv', opts.out);
        return;
      }
      if (opts.at !== undefined || opts.position !== undefined) throw new UsageError('--at and --position go with --lists');
      if (opts.community !== undefined && !/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/.test(opts.community))
        throw new UsageError(`--community: "${opts.community}" is not a community id`);
      let out: Writable = process.stdout;
      const written = await withStore(async (store) => {
        if (opts.community !== undefined) await requireKnownCommunity(store, opts.community);
        if (opts.out) out = openOut(opts.out);
        const head = await store.headPosition();
        const bar = progress('exporting');
        let n = 0;
        for await (const page of logPages(store, { filter: opts.community ? { communityId: opts.community } : undefined })) {
          for (const e of page) if (!out.write(`${exportLine(e)}\n`)) await once(out, 'drain');
          n += page.length;
          bar.update(page[page.length - 1].position, head);
        }
        bar.end();
        return n;
      });
      if (opts.out) {
        out.end();
        await once(out, 'finish');
        process.stderr.write(`${written} events written to ${opts.out}\n`);
      }
    });
}
