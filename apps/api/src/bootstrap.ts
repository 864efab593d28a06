import 'reflect-metadata';
import { Logger, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { AppConfig } from '../../common/src/config';
import { ApiModule } from './api.module';

export async function createApi(config: AppConfig, options: { logs?: boolean } = {}): Promise<INestApplication> {
  const app = await NestFactory.create(ApiModule.forRoot(config), {
    logger: options.logs === false ? false : ['error', 'warn', 'log'],
  });
  app.enableShutdownHooks();
  return app;
}

export async function startApi(config: AppConfig): Promise<INestApplication> {
  const app = await createApi(config);
  await app.listen(config.port, config.host);
  const url = await app.getUrl();
  const es = config.eventStore;
  Logger.log(
    `cobuild API on ${url} — event store: ${es.kind}${es.kind === 'embedded' ? ` (${es.dataDir})` : ''}; health: ${url}/health`,
    'cobuild',
  );
  if (!config.redisUrl)
    Logger.warn('REDIS_URL is not set: notices and reminders wait in the event log until a queue is configured', 'cobuild');
  return app;
}
