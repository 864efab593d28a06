import type { Command } from 'commander';
import { readModelDigest, replayReadModels, type ReadModelDigest } from '@cobuild/audit';
import { SqlEventStore } from '@cobuild/event-store';
import { ALL_PROJECTIONS, ReadStore } from '@cobuild/projections';
import { loadConfig } from '../../../common/src/config';
import { UsageError } from '../usage-error';
import { withStore } from './with-store';

const summary = (label: string, d: ReadModelDigest) =>
  `${label}: ${Object.entries(d.rows).map(([name, n]) => `${name} ${n} rows @${d.positions[name]}`).join(', ')}\n  digest ${d.digest}\n`;

/** `cobuild audit replay [--live | --compare]`: rebuild every read model from the log into a scratch schema and digest it. */
export function replayCommand(audit: Command): void {
  audit
    .command('replay')
    .description('rebuild every read model from the log into a scratch schema (dropped afterwards) and print a SHA-256 digest of their rows (docs/audit.md)')
    .option('--live', 'digest the serving read models instead (no replay)')
    .option('--compare', 'replay, digest the serving read models too, and exit 1 when they differ')
    .option('--json', 'print JSON')
    .action(async (opts: { live?: boolean; compare?: boolean; json?: boolean }) => {
      if (opts.live && opts.compare) throw new UsageError('give --live or --compare, not both');
      const config = loadConfig();
      const result = await withStore(async (store) => {
        if (!(store instanceof SqlEventStore)) throw new UsageError(`read models live beside the embedded or PostgreSQL store, not ${store.kind}`);
        const live = opts.live || opts.compare ? await readModelDigest(new ReadStore(store.driver, config.readSchema), ALL_PROJECTIONS) : null;
        const replay = opts.live ? null : await replayReadModels(store, store.driver, ALL_PROJECTIONS, { scratchPrefix: config.readSchema.slice(0, 40) });
        return { live, replay };
      });
      const same = result.live && result.replay ? result.live.digest === result.replay.digest : null;
      if (opts.json) process.stdout.write(`${JSON.stringify({ ...result, same }, null, 2)}\n`);
      else {
        if (result.replay) process.stdout.write(summary(`replayed up to log position ${result.replay.headPosition}`, result.replay));
        if (result.live) process.stdout.write(summary('serving read models', result.live));
        if (same !== null) process.stdout.write(same ? 'SAME: the read models equal a replay of the log\n' : 'DIFFERENT: the serving read models do not equal a replay of the log (behind, or altered)\n');
      }
      if (same === false) process.exitCode = 1;
    });
}
