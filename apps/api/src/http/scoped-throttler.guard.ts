import { HttpException, HttpStatus, Inject, Injectable, type ExecutionContext, type Provider, type Type } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ClockThrottlerStorage } from './clock-throttler-storage';
import { ThrottlerGuard, type ThrottlerLimitDetail, type ThrottlerModuleOptions, type ThrottlerStorage } from '@nestjs/throttler';

/** The caller's address as the throttles key it (behind a proxy, set `trust proxy` for it). */
export const clientAddress = (req: Record<string, any>): string => String(req.ip ?? req.socket?.remoteAddress ?? 'unknown');

/** what a throttled endpoint answers with 429 (problem+json) */
export type TooMany = (secondsLeft: number) => { code: string; detail: string };

/**
 * @nestjs/throttler's guard on options and storage of its own (not ThrottlerModule, which is
 * global and would hand one endpoint's limits to any app-wide ThrottlerGuard), counting on the app's
 * clock (ClockThrottlerStorage), answering 429 as
 * problem+json with the given code. Returns the guard for @UseGuards and the providers its module lists.
 */
export function scopedThrottler(name: string, options: ThrottlerModuleOptions, tooMany: TooMany): { guard: Type<ThrottlerGuard>; providers: Provider[] } {
  const OPTIONS = Symbol(`${name} throttle options`);
  const STORAGE = Symbol(`${name} throttle storage`);

  @Injectable()
  class ScopedThrottlerGuard extends ThrottlerGuard {
    constructor(@Inject(OPTIONS) o: ThrottlerModuleOptions, @Inject(STORAGE) storage: ThrottlerStorage, reflector: Reflector) {
      super(o, storage, reflector);
    }

    protected override async throwThrottlingException(_context: ExecutionContext, limit: ThrottlerLimitDetail): Promise<void> {
      throw new HttpException(tooMany(limit.timeToBlockExpire), HttpStatus.TOO_MANY_REQUESTS);
    }
  }
  Object.defineProperty(ScopedThrottlerGuard, 'name', { value: `${name[0].toUpperCase()}${name.slice(1)}ThrottleGuard` });
  return {
    guard: ScopedThrottlerGuard,
    providers: [ScopedThrottlerGuard, { provide: OPTIONS, useValue: options }, { provide: STORAGE, useClass: ClockThrottlerStorage }],
  };
}
