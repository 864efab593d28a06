import 'reflect-metadata';
import { Logger, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import type { AppConfig } from '../../common/src/config';
import { Logger as PinoLogger } from 'nestjs-pino';
import { AccountsService } from '@cobuild/auth';
import { ApiModule } from './api.module';
import { firstStartNotice } from './auth';
import { ApiMetrics } from './observability/metrics';
import { answerClientErrors, bodyErrors, capJsonDepth, jsonBody, requestId, requireJson } from './http/http-middleware';
import { ProblemDto } from './http/problem.dto';
import { mountQueueDashboard } from './queues/mount-queue-dashboard';
import { serveWebConsole } from './web/web-console';

export const BODY_LIMIT = '256kb';

export async function createApi(config: AppConfig, options: { logs?: boolean } = {}): Promise<INestApplication> {
  const quiet = options.logs === false;
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(quiet ? { ...config, logLevel: 'silent' } : config), {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(PinoLogger));
  app.set('trust proxy', 'loopback');
  app.use(requestId);
  app.use(app.get(ApiMetrics).middleware);
  app.use(helmet({ contentSecurityPolicy: false }));
  serveWebConsole(app); // the web console at / (its own CSP); API routes are never shadowed
  app.use(requireJson);
  app.use(jsonBody(BODY_LIMIT));
  app.use(bodyErrors);
  app.use(capJsonDepth);
  mountQueueDashboard(app); // /admin/queues: bull-board for district admins, behind the bearer auth
  answerClientErrors(app.getHttpServer());
  // no enableShutdownHooks(): Nest's hook re-raises SIGTERM once the API is closed, which killed
  // `npm start`'s process while its worker and projector were still stopping; each main stops its parts itself
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('cobuild API — 共驻共建 · 三张清单')
      .setDescription(
        'Needs, resources and tasks of community co-building. Errors are application/problem+json with a stable `code`. ' +
          'Every date-time is an instant with its offset (2026-12-31T16:00:00Z or 2027-01-01T00:00:00+08:00); one without an offset, or a bare date, is refused (400). ' +
          'Text is well-formed Unicode without control characters, numbers stay within ±(2^53−1), bodies nest at most 32 levels.',
      )
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
    { extraModels: [ProblemDto] },
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}

export async function startApi(config: AppConfig): Promise<INestApplication> {
  const app = await createApi(config);
  await app.listen(config.port, config.host);
  const url = await app.getUrl();
  const es = config.eventStore;
  Logger.log(
    `cobuild API on ${url} — event store: ${es.kind}${es.kind === 'embedded' ? ` (${es.dataDir})` : ''}; health: ${url}/health; docs: ${url}/docs`,
    'cobuild',
  );
  // with the embedded queue (COBUILD_EMBEDDED_QUEUE=pglite) the worker says where the queues run
  if (!config.redisUrl && config.embeddedQueue !== 'pglite')
    Logger.warn('REDIS_URL is not set: notices and reminders wait in the event log until a queue is configured', 'cobuild');
  await firstStartNotice(app.get(AccountsService));
  return app;
}
