/**
 * The projector's memory of the documents it wrote, as serialised JSON (compact, and a fresh copy
 * on every read, so evolve may change what it is handed). One cache for every generation, bounded
 * by characters: over the bound, the generation holding the most gives up its least recently
 * written entries. Each generation's entries are a Map of their own, by document key (no
 * composite key strings to build and hash per lookup). A generation's entries are valid only at the
 * position they were written for: another projector moving that generation resets them.
 *
 * `complete`: the generation was built from position 0 by this process, so a key the cache does
 * not hold has no row either, unless it was evicted (those keys are remembered, up to a bound):
 * a rebuild reads back only the rows it wrote and had to forget.
 */
export class DocumentCache {
  private readonly gens = new Map<string, GenerationState>();
  private chars = 0;

  constructor(
    private readonly maxChars = 128 * 2 ** 20,
    private readonly maxEvictedKeys = 4_000_000,
  ) {}

  /** checks the generation's entries are for its checkpoint (resets them otherwise); its entries, to look keys up in */
  use(gen: string, position: number): GenerationState {
    const g = this.gens.get(gen);
    if (g && g.position === position) return g;
    if (g) this.dropGeneration(gen);
    const fresh = state(position, position === 0);
    this.gens.set(gen, fresh);
    return fresh;
  }

  /** after a commit: the documents written (null: removed) and the generation's new position */
  commit(gen: string, position: number, written: Map<string, string | null>): void {
    let g = this.gens.get(gen);
    if (!g) this.gens.set(gen, (g = state(position, false)));
    g.position = position;
    const { entries, evicted } = g;
    let delta = 0;
    for (const [key, json] of written) {
      const was = entries.get(key);
      if (was !== undefined) {
        delta -= size(key, was);
        entries.delete(key); // re-inserted last: least recently used first out
      }
      entries.set(key, json);
      delta += size(key, json);
      if (evicted.size > 0) evicted.delete(key);
    }
    g.chars += delta;
    this.chars += delta;
    this.evict();
  }

  /** forgets a generation (a failed batch, a swap, a conflict) */
  dropGeneration(gen: string): void {
    const g = this.gens.get(gen);
    if (!g) return;
    this.chars -= g.chars;
    this.gens.delete(gen);
  }

  clear(): void {
    this.gens.clear();
    this.chars = 0;
  }

  /** over the bound: the generation holding the most gives up its least recently written entries */
  private evict(): void {
    while (this.chars > this.maxChars) {
      let largest: GenerationState | null = null;
      for (const g of this.gens.values()) if (!largest || g.chars > largest.chars) largest = g;
      if (!largest || largest.entries.size === 0) return;
      // a slice of it at a time, so the others are looked at again
      let n = Math.max(1, largest.entries.size >> 4);
      for (const [key, json] of largest.entries) {
        if (n-- === 0 || this.chars <= this.maxChars) break;
        largest.entries.delete(key);
        const freed = size(key, json);
        largest.chars -= freed;
        this.chars -= freed;
        if (!largest.complete) continue;
        if (largest.evicted.size >= this.maxEvictedKeys) {
          largest.complete = false;
          largest.evicted.clear();
        } else largest.evicted.add(key);
      }
    }
  }
}

export interface GenerationState {
  position: number;
  complete: boolean;
  /** serialised documents by key (null: known to be absent), least recently written first */
  entries: Map<string, string | null>;
  /** characters held in entries */
  chars: number;
  /** keys written and then evicted while complete */
  evicted: Set<string>;
}

/** a key the generation does not hold: whether its row may exist (it was evicted, or the generation is not complete) */
export const mayHaveRow = (g: GenerationState, key: string): boolean => !g.complete || (g.evicted.size > 0 && g.evicted.has(key));

const state = (position: number, complete: boolean): GenerationState => ({ position, complete, entries: new Map(), chars: 0, evicted: new Set() });
const size = (key: string, json: string | null) => key.length + (json?.length ?? 0);
