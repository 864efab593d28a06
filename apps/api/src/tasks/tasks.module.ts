import { Module } from '@nestjs/common';
import { CommandsModule } from '../commands/commands.module';
import { AcceptStreetEscalationHttpController } from './accept-street-escalation.http.controller';
import { ResolveStreetEscalationHttpController } from './resolve-street-escalation.http.controller';
import { AcceptTaskEscalationHttpController } from './accept-task-escalation.http.controller';
import { AcceptTaskHttpController } from './accept-task.http.controller';
import { AssignTaskHttpController } from './assign-task.http.controller';
import { CancelTaskHttpController } from './cancel-task.http.controller';
import { ClaimNeedHttpController } from './claim-need.http.controller';
import { CloseTaskHttpController } from './close-task.http.controller';
import { CompleteTaskHttpController } from './complete-task.http.controller';
import { ConfirmTaskClaimHttpController } from './confirm-task-claim.http.controller';
import { DeclineTaskHttpController } from './decline-task.http.controller';
import { EscalateTaskHttpController } from './escalate-task.http.controller';
import { FormTaskHttpController } from './form-task.http.controller';
import { GetTaskHttpController } from './get-task.http.controller';
import { GrantTaskExtensionHttpController } from './grant-task-extension.http.controller';
import { ReassignTaskHttpController } from './reassign-task.http.controller';
import { RefuseTaskExtensionHttpController } from './refuse-task-extension.http.controller';
import { RejectTaskClaimHttpController } from './reject-task-claim.http.controller';
import { RejectTaskCompletionHttpController } from './reject-task-completion.http.controller';
import { ReopenTaskForReworkHttpController } from './reopen-task-for-rework.http.controller';
import { ReportTaskProgressHttpController } from './report-task-progress.http.controller';
import { RequestTaskExtensionHttpController } from './request-task-extension.http.controller';
import { ResolveTaskEscalationHttpController } from './resolve-task-escalation.http.controller';
import { VerifyTaskHttpController } from './verify-task.http.controller';
import { TaskFormationService } from './task-formation.service';
import { TaskReader } from './task-reader';

const commandControllers = [
  FormTaskHttpController,
  ClaimNeedHttpController,
  ConfirmTaskClaimHttpController,
  RejectTaskClaimHttpController,
  AssignTaskHttpController,
  AcceptTaskHttpController,
  DeclineTaskHttpController,
  ReportTaskProgressHttpController,
  CompleteTaskHttpController,
  RequestTaskExtensionHttpController,
  VerifyTaskHttpController,
  RejectTaskCompletionHttpController,
  ReopenTaskForReworkHttpController,
  CloseTaskHttpController,
  GrantTaskExtensionHttpController,
  RefuseTaskExtensionHttpController,
  EscalateTaskHttpController,
  AcceptTaskEscalationHttpController,
  ResolveTaskEscalationHttpController,
  AcceptStreetEscalationHttpController,
  ResolveStreetEscalationHttpController,
  ReassignTaskHttpController,
  CancelTaskHttpController,
];
const queryControllers = [GetTaskHttpController];

/**
 * 项目清单: forming tasks (the formation process), claims, the unit's work, the community's oversight,
 * escalations. MarkTaskOverdue is a system command of the deadline job (worker), not an endpoint.
 */
@Module({
  imports: [CommandsModule],
  controllers: [...commandControllers, ...queryControllers],
  providers: [TaskReader, TaskFormationService],
})
export class TasksModule {}
