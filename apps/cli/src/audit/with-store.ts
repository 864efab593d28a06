import { existsSync } from 'node:fs';
import { createEventStore, type EventStore } from '@cobuild/event-store';
import { loadConfig, type AppConfig } from '../../../common/src/config';

/** An event store that cannot be opened: the CLI prints the message (where, and why) and exits 1. */
export class StoreOpenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreOpenError';
  }
}

/** where the store is, for messages (never the password of a URL) */
function whereIs(c: AppConfig['eventStore']): string {
  if (c.kind === 'embedded') return `the embedded store in ${c.dataDir}`;
  const url = c.kind === 'postgres' ? c.postgresUrl : c.kurrentdbUrl;
  return `the ${c.kind} store at ${(url ?? '').replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@')}`;
}

/**
 * A command that only reads refuses an embedded data folder that does not exist (opening the
 * embedded store would create it and report an empty store: a mistyped COBUILD_DATA_DIR would
 * look like a log with nothing in it).
 */
export function requireExistingDataDir(config: AppConfig['eventStore']): void {
  if (config.kind === 'embedded' && !existsSync(config.dataDir)) {
    throw new StoreOpenError(`no event store in ${config.dataDir}: the folder does not exist (check COBUILD_DATA_DIR; a read-only command never creates it)`);
  }
}

/** Opens the configured event store (which must exist) for one command and closes it afterwards. */
export async function withStore<T>(fn: (store: EventStore) => Promise<T>): Promise<T> {
  const config = loadConfig().eventStore;
  requireExistingDataDir(config);
  let store: EventStore;
  try {
    store = await createEventStore(config);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why = err.code === 'EEXIST' || err.code === 'ENOTDIR' ? 'COBUILD_DATA_DIR is not a folder' : String(err.message).replace(/^Event store unavailable: /, '');
    throw new StoreOpenError(`cannot open ${whereIs(config)}: ${why}`);
  }
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/** A one-line progress indicator on a terminal (stderr), silent otherwise. */
export function progress(label: string): { update(done: number, total: number): void; end(): void } {
  const tty = process.stderr.isTTY;
  let last = 0;
  return {
    update(done, total) {
      if (!tty || Date.now() - last < 100) return;
      last = Date.now();
      const pct = total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : 100;
      const bar = '#'.repeat(Math.floor(pct / 4)).padEnd(25, '.');
      process.stderr.write(`\r${label} [${bar}] ${pct}% (${done}/${total})`);
    },
    end() {
      if (tty) process.stderr.write('\n');
    },
  };
}
