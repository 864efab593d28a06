import { randomUUID } from 'node:crypto';
import { Module } from '@nestjs/common';
import { LoggerModule, type Params } from 'nestjs-pino';
import { APP_CONFIG, type AppConfig } from '../../../common/src/config';
import { ApiMetrics } from './metrics';
import { MetricsHttpController } from './metrics.http.controller';

/** Structured JSON logs (pino) with the request id and the caller on every line; Prometheus metrics. */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): Params => ({
        pinoHttp: {
          level: config.logLevel,
          genReqId: (req) => (req as { id?: string }).id ?? randomUUID(),
          customProps: (req) => {
            const principal = (req as { principal?: { accountId: string } }).principal;
            return principal ? { actor: principal.accountId } : {};
          },
          redact: ['req.headers.authorization', 'req.headers.cookie'],
          serializers: { req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }) },
          quietReqLogger: true,
        },
      }),
    }),
  ],
  controllers: [MetricsHttpController],
  providers: [ApiMetrics],
  exports: [ApiMetrics],
})
export class ObservabilityModule {}
