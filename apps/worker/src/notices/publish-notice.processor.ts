import { UnrecoverableError } from 'bullmq';
import { DomainError, notice, type Actor } from '@cobuild/domain';
import { communityNoticeSettings, takeCommunitySnapshot } from '@cobuild/audit';
import { addWorkingDays, type WorkingDayCalendar } from '../../../../libs/domain/src/calendar';
import { holidayCalendarInForce } from '../../../common/src/holiday-calendar';
import type { community } from '@cobuild/domain';
import { NOTICE_JOBS, NOTICES_QUEUE, parsePeriodicSubject, periodicNoticeId, periodicSubject, type PublishNoticeJob } from '../../../../libs/jobs/src/notices/notice-jobs';
import { nextNoticePeriod } from '../../../../libs/jobs/src/notices/notice-periods';
import type { JobInput, JobProcessor, ProcessorContext } from '../jobs/job-processor';

export const NOTICES_ACTOR: Actor = { id: 'worker:notices', role: 'system' };

/**
 * Publishes a notice (公示) the way the API's publish endpoint does (libs/audit/src/notice-snapshot.ts):
 * the community's snapshot at the log's head with its SHA-256 digest, and an objection period of
 * the community's working days. The notice id is deterministic and the Idempotency-Key comes from
 * it, so a retried job publishes once; a periodic job planned under a frequency the community no
 * longer has publishes nothing.
 */
export async function publishNotice(job: JobInput<PublishNoticeJob>, { store, handler, clock }: ProcessorContext, calendar?: WorkingDayCalendar): Promise<string> {
  let d = job.data;
  let settings;
  try {
    settings = await communityNoticeSettings(store, d.communityId);
  } catch (e) {
    if (e instanceof DomainError && e.kind === 'not_found') throw new UnrecoverableError(e.message);
    throw e;
  }
  if (d.frequency && settings.noticeFrequency !== d.frequency) return `skipped: ${d.communityId} now publishes ${settings.noticeFrequency}`;
  const now = clock.now();
  if (d.frequency && d.periodPublishAt) d = currentPeriod(d, d.frequency, d.periodPublishAt, now, settings.timeZone);
  if (await store.streamExists(notice.streamName(d.noticeId))) return `notice ${d.noticeId} already published`;
  const snapshot = await takeCommunitySnapshot(store, d.communityId);
  try {
    await handler.handle(
      notice.decider,
      notice.streamName(d.noticeId),
      {
        type: 'PublishNotice',
        data: {
          noticeId: d.noticeId,
          communityId: d.communityId,
          kind: d.kind,
          title: d.title,
          logPosition: snapshot.logPosition,
          digest: snapshot.digest,
          objectionPeriodEndsAt: addWorkingDays(now.toISOString(), settings.objectionPeriodWorkingDays, calendar ?? (await holidayCalendarInForce(store)), settings.timeZone),
          subjectId: d.subjectId,
        },
      },
      { actor: NOTICES_ACTOR, now, correlationId: d.correlationId, causationId: d.causationId, idempotencyKey: `notice-job:${d.noticeId}` },
      { communityId: () => d.communityId },
    );
  } catch (e) {
    if (e instanceof DomainError && e.code === 'NOTICE.ALREADY_PUBLISHED') return `notice ${d.noticeId} already published`;
    if (e instanceof DomainError) throw new UnrecoverableError(`${e.code}: ${e.message}`);
    throw e;
  }
  return `published ${d.noticeId} at position ${snapshot.logPosition} (${snapshot.eventCount} events)`;
}

/**
 * A periodic job that runs late (the dispatcher first meeting a community registered long ago, or
 * a worker down for weeks) publishes the period current now, not the one it was planned for: its
 * id is still deterministic, and the chain goes on from it. A job a moment early keeps its period.
 */
function currentPeriod(d: PublishNoticeJob, frequency: community.NoticeFrequency, publishAt: string, now: Date, timeZone: string): PublishNoticeJob {
  let period = { key: parsePeriodicSubject(d.subjectId)?.periodKey ?? '', publishAt, label: d.periodLabel ?? '' };
  for (let next = nextNoticePeriod(frequency, period.publishAt, timeZone); Date.parse(next.publishAt) <= now.getTime(); next = nextNoticePeriod(frequency, next.publishAt, timeZone))
    period = next;
  if (period.publishAt === publishAt) return d;
  return { ...d, noticeId: periodicNoticeId(d.communityId, period.key), subjectId: periodicSubject(frequency, period.key), title: `${period.label}三张清单公示`, periodPublishAt: period.publishAt, periodLabel: period.label };
}

export const periodicNoticeProcessor: JobProcessor<PublishNoticeJob> = { queue: NOTICES_QUEUE, name: NOTICE_JOBS.periodic, process: (job, ctx) => publishNotice(job, ctx) };
export const decisionNoticeProcessor: JobProcessor<PublishNoticeJob> = { queue: NOTICES_QUEUE, name: NOTICE_JOBS.decision, process: (job, ctx) => publishNotice(job, ctx) };
