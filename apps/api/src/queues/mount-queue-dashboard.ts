import type { INestApplication } from '@nestjs/common';
import type { Request, Response } from 'express';
import { BearerAuthGuard } from '../auth/bearer-auth.guard';
import { problem } from '../http/problem';
import { sendProblem } from '../http/http-middleware';
import { ApiQueues } from './api-queues';
import { QUEUE_DASHBOARD_PATH, queueDashboard } from './queue-dashboard';

/** Mounts @bull-board on the Nest express instance (before Nest's routes): see queue-dashboard.ts. */
export function mountQueueDashboard(app: INestApplication): void {
  const queues = app.get(ApiQueues);
  if (!queues.configured) {
    app.use(QUEUE_DASHBOARD_PATH, (req: Request, res: Response) =>
      sendProblem(req, res, problem(503, 'QUEUE.NOT_CONFIGURED', 'No queue is configured (REDIS_URL is unset): jobs wait in the event log')),
    );
    return;
  }
  const guard = app.get(BearerAuthGuard);
  app.use(QUEUE_DASHBOARD_PATH, ...queueDashboard(queues.queues, (token) => guard.authenticate(token)));
}
