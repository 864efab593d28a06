import { createEventStore, type EventStore } from '@cobuild/event-store';
import { loadConfig } from '../../../common/src/config';

/** Opens the configured event store for one command and closes it afterwards. */
export async function withStore<T>(fn: (store: EventStore) => Promise<T>): Promise<T> {
  const store = await createEventStore(loadConfig().eventStore);
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
