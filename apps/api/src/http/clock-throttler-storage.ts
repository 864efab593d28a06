import { Inject, Injectable, Optional } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { CLOCK, systemClock, type Clock } from '../../../common/src/clock';

interface ThrottlerStorageRecord {
  totalHits: number;
  timeToExpire: number;
  isBlocked: boolean;
  timeToBlockExpire: number;
}

interface Window {
  hits: number;
  expiresAt: number;
  blockedUntil: number;
}

/** at most this many keys (address + username, address + notice, …) are remembered; the least recently used goes first */
export const MAX_THROTTLE_KEYS = 50_000;
/** optional provider of another bound (tests) */
export const THROTTLE_MAX_KEYS = Symbol('THROTTLE_MAX_KEYS');

/**
 * The throttles' counters on the app's clock (CLOCK), not the wall clock: a window opens with a
 * key's first hit and lasts `ttl`; the hit over `limit` blocks the key for `blockDuration`. Times are
 * answered in whole seconds, as @nestjs/throttler's own storage does. Tests move the clock instead of
 * waiting for a minute to pass. Bounded: at most MAX_THROTTLE_KEYS keys, least recently used dropped
 * first (a dropped key starts a fresh window, which only ever lets a caller in earlier).
 */
@Injectable()
export class ClockThrottlerStorage implements ThrottlerStorage {
  private readonly windows = new Map<string, Window>();

  constructor(
    @Optional() @Inject(CLOCK) private readonly clock: Clock = systemClock,
    @Optional() @Inject(THROTTLE_MAX_KEYS) private readonly maxKeys: number = MAX_THROTTLE_KEYS,
  ) {}

  get size(): number {
    return this.windows.size;
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    const now = this.clock.now().getTime();
    const k = `${throttlerName}\u0000${key}`;
    let w = this.windows.get(k);
    if (w) this.windows.delete(k); // re-inserted below: Map order is recency
    if (!w || (w.expiresAt <= now && w.blockedUntil <= now)) w = { hits: 0, expiresAt: now + ttl, blockedUntil: 0 };
    this.windows.set(k, w);
    if (this.windows.size > this.maxKeys) this.windows.delete(this.windows.keys().next().value as string);

    const seconds = (ms: number) => Math.max(Math.ceil(ms / 1000), 0);
    if (w.blockedUntil > now)
      return { totalHits: w.hits, timeToExpire: seconds(w.expiresAt - now), isBlocked: true, timeToBlockExpire: seconds(w.blockedUntil - now) };
    if (w.expiresAt <= now) {
      w.hits = 0;
      w.expiresAt = now + ttl;
    }
    w.hits += 1;
    if (w.hits > limit) {
      w.blockedUntil = now + (blockDuration > 0 ? blockDuration : w.expiresAt - now);
      return { totalHits: w.hits, timeToExpire: seconds(w.expiresAt - now), isBlocked: true, timeToBlockExpire: seconds(w.blockedUntil - now) };
    }
    return { totalHits: w.hits, timeToExpire: seconds(w.expiresAt - now), isBlocked: false, timeToBlockExpire: 0 };
  }
}
