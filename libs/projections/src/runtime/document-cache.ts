/**
 * The projector's memory of the documents it wrote, as serialised JSON (compact, and a fresh copy
 * on every read, so evolve may change what it is handed). One cache for every generation, least
 * recently used first out, bounded by characters. A generation's entries are valid only at the
 * position they were written for: another projector moving that generation resets them.
 *
 * `complete`: the generation was built from position 0 by this process and nothing of it was
 * evicted, so a key the cache does not hold has no row either (a rebuild never reads its rows).
 */
export class DocumentCache {
  private readonly entries = new Map<string, string | null>();
  private readonly gens = new Map<string, { position: number; complete: boolean }>();
  private chars = 0;

  constructor(private readonly maxChars = 64 * 2 ** 20) {}

  /** checks the generation's entries are for its checkpoint; resets them otherwise */
  use(gen: string, position: number): { complete: boolean } {
    const g = this.gens.get(gen);
    if (g && g.position === position) return g;
    if (g) this.dropGeneration(gen);
    const fresh = { position, complete: position === 0 };
    this.gens.set(gen, fresh);
    return fresh;
  }

  has(gen: string, key: string): boolean {
    return this.entries.has(entryKey(gen, key));
  }

  /** the cached JSON (null: known to be absent); undefined when not cached */
  get(gen: string, key: string): string | null | undefined {
    return this.entries.get(entryKey(gen, key));
  }

  /** after a commit: the documents written (null: removed) and the generation's new position */
  commit(gen: string, position: number, written: Map<string, string | null>): void {
    const g = this.gens.get(gen) ?? { position, complete: false };
    g.position = position;
    this.gens.set(gen, g);
    for (const [key, json] of written) {
      const k = entryKey(gen, key);
      const was = this.entries.get(k);
      if (was !== undefined) {
        this.chars -= size(k, was);
        this.entries.delete(k);
      }
      this.entries.set(k, json);
      this.chars += size(k, json);
    }
    this.evict();
  }

  /** forgets a generation (a failed batch, a swap, a conflict) */
  dropGeneration(gen: string): void {
    this.gens.delete(gen);
    const prefix = `${gen}\u0000`;
    for (const [k, json] of this.entries)
      if (k.startsWith(prefix)) {
        this.chars -= size(k, json);
        this.entries.delete(k);
      }
  }

  clear(): void {
    this.entries.clear();
    this.gens.clear();
    this.chars = 0;
  }

  private evict(): void {
    for (const [k, json] of this.entries) {
      if (this.chars <= this.maxChars) return;
      this.entries.delete(k);
      this.chars -= size(k, json);
      const g = this.gens.get(k.slice(0, k.indexOf('\u0000')));
      if (g) g.complete = false;
    }
  }
}

const entryKey = (gen: string, key: string) => `${gen}\u0000${key}`;
const size = (k: string, json: string | null) => k.length + (json?.length ?? 0);
