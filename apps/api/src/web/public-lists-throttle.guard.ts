import { Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { ThrottlerModuleOptions, ThrottlerStorage } from '@nestjs/throttler';
import { clientAddress as ipOf, ScopedThrottlerGuard } from '../http/scoped-throttler.guard';

export const PUBLIC_LISTS_THROTTLE_OPTIONS = Symbol('PUBLIC_LISTS_THROTTLE_OPTIONS');
export const PUBLIC_LISTS_THROTTLE_STORAGE = Symbol('PUBLIC_LISTS_THROTTLE_STORAGE');

/**
 * The lists of public notices, asked without an account: 60 a minute per client address (a
 * resident paging through a board asks a few; a script walking notice ids is stopped).
 */
export const publicListsThrottleOptions: ThrottlerModuleOptions = {
  throttlers: [{ name: 'public-lists-ip', limit: 60, ttl: 60_000, getTracker: (req) => ipOf(req) }],
};

/** @nestjs/throttler's guard on its own options and storage, as the objections' guard (no global module). */
@Injectable()
export class PublicListsThrottleGuard extends ScopedThrottlerGuard {
  constructor(
    @Inject(PUBLIC_LISTS_THROTTLE_OPTIONS) options: ThrottlerModuleOptions,
    @Inject(PUBLIC_LISTS_THROTTLE_STORAGE) storage: ThrottlerStorage,
    reflector: Reflector,
  ) {
    super(options, storage, reflector);
  }

  protected tooMany(secondsLeft: number) {
    return { code: 'NOTICE.TOO_MANY_REQUESTS_FROM_CLIENT', detail: `Too many requests for notice lists from this address; try again in ${secondsLeft} s` };
  }
}
