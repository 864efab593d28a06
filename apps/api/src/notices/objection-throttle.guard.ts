import { HttpException, HttpStatus, Inject, Injectable, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ThrottlerGuard, type ThrottlerLimitDetail, type ThrottlerModuleOptions, type ThrottlerStorage } from '@nestjs/throttler';

export const OBJECTION_THROTTLE_OPTIONS = Symbol('OBJECTION_THROTTLE_OPTIONS');
export const OBJECTION_THROTTLE_STORAGE = Symbol('OBJECTION_THROTTLE_STORAGE');

const ipOf = (req: Record<string, any>): string => String(req.ip ?? req.socket?.remoteAddress ?? 'unknown');
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
export class ObjectionThrottleGuard extends ThrottlerGuard {
  constructor(
    @Inject(OBJECTION_THROTTLE_OPTIONS) options: ThrottlerModuleOptions,
    @Inject(OBJECTION_THROTTLE_STORAGE) storage: ThrottlerStorage,
    reflector: Reflector,
  ) {
    super(options, storage, reflector);
  }

  protected override async throwThrottlingException(_context: ExecutionContext, limit: ThrottlerLimitDetail): Promise<void> {
    throw new HttpException(
      { code: 'NOTICE.TOO_MANY_OBJECTIONS_FROM_CLIENT', detail: `Too many objections from this address; try again in ${limit.timeToBlockExpire} s` },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}
