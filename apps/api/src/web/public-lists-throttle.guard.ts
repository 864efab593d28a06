import { clientAddress as ipOf, scopedThrottler } from '../http/scoped-throttler.guard';

/**
 * The lists of public notices, asked without an account: 60 a minute per client address (a
 * resident paging through a board asks a few; a script walking notice ids is stopped).
 */
export const publicListsThrottle = scopedThrottler(
  'publicLists',
  { throttlers: [{ name: 'public-lists-ip', limit: 60, ttl: 60_000, getTracker: (req) => ipOf(req) }] },
  (secondsLeft) => ({ code: 'NOTICE.TOO_MANY_REQUESTS_FROM_CLIENT', detail: `Too many requests for notice lists from this address; try again in ${secondsLeft} s` }),
);
