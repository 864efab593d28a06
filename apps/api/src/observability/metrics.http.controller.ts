import { Controller, ForbiddenException, Get, Header, Inject, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { APP_CONFIG, type AppConfig } from '../../../common/src/config';
import { Public } from '../http/public.decorator';
import { ApiMetrics } from './metrics';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * Prometheus metrics. With COBUILD_METRICS_TOKEN set, a scraper must send it as a bearer token;
 * without it, only callers on this machine (loopback) are answered.
 */
@ApiExcludeController()
@Controller('metrics')
export class MetricsHttpController {
  constructor(
    private readonly metrics: ApiMetrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @Public()
  @Header('Content-Type', 'text/plain; version=0.0.4')
  async scrape(@Req() req: Request): Promise<string> {
    const token = this.config.metricsToken;
    const ok = token ? req.header('authorization') === `Bearer ${token}` : LOOPBACK.has(req.socket.remoteAddress ?? '');
    if (!ok) throw new ForbiddenException({ code: 'AUTH.METRICS_FORBIDDEN', detail: 'Metrics need the metrics token (or a loopback caller)' });
    return this.metrics.registry.metrics();
  }
}
