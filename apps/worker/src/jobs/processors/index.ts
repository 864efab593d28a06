import type { JobProcessor } from '../job-processor';
import { taskReminderProcessor } from './task-reminder.processor';
import { ratingReminderProcessor } from './rating-reminder.processor';
import { yearEndReminderProcessor } from './year-end-reminder.processor';
import { closeNoticeProcessor } from '../../notices/close-notice.processor';
import { decisionNoticeProcessor, periodicNoticeProcessor } from '../../notices/publish-notice.processor';

/** Every processor the worker runs: one per job kind (queue + job name). */
export const jobProcessors: readonly JobProcessor[] = [
  taskReminderProcessor,
  ratingReminderProcessor,
  yearEndReminderProcessor,
  periodicNoticeProcessor,
  decisionNoticeProcessor,
  closeNoticeProcessor,
];
