import { clientAddress as ipOf, scopedThrottler } from '../http/scoped-throttler.guard';

const usernameOf = (req: Record<string, any>): string =>
  typeof req.body?.username === 'string' ? req.body.username.trim().toLowerCase().slice(0, 64) : '';

/** Login attempts (POST /auth/login only): 5 a minute per client address and username, and 30 a minute per address. */
export const loginThrottle = scopedThrottler(
  'login',
  {
    throttlers: [
      { name: 'login-user', limit: 5, ttl: 60_000, getTracker: (req) => `${ipOf(req)}|${usernameOf(req)}` },
      { name: 'login-ip', limit: 30, ttl: 60_000, getTracker: (req) => ipOf(req) },
    ],
  },
  (secondsLeft) => ({ code: 'AUTH.TOO_MANY_ATTEMPTS', detail: `Too many login attempts; try again in ${secondsLeft} s` }),
);
