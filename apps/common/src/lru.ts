/**
 * A Map bounded by entry count, least recently used out: `get` and `set` make an entry the most
 * recent; a `set` beyond `capacity` drops the least recent. For process-long caches keyed by
 * something that grows with the data (communities, accounts…): their memory stays at the bound
 * however many distinct keys a long-running process sees (docs/operations.md lists them).
 */
export class Lru<K, V> {
  private readonly map = new Map<K, V>();

  constructor(readonly capacity: number) {
    if (!Number.isSafeInteger(capacity) || capacity < 1) throw new Error(`an LRU needs a capacity of at least 1, got ${capacity}`);
  }

  get(key: K): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }

  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value as K);
  }

  delete(key: K): void {
    this.map.delete(key);
  }

  get size(): number {
    return this.map.size;
  }
}
