import type { Command } from 'commander';
import { communityDiff, LIST_NAMES, parseMoment, type CommunityDiff } from '@cobuild/audit';
import { UsageError } from '../usage-error';
import { communityOption } from './community-option';
import { LIST_LABELS } from './list-rows';
import { formatOption } from './lists.command';
import { withStore } from './with-store';

const show = (v: unknown) => (v === null ? '—' : typeof v === 'string' ? v : JSON.stringify(v));
const label = (row: { id: string; title?: string; description?: string }) => `${row.id}  ${row.title ?? row.description ?? ''}`;

export function renderDiff(d: CommunityDiff): string {
  let out = `${d.communityId}: log position ${d.from.position}${d.from.at ? ` (${d.from.at})` : ''} → ${d.to.position}${d.to.at ? ` (${d.to.at})` : ''}\n`;
  for (const name of LIST_NAMES) {
    const c = d.lists[name];
    out += `\n${LIST_LABELS[name]}: ${c.added.length} added, ${c.removed.length} removed, ${c.changed.length} changed\n`;
    for (const r of c.added) out += `  + ${label(r)}\n`;
    for (const r of c.removed) out += `  - ${label(r)}\n`;
    for (const r of c.changed) {
      out += `  ~ ${r.id}\n`;
      for (const f of r.fields) out += `      ${f.field}: ${show(f.before)} → ${show(f.after)}\n`;
    }
  }
  return out;
}

/** `cobuild audit diff --community C --from <instant|position> --to <instant|position>` */
export function diffCommand(audit: Command): void {
  audit
    .command('diff')
    .description("what changed in a community's three lists between two moments: rows added, removed, and changed fields (before → after)")
    .option('--community <id>', 'the community')
    .option('--from <moment>', 'an instant with its offset (2026-03-31T00:00+08:00) or a log position')
    .option('--to <moment>', 'an instant with its offset or a log position')
    .option('--format <format>', 'table (default) or json')
    .action(async (opts: { community?: string; from?: string; to?: string; format?: string }) => {
      const format = formatOption(opts.format, ['table', 'json']);
      const communityId = communityOption(opts.community);
      if (opts.from === undefined || opts.to === undefined) throw new UsageError('give both --from and --to');
      const from = parseMoment(opts.from, '--from');
      const to = parseMoment(opts.to, '--to');
      const d = await withStore((store) => communityDiff(store, communityId, from, to));
      process.stdout.write(format === 'json' ? `${JSON.stringify(d, null, 2)}\n` : renderDiff(d));
    });
}
