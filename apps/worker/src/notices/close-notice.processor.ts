import { UnrecoverableError } from 'bullmq';
import { DomainError, notice } from '@cobuild/domain';
import { NOTICE_JOBS, NOTICES_QUEUE, type CloseNoticeJob } from '../../../../libs/jobs/src/notices/notice-jobs';
import type { JobProcessor } from '../jobs/job-processor';
import { NOTICES_ACTOR } from './publish-notice.processor';

/**
 * Closes a notice when its objection period ends (the delayed job planned from NoticePublished).
 * Closing a closed notice writes nothing; a job that runs a moment early (clock skew) is retried.
 */
export const closeNoticeProcessor: JobProcessor<CloseNoticeJob> = {
  queue: NOTICES_QUEUE,
  name: NOTICE_JOBS.close,
  async process(job, { handler, clock }) {
    const d = job.data;
    try {
      const r = await handler.handle(
        notice.decider,
        notice.streamName(d.noticeId),
        { type: 'CloseNotice', data: { noticeId: d.noticeId } },
        { actor: NOTICES_ACTOR, now: clock.now(), correlationId: d.correlationId, causationId: d.causationId, idempotencyKey: `notice-close:${d.noticeId}` },
        { communityId: () => d.communityId },
      );
      return r.events.length ? `closed ${d.noticeId}` : `${d.noticeId} was already closed`;
    } catch (e) {
      if (e instanceof DomainError && e.code === 'NOTICE.PERIOD_NOT_ENDED') throw e; // retried with backoff
      if (e instanceof DomainError) throw new UnrecoverableError(`${e.code}: ${e.message}`);
      throw e;
    }
  },
};
