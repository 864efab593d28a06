import { clientAddress as ipOf, scopedThrottler } from '../http/scoped-throttler.guard';

const noticeOf = (req: Record<string, any>): string => String(req.params?.noticeId ?? '').slice(0, 64);

/**
 * Objections from the public: 5 a minute per client address and notice, 30 a minute per address
 * (generous for a community centre behind one address, tight for a script flooding a notice).
 */
export const objectionThrottle = scopedThrottler(
  'objection',
  {
    throttlers: [
      { name: 'objection-notice', limit: 5, ttl: 60_000, getTracker: (req) => `${ipOf(req)}|${noticeOf(req)}` },
      { name: 'objection-ip', limit: 30, ttl: 60_000, getTracker: (req) => ipOf(req) },
    ],
  },
  (secondsLeft) => ({ code: 'NOTICE.TOO_MANY_OBJECTIONS_FROM_CLIENT', detail: `Too many objections from this address; try again in ${secondsLeft} s` }),
);
