import type { Command } from 'commander';
import { logPages, timelineEntry as entry, unitTimeline, type TimelineEntry } from '@cobuild/audit';
import type { EventStore } from '@cobuild/event-store';
import { UsageError } from '../usage-error';
import { withStore } from './with-store';

/** Every event of one thing (a stream) or one community, in order, with who, when, why and from which request. */
export async function timeline(store: EventStore, target: { stream?: string; community?: string; unit?: string }): Promise<TimelineEntry[]> {
  if (target.unit) return unitTimeline(store, target.unit);
  if (target.stream) return (await store.readStream(target.stream, { upcast: false })).map(entry);
  const out: TimelineEntry[] = [];
  for await (const page of logPages(store, { filter: { communityId: target.community } })) out.push(...page.map(entry));
  return out;
}

export function timelineCommand(audit: Command): void {
  audit
    .command('timeline')
    .description('every event of one task, need, pledge, unit or community, in order, with actor, role, time, reason and request')
    .option('--stream <id>', 'one thing, e.g. task-<id> or need-<id>')
    .option('--community <id>', 'everything of one community')
    .option('--unit <id>', "a stationed unit across its streams: registrations, pledges, its tasks, pairings, evaluations")
    .option('--json', 'print JSON')
    .action(async (opts: { stream?: string; community?: string; unit?: string; json?: boolean }) => {
      if ([opts.stream, opts.community, opts.unit].filter((x) => x !== undefined).length !== 1) throw new UsageError('give exactly one of --stream, --community or --unit');
      const entries = await withStore((store) => timeline(store, opts));
      if (entries.length === 0) throw new UsageError(`nothing recorded for ${opts.stream ?? (opts.unit ? `unit ${opts.unit}` : `community ${opts.community}`)}`);
      if (opts.json) process.stdout.write(`${JSON.stringify(entries, null, 2)}\n`);
      else
        for (const t of entries)
          process.stdout.write(
            `${String(t.position).padStart(8)}  ${t.at}  ${t.actor.role}:${t.actor.id}  ${t.streamId}#${t.revision}  ${t.type}${t.reason ? `  — ${t.reason}` : ''}${t.requestId ? `  [${t.requestId}]` : ''}\n`,
          );
    });
}
