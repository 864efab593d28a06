import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Queue } from 'bullmq';
import type { NextFunction, Request, Response } from 'express';
import type { Principal } from '@cobuild/auth';
import { problem } from '../http/problem';
import { sendProblem } from '../http/http-middleware';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';
/** the cookie a browser keeps its bearer token in for the dashboard's own requests (HttpOnly, this path only) */
export const DASHBOARD_COOKIE = 'cobuild_queues';
/** who may see and act on the queues: they hold every community's jobs, so district admins */
export const DASHBOARD_ROLE = 'district_admin';

export type Authenticate = (token: string) => Promise<Principal | null>;

/**
 * The queue dashboard (@bull-board) on the API's express instance, under /admin/queues, behind
 * the same bearer authentication as the API and the district_admin role. A browser cannot add an
 * Authorization header to the dashboard's page and API calls, so `POST /admin/queues/session` with
 * the bearer token sets it as an HttpOnly, SameSite=Strict cookie scoped to /admin/queues.
 */
export function queueDashboard(queues: readonly Queue[], authenticate: Authenticate) {
  const adapter = new ExpressAdapter();
  adapter.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({ queues: queues.map((q) => new BullMQAdapter(q)), serverAdapter: adapter, options: { uiConfig: { boardTitle: 'cobuild queues' } } });
  const router = adapter.getRouter();

  const guard = async (req: Request, res: Response, next: NextFunction) => {
    const header = /^Bearer\s+(\S+)\s*$/i.exec(req.header('authorization') ?? '')?.[1];
    const token = header ?? cookie(req, DASHBOARD_COOKIE);
    if (!token) return deny(req, res, 401, 'AUTH.MISSING_TOKEN', 'The queue dashboard needs an Authorization: Bearer token (or POST /admin/queues/session first)');
    const principal = await authenticate(token).catch(() => null);
    if (!principal) return deny(req, res, 401, 'AUTH.INVALID_TOKEN', 'The bearer token is invalid or expired, or its account is disabled');
    if (!principal.grants.some((g) => g.role === DASHBOARD_ROLE))
      return deny(req, res, 403, 'AUTH.ROLE_NOT_ALLOWED', `The queue dashboard needs the role ${DASHBOARD_ROLE}`);
    if (req.method === 'POST' && req.path === '/session') {
      if (!header) return deny(req, res, 401, 'AUTH.MISSING_TOKEN', 'Send the token as Authorization: Bearer to open a dashboard session');
      const secure = req.secure ? '; Secure' : '';
      res.setHeader('Set-Cookie', `${DASHBOARD_COOKIE}=${encodeURIComponent(header)}; Path=${QUEUE_DASHBOARD_PATH}; HttpOnly; SameSite=Strict${secure}`);
      res.status(204).end();
      return;
    }
    next();
  };
  return [guard, router] as const;
}

function deny(req: Request, res: Response, status: 401 | 403, code: string, detail: string): void {
  if (status === 401) res.setHeader('WWW-Authenticate', 'Bearer realm="cobuild"');
  sendProblem(req, res, problem(status, code, detail));
}

function cookie(req: Request, name: string): string | undefined {
  for (const part of (req.header('cookie') ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}
