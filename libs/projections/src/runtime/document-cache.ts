/**
 * The projector's memory of the documents it wrote, as serialised JSON (compact, and a fresh copy
 * on every read, so evolve may change what it is handed). One cache for every generation, least
 * recently used first out, bounded by characters. A generation's entries are valid only at the
 * position they were written for: another projector moving that generation resets them.
 *
 * `complete`: the generation was built from position 0 by this process, so a key the cache does
 * not hold has no row either, unless it was evicted (those keys are remembered, up to a bound):
 * a rebuild reads back only the rows it wrote and had to forget.
 */
export class DocumentCache {
  private readonly entries = new Map<string, string | null>();
  private readonly gens = new Map<string, GenerationState>();
  private chars = 0;

  constructor(
    private readonly maxChars = 128 * 2 ** 20,
    private readonly maxEvictedKeys = 4_000_000,
  ) {}

  /** checks the generation's entries are for its checkpoint; resets them otherwise */
  use(gen: string, position: number): GenerationState {
    const g = this.gens.get(gen);
    if (g && g.position === position) return g;
    if (g) this.dropGeneration(gen);
    const fresh: GenerationState = { position, complete: position === 0, evicted: new Set() };
    this.gens.set(gen, fresh);
    return fresh;
  }

  /** whether the row of a key not cached must be read (it may exist) */
  mayExist(gen: string, key: string): boolean {
    if (this.entries.has(entryKey(gen, key))) return false;
    const g = this.gens.get(gen);
    return !g?.complete || g.evicted.has(key);
  }

  /** the cached JSON (null: known to be absent); undefined when not cached */
  get(gen: string, key: string): string | null | undefined {
    return this.entries.get(entryKey(gen, key));
  }

  /** after a commit: the documents written (null: removed) and the generation's new position */
  commit(gen: string, position: number, written: Map<string, string | null>): void {
    const g = this.gens.get(gen) ?? { position, complete: false, evicted: new Set<string>() };
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
      g.evicted.delete(key);
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
      const cut = k.indexOf('\u0000');
      const g = this.gens.get(k.slice(0, cut));
      if (!g?.complete) continue;
      if (g.evicted.size >= this.maxEvictedKeys) {
        g.complete = false;
        g.evicted.clear();
      } else g.evicted.add(k.slice(cut + 1));
    }
  }
}

interface GenerationState {
  position: number;
  complete: boolean;
  /** keys written and then evicted while complete */
  evicted: Set<string>;
}

const entryKey = (gen: string, key: string) => `${gen}\u0000${key}`;
const size = (k: string, json: string | null) => k.length + (json?.length ?? 0);
