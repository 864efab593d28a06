/**
 * In-process locks per stream id: commands of this process that touch the same stream take turns,
 * so they do not race each other into optimistic-concurrency conflicts (50 formations on one
 * pledge in one API process decide one after the other, each on the latest state). Only an
 * optimisation: correctness still comes from the store's expected revisions, which is what
 * separate processes (API replicas, the worker) race on, retried by the CommandHandler.
 */
export class StreamLocks {
  private readonly tails = new Map<string, Promise<void>>();

  /** runs fn holding every named stream's lock, taken in sorted order (no two callers can deadlock) */
  async with<T>(streamIds: readonly string[], fn: () => Promise<T>): Promise<T> {
    const keys = [...new Set(streamIds)].sort();
    const releases: Array<() => void> = [];
    try {
      for (const key of keys) releases.push(await this.acquire(key));
      return await fn();
    } finally {
      for (const release of releases.reverse()) release();
    }
  }

  private async acquire(key: string): Promise<() => void> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => mine);
    this.tails.set(key, tail);
    await previous;
    return () => {
      release();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    };
  }

  /** streams with a holder or waiters (for tests: nothing is left behind) */
  get size(): number {
    return this.tails.size;
  }
}
