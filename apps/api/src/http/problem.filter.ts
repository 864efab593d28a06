import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { toProblem } from './problem';

/** Every error leaves as application/problem+json. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request & { id?: string }>();
    const res = http.getResponse<Response>();
    const body = toProblem(error);
    if (body.status >= 500) this.logger.error(`${req.method} ${req.originalUrl} [${req.id}] ${(error as Error)?.stack ?? String(error)}`);
    res
      .status(body.status)
      .type('application/problem+json')
      .json({ ...body, instance: req.originalUrl, requestId: req.id });
  }
}
