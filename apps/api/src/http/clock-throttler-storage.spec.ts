import { ClockThrottlerStorage } from './clock-throttler-storage';

describe('ClockThrottlerStorage: throttle windows on the app clock, bounded', () => {
  const at = (iso: string) => ({ now: () => new Date(iso) });

  it('counts hits in a window that opens with the first hit, blocks the hit over the limit, and lets the key in once the window has passed', async () => {
    let now = '2026-12-07T08:00:00.000Z';
    const storage = new ClockThrottlerStorage({ now: () => new Date(now) });
    const hit = () => storage.increment('1.2.3.4|zhao', 60_000, 5, 0, 'login');
    for (let i = 1; i <= 5; i++) expect(await hit()).toMatchObject({ totalHits: i, isBlocked: false });
    now = '2026-12-07T08:00:30.000Z';
    expect(await hit()).toMatchObject({ isBlocked: true, timeToBlockExpire: 30 });
    now = '2026-12-07T08:00:59.000Z';
    expect(await hit()).toMatchObject({ isBlocked: true, timeToBlockExpire: 1 });
    now = '2026-12-07T08:01:00.000Z';
    expect(await hit()).toMatchObject({ totalHits: 1, isBlocked: false, timeToExpire: 60 });
  });

  it('blocks for blockDuration when one is given, and keeps keys and throttles apart', async () => {
    const storage = new ClockThrottlerStorage(at('2026-12-07T08:00:00.000Z'));
    await storage.increment('a', 60_000, 1, 300_000, 'login');
    expect(await storage.increment('a', 60_000, 1, 300_000, 'login')).toMatchObject({ isBlocked: true, timeToBlockExpire: 300 });
    expect(await storage.increment('b', 60_000, 1, 300_000, 'login')).toMatchObject({ isBlocked: false, totalHits: 1 });
    expect(await storage.increment('a', 60_000, 1, 300_000, 'objection')).toMatchObject({ isBlocked: false, totalHits: 1 });
  });

  it('remembers at most its bound of keys, the least recently used going first', async () => {
    const storage = new ClockThrottlerStorage(at('2026-12-07T08:00:00.000Z'), 100);
    await storage.increment('kept', 60_000, 1, 0, 't');
    for (let i = 0; i < 1000; i++) {
      await storage.increment(`k${i}`, 60_000, 5, 0, 't');
      if (i % 50 === 0) await storage.increment('kept', 60_000, 1, 0, 't'); // recently used: stays
    }
    expect(storage.size).toBe(100);
    expect(await storage.increment('kept', 60_000, 1, 0, 't')).toMatchObject({ isBlocked: true });
  });
});
