import { isIntegerIn, millis, optionalText, requireId, requireText } from '../guards';
import { conflict, invalid } from '../shared/domain-error';
import type {
  AcceptTask,
  CompleteTask,
  DeclineTask,
  ReportTaskProgress,
  RequestTaskDeadlineExtension,
} from './commands';
import { EVIDENCE_KINDS, type Evidence, type TaskEvent } from './events';
import {
  ACTIVE,
  ID,
  INPUT,
  requireFutureDeadline,
  requireReason,
  requireResponsible,
  requireStatus,
} from './rules';
import type { ExistingTask, TaskState } from './state';

/** What the responsible unit (or member) does with its task. */

const AFTER_ACCEPTANCE = ['accepted', 'in_progress', 'completed'];

export function accept(command: AcceptTask, state: TaskState): TaskEvent[] {
  const task = requireAwaitingAnswer(state, command.data.taskId);
  const responsible = requireResponsible(command.meta.actor, task);
  return [
    {
      type: 'TaskAccepted',
      data: { taskId: task.taskId, communityId: task.communityId, responsible, acceptedAt: command.meta.now.toISOString() },
    },
  ];
}

export function decline(command: DeclineTask, state: TaskState): TaskEvent[] {
  const task = requireAwaitingAnswer(state, command.data.taskId);
  const responsible = requireResponsible(command.meta.actor, task);
  const reason = requireReason(command.data.reason);
  return [
    {
      type: 'TaskDeclined',
      data: {
        taskId: task.taskId,
        communityId: task.communityId,
        responsible,
        needIds: [...task.needIds],
        allocations: task.allocations.map((a) => ({ ...a })),
        reason,
      },
    },
  ];
}

export function reportProgress(command: ReportTaskProgress, state: TaskState): TaskEvent[] {
  const { data, meta } = command;
  const task = requireStatus(state, data.taskId, ['accepted', 'in_progress']);
  requireResponsible(meta.actor, task);
  const reportId = requireId(data.reportId, ID, 'reportId');
  if (task.progressReportIds.includes(reportId)) return []; // a retried report
  const percentComplete = data.percentComplete ?? null;
  if (percentComplete !== null && !isIntegerIn(percentComplete, 0, 100)) {
    throw invalid(INPUT, 'percentComplete must be a whole number from 0 to 100', { field: 'percentComplete' });
  }
  return [
    {
      type: 'TaskProgressReported',
      data: {
        taskId: task.taskId,
        communityId: task.communityId,
        reportId,
        summary: requireText(data.summary, INPUT, 'summary', 5000),
        percentComplete,
        reportedAt: meta.now.toISOString(),
      },
    },
  ];
}

export function complete(command: CompleteTask, state: TaskState): TaskEvent[] {
  const { data, meta } = command;
  const task = requireStatus(state, data.taskId, ['accepted', 'in_progress']);
  const responsible = requireResponsible(meta.actor, task);
  const summary = requireText(data.summary, INPUT, 'summary', 5000);
  if (!Array.isArray(data.evidence) || data.evidence.length === 0) {
    throw invalid('TASK.EVIDENCE_REQUIRED', 'a completion report carries evidence (photos, documents, links)', {
      field: 'evidence',
    });
  }
  const evidence: Evidence[] = data.evidence.map((e, i) => {
    if (!EVIDENCE_KINDS.includes(e?.kind)) {
      throw invalid(INPUT, `evidence kind must be one of ${EVIDENCE_KINDS.join(', ')}`, { field: `evidence[${i}].kind` });
    }
    return {
      kind: e.kind,
      uri: requireText(e.uri, INPUT, `evidence[${i}].uri`, 2000),
      description: optionalText(e.description, INPUT, `evidence[${i}].description`, 1000),
    };
  });
  return [
    {
      type: 'TaskCompleted',
      data: { taskId: task.taskId, communityId: task.communityId, responsible, summary, evidence, completedAt: meta.now.toISOString() },
    },
  ];
}

export function requestExtension(command: RequestTaskDeadlineExtension, state: TaskState): TaskEvent[] {
  const { data, meta } = command;
  const task = requireStatus(state, data.taskId, ACTIVE);
  requireResponsible(meta.actor, task);
  if (task.extensionRequest) {
    throw conflict('TASK.EXTENSION_ALREADY_PENDING', 'an extension request already awaits the community', {
      requestedDeadline: task.extensionRequest.requestedDeadline,
    });
  }
  const requestedDeadline = requireFutureDeadline(data.requestedDeadline, meta.now, 'requestedDeadline');
  const currentDeadline = requireLaterThanDeadline(task, requestedDeadline, 'requestedDeadline');
  const reason = requireReason(data.reason);
  return [
    {
      type: 'TaskDeadlineExtensionRequested',
      data: { taskId: task.taskId, communityId: task.communityId, currentDeadline, requestedDeadline, reason },
    },
  ];
}

export function requireLaterThanDeadline(task: ExistingTask, deadline: string, field: string): string {
  if (task.deadline === null) throw conflict('TASK.WRONG_STATUS', `task ${task.taskId} has no deadline`);
  if (millis(deadline) <= millis(task.deadline)) {
    throw invalid('TASK.EXTENSION_NOT_LATER', `${field} must be later than the current deadline ${task.deadline}`, { field });
  }
  return task.deadline;
}

function requireAwaitingAnswer(state: TaskState, taskId: string): ExistingTask {
  if (state.status !== 'none' && AFTER_ACCEPTANCE.includes(state.status)) {
    throw conflict('TASK.ALREADY_ACCEPTED', `task ${taskId} was already accepted`, { status: state.status });
  }
  return requireStatus(state, taskId, ['assigned']);
}
