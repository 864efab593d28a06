import { Module } from '@nestjs/common';
import { ObservabilityModule } from '../observability/observability.module';
import { ApiQueues } from './api-queues';

/** The worker's queues as the API sees them: the admin dashboard (/admin/queues) and queue metrics. */
@Module({
  imports: [ObservabilityModule],
  providers: [ApiQueues],
  exports: [ApiQueues],
})
export class QueuesModule {}
