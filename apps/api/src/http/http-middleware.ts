import { randomUUID } from 'node:crypto';
import { STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import express, { type NextFunction, type Request, type Response } from 'express';
import { depthError, tooDeep } from './input-rules';
import { problem } from './problem';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Request id: the client's X-Request-Id when well-formed, else a new one; echoed on the response. */
export function requestId(req: Request, res: Response, next: NextFunction): void {
  const given = req.header('x-request-id');
  const id = given && REQUEST_ID.test(given) ? given : randomUUID();
  (req as Request & { id?: unknown }).id = id;
  res.setHeader('X-Request-Id', id);
  next();
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/** Bodies must be JSON: anything else is a 415 before it reaches a controller. */
export function requireJson(req: Request, res: Response, next: NextFunction): void {
  const hasBody = Number(req.header('content-length') ?? 0) > 0 || req.header('transfer-encoding') !== undefined;
  if (BODY_METHODS.has(req.method) && hasBody && !req.is(['application/json', 'application/*+json'])) {
    sendProblem(req, res, problem(415, 'HTTP.UNSUPPORTED_MEDIA_TYPE', `Send the body as application/json, not ${req.header('content-type') ?? 'no content type'}`));
    return;
  }
  next();
}

export function jsonBody(limit: string) {
  return express.json({ limit, strict: true, type: ['application/json', 'application/*+json'] });
}

/**
 * A parsed body nested deeper than any endpoint takes is refused here, before guards, pipes or
 * logging walk it (10,000 nested arrays used to overflow the stack in a 500, even unauthenticated).
 */
export function capJsonDepth(req: Request, res: Response, next: NextFunction): void {
  const at = req.body !== null && typeof req.body === 'object' ? tooDeep(req.body) : null;
  if (at === null) return next();
  const error = depthError(at || 'body');
  sendProblem(req, res, problem(400, 'VALIDATION.FAILED', `${error.field}: ${error.message}`, { errors: [error] }));
}

/** body-parser's errors (broken JSON, too large) as problem+json, before Nest routing. */
export function bodyErrors(err: Error & { type?: string; status?: number; limit?: number }, req: Request, res: Response, next: NextFunction): void {
  if (err.type === 'entity.too.large')
    return sendProblem(req, res, problem(413, 'HTTP.PAYLOAD_TOO_LARGE', `The body is larger than the limit of ${err.limit} bytes`));
  if (err.type === 'entity.parse.failed')
    return sendProblem(req, res, problem(400, 'HTTP.MALFORMED_JSON', `The body is not valid JSON: ${err.message}`));
  if (err.type === 'encoding.unsupported' || err.type === 'charset.unsupported')
    return sendProblem(req, res, problem(415, 'HTTP.UNSUPPORTED_MEDIA_TYPE', err.message));
  if (err.status && err.status >= 400 && err.status < 500)
    return sendProblem(req, res, problem(err.status, `HTTP.${err.status}`, err.message));
  next(err);
}

export function sendProblem(req: Request, res: Response, body: ReturnType<typeof problem>): void {
  const id = (req as Request & { id?: unknown }).id;
  res.status(body.status).type('application/problem+json').json({ ...body, instance: req.originalUrl, requestId: id === undefined ? undefined : String(id) });
}

/**
 * Requests Node's HTTP parser refuses before Express sees them (a URL or headers over 16 KB, a
 * malformed request line) are answered as problem+json too, instead of Node's bare 400/431.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (err: Error & { code?: string }, socket: Duplex) => {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const [status, code, detail] =
      err.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'HTTP.HEADERS_TOO_LARGE', 'The URL and headers are larger than the server accepts (16 KB); send long values in a JSON body']
        : err.code === 'HPE_REQUEST_TIMEOUT' || err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? [408, 'HTTP.REQUEST_TIMEOUT', 'The request was not received in time']
          : [400, 'HTTP.BAD_REQUEST', 'The request is not valid HTTP'];
    const body = JSON.stringify(problem(status, code, detail));
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/problem+json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
