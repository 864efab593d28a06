import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { isClientRoute } from './client-routes';

/** Where `npm run build:web` puts the console: dist/web, seen from the sources or from the build. */
export function webConsoleDir(): string | null {
  const candidates = [
    process.env.COBUILD_WEB_DIR,
    resolve(__dirname, '../../../../dist/web'), // apps/api/src/web → dist/web
    resolve(__dirname, '../../../../web'), // dist/apps/api/src/web → dist/web (from the sources this is web/, the unbuilt app: skipped below)
  ].filter((d): d is string => !!d);
  return candidates.find((d) => existsSync(join(d, 'index.html')) && existsSync(join(d, 'assets'))) ?? null;
}

/**
 * Serves the web console (web/, built by Vite) at `/`: hashed assets under /assets, index.html for
 * the client routes (history fallback), with a same-origin Content-Security-Policy. Anything else
 * falls through to the API.
 */
export function serveWebConsole(app: NestExpressApplication, dir: string | null = webConsoleDir()): void {
  const csp = helmet.contentSecurityPolicy({
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      fontSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  });
  if (!dir) {
    Logger.warn('the web console is not built (npm run build:web): / answers a hint only', 'web');
    app.use((req: Request, res: Response, next: NextFunction) => {
      if (req.method !== 'GET' || !isClientRoute(req.path)) return next();
      res.status(503).type('text/plain; charset=utf-8').send('The web console is not built: run `npm run build` (or `npm run build:web`).\n');
    });
    return;
  }
  const assets = express.static(join(dir, 'assets'), { immutable: true, maxAge: '365d', index: false });
  const index = join(dir, 'index.html');
  app.use('/assets', csp, assets);
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !isClientRoute(req.path)) return next();
    csp(req, res, () => {
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(index);
    });
  });
}
