import { Lru } from './lru';

describe('Lru', () => {
  it('stays at its bound after many distinct keys, keeping the most recently used', () => {
    const lru = new Lru<string, number>(100);
    for (let i = 0; i < 10_000; i++) {
      lru.set(`k${i}`, i);
      expect(lru.size).toBeLessThanOrEqual(100);
    }
    expect(lru.size).toBe(100);
    expect(lru.get('k9899')).toBeUndefined();
    expect(lru.get('k9900')).toBe(9900);
    expect(lru.get('k9999')).toBe(9999);
  });

  it('a get makes an entry the most recent: it outlives entries set after it', () => {
    const lru = new Lru<string, number>(3);
    lru.set('a', 1);
    lru.set('b', 2);
    lru.set('c', 3);
    expect(lru.get('a')).toBe(1);
    lru.set('d', 4); // b is now the least recently used
    expect(lru.get('b')).toBeUndefined();
    expect([lru.get('a'), lru.get('c'), lru.get('d')]).toEqual([1, 3, 4]);
    lru.delete('a');
    expect(lru.size).toBe(2);
  });

  it('refuses a capacity below 1', () => {
    expect(() => new Lru(0)).toThrow(/capacity of at least 1/);
  });
});
