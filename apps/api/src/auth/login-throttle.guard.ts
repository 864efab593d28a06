import { Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { ThrottlerModuleOptions, ThrottlerStorage } from '@nestjs/throttler';
import { clientAddress as ipOf, ScopedThrottlerGuard } from '../http/scoped-throttler.guard';

export const LOGIN_THROTTLE_OPTIONS = Symbol('LOGIN_THROTTLE_OPTIONS');
export const LOGIN_THROTTLE_STORAGE = Symbol('LOGIN_THROTTLE_STORAGE');

const usernameOf = (req: Record<string, any>): string =>
  typeof req.body?.username === 'string' ? req.body.username.trim().toLowerCase().slice(0, 64) : '';

/** Login attempts: 5 a minute per client address and username, and 30 a minute per address. */
export const loginThrottleOptions: ThrottlerModuleOptions = {
  throttlers: [
    { name: 'login-user', limit: 5, ttl: 60_000, getTracker: (req) => `${ipOf(req)}|${usernameOf(req)}` },
    { name: 'login-ip', limit: 30, ttl: 60_000, getTracker: (req) => ipOf(req) },
  ],
};

/**
 * @nestjs/throttler's guard on its own options and storage (not ThrottlerModule, which is global
 * and would hand these limits to any app-wide ThrottlerGuard). Used only on POST /auth/login.
 */
@Injectable()
export class LoginThrottleGuard extends ScopedThrottlerGuard {
  constructor(
    @Inject(LOGIN_THROTTLE_OPTIONS) options: ThrottlerModuleOptions,
    @Inject(LOGIN_THROTTLE_STORAGE) storage: ThrottlerStorage,
    reflector: Reflector,
  ) {
    super(options, storage, reflector);
  }

  protected tooMany(secondsLeft: number) {
    return { code: 'AUTH.TOO_MANY_ATTEMPTS', detail: `Too many login attempts; try again in ${secondsLeft} s` };
  }
}
