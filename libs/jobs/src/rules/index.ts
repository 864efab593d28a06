import type { JobRule } from '../job-plan';
import { taskRemindersRule } from './task-reminders.rule';
import { noticeClosingRule } from './notice-closing.rule';
import { noticePublishingRule } from './notice-publishing.rule';

/**
 * Every rule the dispatcher runs, in order. Add a job kind: write `<kind>.rule.ts` beside this
 * file (event → DispatchAction[], pure), list it here, and register its processor in
 * apps/worker/src/jobs/processors/index.ts (see libs/jobs/README.md).
 */
export const jobRules: readonly JobRule[] = [taskRemindersRule, noticePublishingRule, noticeClosingRule];

export { webhookDeliveryRules } from './webhook-delivery.rules';
