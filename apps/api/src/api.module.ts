import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import type { AppConfig } from '../../common/src/config';
import { ConfigModule } from '../../common/src/config.module';
import { EventStoreModule } from '../../common/src/event-store.module';
import { AuditModule } from './audit/audit.module';
import { ListsModule } from './lists/lists.module';
import { ReadModelsModule } from './read-models/read-models.module';
import { ViewsModule } from './views/views.module';
import { AuthModule } from './auth/auth.module';
import { BenchFloorHttpController } from './bench/bench-floor.http.controller';
import { BearerAuthGuard } from './auth/bearer-auth.guard';
import { CommandsModule } from './commands/commands.module';
import { HealthModule } from './health/health.module';
import { RegistrationsModule } from './registrations/registrations.module';
import { PledgesModule } from './pledges/pledges.module';
import { TasksModule } from './tasks/tasks.module';
import { MeetingsModule } from './meetings/meetings.module';
import { NoticesModule } from './notices/notices.module';
import { EvaluationsModule } from './evaluations/evaluations.module';
import { AssessmentsModule } from './assessments/assessments.module';
import { ProblemFilter } from './http/problem.filter';
import { RoleGuard } from './http/role.guard';
import { validationPipe } from './http/validation';
import { NeedsModule } from './needs/needs.module';
import { ObservabilityModule } from './observability/observability.module';
import { OrganisationsModule } from './organisations/organisations.module';
import { WebModule } from './web/web.module';
import { QueuesModule } from './queues/queues.module';
import { WebhooksModule } from './webhooks/webhooks.module';
import { CalendarModule } from './calendar/calendar.module';

const features = [
  CommandsModule,
  OrganisationsModule,
  RegistrationsModule,
  NeedsModule,
  PledgesModule,
  TasksModule,
  MeetingsModule,
  NoticesModule,
  CalendarModule,
  EvaluationsModule,
  AssessmentsModule,
  AuditModule,
  ReadModelsModule,
  ListsModule,
  ViewsModule,
  QueuesModule,
  WebhooksModule,
  WebModule,
];

/** The HTTP API: thin controllers around the command handler and the read models. */
@Module({})
export class ApiModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [ConfigModule.forRoot(config), ObservabilityModule, EventStoreModule, HealthModule, AuthModule, ...features],
      controllers: process.env.COBUILD_BENCH_FLOOR === '1' ? [BenchFloorHttpController] : [],
      providers: [
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_PIPE, useFactory: validationPipe },
        // authentication first (sets request.principal), then the role check of @Allow
        { provide: APP_GUARD, useExisting: BearerAuthGuard },
        { provide: APP_GUARD, useClass: RoleGuard },
      ],
    };
  }
}
