import type { Command } from 'commander';
import { SqlEventStore } from '@cobuild/event-store';
import { ALL_PROJECTIONS, ProjectionEngine, ReadStore } from '@cobuild/projections';
import { loadConfig } from '../../../common/src/config';
import { withStore } from '../audit/with-store';
import { UsageError } from '../usage-error';

function engineFor(store: SqlEventStore): { engine: ProjectionEngine; read: ReadStore } {
  const read = new ReadStore(store.driver, loadConfig().readSchema);
  return { engine: new ProjectionEngine(store, read, ALL_PROJECTIONS), read };
}

/** `cobuild projections status|rebuild [name]` */
export function registerProjectionsCommands(program: Command): void {
  const projections = program.command('projections').description('read models: their positions, and rebuilding them');

  projections
    .command('status')
    .description('each read model: serving generation, version, position and lag behind the log')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const rows = await withStore(async (store) => {
        if (!(store instanceof SqlEventStore)) throw new UsageError(`read models live beside the embedded or PostgreSQL store, not ${store.kind}`);
        const { read } = engineFor(store);
        await read.migrate();
        const head = await store.headPosition();
        const checkpoints = await read.checkpoints();
        const out = [];
        for (const p of ALL_PROJECTIONS) {
          const active = await read.active(p.name);
          for (const c of checkpoints.filter((x) => x.projection === p.name))
            out.push({ projection: p.name, generation: c.generation, version: c.version, serving: c.generation === active, position: c.position, lagEvents: head - c.position });
        }
        return out;
      });
      if (opts.json) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
      else for (const r of rows) process.stdout.write(`${r.projection.padEnd(14)} generation ${r.generation} v${r.version} ${r.serving ? 'serving ' : 'building'} at ${r.position} (${r.lagEvents} behind)\n`);
    });

  projections
    .command('rebuild')
    .argument('[name]', 'one read model (all when omitted)')
    .description('build a new generation from the start of the log beside the serving one, then swap (a running projector does the work; without one, this command does)')
    .option('--wait', 'build it here and wait until it serves')
    .action(async (name: string | undefined, opts: { wait?: boolean }) => {
      if (name && !ALL_PROJECTIONS.some((p) => p.name === name))
        throw new UsageError(`no read model "${name}"; there are: ${ALL_PROJECTIONS.map((p) => p.name).join(', ') || 'none'}`);
      await withStore(async (store) => {
        if (!(store instanceof SqlEventStore)) throw new UsageError(`read models live beside the embedded or PostgreSQL store, not ${store.kind}`);
        const { engine } = engineFor(store);
        const generations = await engine.requestRebuild(name ? [name] : undefined);
        process.stdout.write(`new generation(s) ${generations.join(', ')} requested for ${name ?? 'every read model'}\n`);
        if (opts.wait || store.kind === 'embedded') {
          await engine.catchUp();
          process.stdout.write('built and serving\n');
        }
      });
    });
}
