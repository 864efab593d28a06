import type { JobProcessor } from '../job-processor';
import { taskReminderProcessor } from './task-reminder.processor';

/** Every processor the worker runs: one per job kind (queue + job name). */
export const jobProcessors: readonly JobProcessor[] = [taskReminderProcessor];
