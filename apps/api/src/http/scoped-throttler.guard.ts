import { HttpException, HttpStatus, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';

/** The caller's address as the throttles key it (behind a proxy, set `trust proxy` for it). */
export const clientAddress = (req: Record<string, any>): string => String(req.ip ?? req.socket?.remoteAddress ?? 'unknown');

/**
 * @nestjs/throttler's guard on its own options and storage (not ThrottlerModule, which is global
 * and would hand one endpoint's limits to any app-wide ThrottlerGuard), answering 429 as
 * problem+json with the subclass's code.
 */
export abstract class ScopedThrottlerGuard extends ThrottlerGuard {
  protected abstract tooMany(secondsLeft: number): { code: string; detail: string };

  protected override async throwThrottlingException(_context: ExecutionContext, limit: ThrottlerLimitDetail): Promise<void> {
    throw new HttpException(this.tooMany(limit.timeToBlockExpire), HttpStatus.TOO_MANY_REQUESTS);
  }
}
