import { assertNever } from '../shared/decider';
import type { TaskCommand } from './commands';
import { acceptEscalation, markOverdue, resolveEscalation } from './escalation';
import type { TaskEvent } from './events';
import { assign, claim, confirmClaim, propose, rejectClaim } from './form';
import {
  cancel,
  close,
  escalate,
  grantExtension,
  reassign,
  refuseExtension,
  rejectCompletion,
  reopenForRework,
  verify,
} from './oversee';
import type { TaskState } from './state';
import { accept, complete, decline, reportProgress, requestExtension } from './work';

export function decideTask(command: TaskCommand, state: TaskState): TaskEvent[] {
  switch (command.type) {
    case 'ProposeTask':
      return propose(command, state);
    case 'ClaimNeed':
      return claim(command, state);
    case 'ConfirmTaskClaim':
      return confirmClaim(command, state);
    case 'RejectTaskClaim':
      return rejectClaim(command, state);
    case 'AssignTask':
      return assign(command, state);
    case 'AcceptTask':
      return accept(command, state);
    case 'DeclineTask':
      return decline(command, state);
    case 'ReportTaskProgress':
      return reportProgress(command, state);
    case 'CompleteTask':
      return complete(command, state);
    case 'RequestTaskDeadlineExtension':
      return requestExtension(command, state);
    case 'VerifyTask':
      return verify(command, state);
    case 'RejectTaskCompletion':
      return rejectCompletion(command, state);
    case 'ReopenTaskForRework':
      return reopenForRework(command, state);
    case 'CloseTask':
      return close(command, state);
    case 'GrantTaskDeadlineExtension':
      return grantExtension(command, state);
    case 'RefuseTaskDeadlineExtension':
      return refuseExtension(command, state);
    case 'EscalateTask':
      return escalate(command, state);
    case 'ReassignTask':
      return reassign(command, state);
    case 'CancelTask':
      return cancel(command, state);
    case 'AcceptTaskEscalation':
      return acceptEscalation(command, state);
    case 'ResolveTaskEscalation':
      return resolveEscalation(command, state);
    case 'MarkTaskOverdue':
      return markOverdue(command, state);
    default:
      return assertNever(command);
  }
}
