import type { Decider } from '../shared/decider';
import type { TaskCommand } from './commands';
import { decideTask } from './decide';
import type { TaskEvent } from './events';
import { evolveTask } from './evolve';
import { initialTaskState, type TaskState } from './state';

export * from './commands';
export * from './events';
export * from './state';
export { meetingSnapshot, needSnapshot, pledgeSnapshot } from './context';
export { departmentsEscalatedTo } from './escalation';

/** 项目清单 / 任务清单: one stream per task. */
export const category = 'task';
export const streamName = (taskId: string): string => `${category}-${taskId}`;

export const decider: Decider<TaskState, TaskCommand, TaskEvent> = {
  decide: decideTask,
  evolve: evolveTask,
  initialState: initialTaskState,
};
export { followUpsOf, formationCompensation, formationPlan, type Intent, type NeedIntent, type PledgeIntent } from './process';
