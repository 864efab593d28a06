import { task } from '@cobuild/domain';
import type { ScopeTarget } from '@cobuild/auth';
import type { CommandRoute } from '../commands/command-gateway';

/** The community a task belongs to: from its state, or from the forming command. */
export const taskCommunity = (state: task.TaskState, data: Readonly<Record<string, unknown>>): string | null =>
  state.status !== 'none' ? state.communityId : typeof data.communityId === 'string' ? data.communityId : null;

/** The responsible unit acts on its task wherever it is registered (it may have been reassigned there). */
export const responsibleUnit = (state: task.TaskState): Partial<ScopeTarget> =>
  state.status !== 'none' && state.responsible?.kind === 'unit' ? { unitId: state.responsible.unitId } : {};

/** An escalation to a department is handled in that department's scope. */
export const escalationDepartment = (state: task.TaskState): Partial<ScopeTarget> =>
  state.status !== 'none' && state.escalation?.to.kind === 'department' ? { departmentId: state.escalation.to.departmentId } : {};

/** A command on a task, addressed by id. */
export function taskRoute<T extends task.TaskCommand['type']>(
  taskId: string,
  type: T,
  data: Extract<task.TaskCommand, { type: T }>['data'],
  targetOf?: (state: task.TaskState) => Partial<ScopeTarget>,
): CommandRoute<task.TaskState, task.TaskCommand, task.TaskEvent> {
  return {
    decider: task.decider,
    streamId: task.streamName(taskId),
    id: taskId,
    command: { type, data } as Pick<task.TaskCommand, 'type' | 'data'>,
    communityOf: taskCommunity,
    ...(targetOf ? { targetOf } : {}),
  };
}

/** For the responsible unit's own commands (accept, decline, report, complete, ask for more time). */
export const unitTaskRoute = <T extends task.TaskCommand['type']>(taskId: string, type: T, data: Extract<task.TaskCommand, { type: T }>['data']) =>
  taskRoute<T>(taskId, type, data as never, responsibleUnit);

/** For the receiving department's commands on an escalation. */
export const departmentTaskRoute = <T extends task.TaskCommand['type']>(taskId: string, type: T, data: Extract<task.TaskCommand, { type: T }>['data']) =>
  taskRoute<T>(taskId, type, data as never, escalationDepartment);

/** An escalation to the street is handled in that street's scope (by its street admin). */
export const escalationStreet = (state: task.TaskState): Partial<ScopeTarget> =>
  state.status !== 'none' && state.escalation?.to.kind === 'street' ? { streetId: state.escalation.to.streetId } : { streetId: null };

/** For the street admin's commands on an escalation to the street. */
export const streetTaskRoute = <T extends task.TaskCommand['type']>(taskId: string, type: T, data: Extract<task.TaskCommand, { type: T }>['data']) =>
  taskRoute<T>(taskId, type, data as never, escalationStreet);
