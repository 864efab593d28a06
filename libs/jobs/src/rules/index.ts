import type { JobRule } from '../job-plan';
import { taskRemindersRule } from './task-reminders.rule';
import { noticeClosingRule } from './notice-closing.rule';
import { noticePublishingRule } from './notice-publishing.rule';
import { ratingRemindersRule } from './rating-reminders.rule';
import { yearEndRemindersRule } from './year-end-reminders.rule';

/**
 * Every rule the dispatcher runs, in order. Add a job kind: write `<kind>.rule.ts` beside this
 * file (event → DispatchAction[], pure), list it here, and register its processor in
 * apps/worker/src/jobs/processors/index.ts (see libs/jobs/README.md).
 */
export const jobRules: readonly JobRule[] = [taskRemindersRule, noticePublishingRule, noticeClosingRule, ratingRemindersRule, yearEndRemindersRule];

export { webhookDeliveryRules } from './webhook-delivery.rules';
