import { Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { ThrottlerModuleOptions, ThrottlerStorage } from '@nestjs/throttler';
import { clientAddress as ipOf, ScopedThrottlerGuard } from '../http/scoped-throttler.guard';

export const OBJECTION_THROTTLE_OPTIONS = Symbol('OBJECTION_THROTTLE_OPTIONS');
export const OBJECTION_THROTTLE_STORAGE = Symbol('OBJECTION_THROTTLE_STORAGE');

const noticeOf = (req: Record<string, any>): string => String(req.params?.noticeId ?? '').slice(0, 64);

/**
 * Objections from the public: 5 a minute per client address and notice, 30 a minute per address
 * (generous for a community centre behind one address, tight for a script flooding a notice).
 */
export const objectionThrottleOptions: ThrottlerModuleOptions = {
  throttlers: [
    { name: 'objection-notice', limit: 5, ttl: 60_000, getTracker: (req) => `${ipOf(req)}|${noticeOf(req)}` },
    { name: 'objection-ip', limit: 30, ttl: 60_000, getTracker: (req) => ipOf(req) },
  ],
};

/** @nestjs/throttler's guard on its own options and storage, as LoginThrottleGuard does (no global module). */
@Injectable()
export class ObjectionThrottleGuard extends ScopedThrottlerGuard {
  constructor(
    @Inject(OBJECTION_THROTTLE_OPTIONS) options: ThrottlerModuleOptions,
    @Inject(OBJECTION_THROTTLE_STORAGE) storage: ThrottlerStorage,
    reflector: Reflector,
  ) {
    super(options, storage, reflector);
  }

  protected tooMany(secondsLeft: number) {
    return { code: 'NOTICE.TOO_MANY_OBJECTIONS_FROM_CLIENT', detail: `Too many objections from this address; try again in ${secondsLeft} s` };
  }
}
