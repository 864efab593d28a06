import type { notice } from '@cobuild/domain';
import type { JobRule } from '../job-plan';
import { NOTICE_JOBS, NOTICES_QUEUE, type CloseNoticeJob } from '../notices/notice-jobs';

/** A published notice → a delayed job that closes it when its objection period (公示期) ends. */
export const noticeClosingRule: JobRule = {
  name: 'notice-closing',
  filter: { categories: ['notice'], eventTypes: ['NoticePublished'] },
  plan(e) {
    const d = e.data as notice.NoticePublished['data'];
    const data: CloseNoticeJob = { noticeId: d.noticeId, communityId: d.communityId, correlationId: e.metadata.correlationId, causationId: e.id };
    return [{ kind: 'add', job: { queue: NOTICES_QUEUE, name: NOTICE_JOBS.close, jobId: `notice-close.${d.noticeId}`, group: null, runAt: d.objectionPeriodEndsAt, data: { ...data } } }];
  },
};
