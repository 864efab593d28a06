import type { community, evaluationRound, meeting, notice, task } from '@cobuild/domain';
import type { RecordedEvent } from '@cobuild/event-store';
import type { DispatchAction, JobRule, RuleContext } from '../job-plan';
import { nextNoticePeriod } from '../notices/notice-periods';
import { NOTICE_JOBS, NOTICES_QUEUE, parsePeriodicSubject, periodicNoticeId, periodicSubject, type PublishNoticeJob } from '../notices/notice-jobs';

/**
 * 公示 jobs from the log:
 * - periodic: a community registered (or its notice frequency or zone changed) → its next period's
 *   notice, at 09:00 local on the period's first day; each periodic notice published → the next
 *   period's (a chain, so the schedule is in the log, not in a timer). A job planned under a
 *   frequency the community no longer has is skipped by the processor.
 * - after key decisions, at once: a meeting closed with decisions (tasks formed), a task verified
 *   (its completion), a community's evaluation round closed (its results).
 */
export const noticePublishingRule: JobRule = {
  name: 'notice-publishing',
  filter: {
    categories: ['community', 'notice', 'meeting', 'task', 'evaluationRound'],
    eventTypes: ['CommunityRegistered', 'CommunityConfigured', 'NoticePublished', 'MeetingClosed', 'TaskVerified', 'EvaluationRoundClosed'],
  },
  plan(e: RecordedEvent, context: RuleContext): DispatchAction[] {
    const src = { correlationId: e.metadata.correlationId, causationId: e.id };
    switch (e.type) {
      case 'CommunityRegistered': {
        const d = e.data as community.CommunityRegistered['data'];
        return [periodic(d.communityId, d.configuration.noticeFrequency, d.configuration.timeZone, e.metadata.occurredAt, src)];
      }
      case 'CommunityConfigured': {
        const d = e.data as community.CommunityConfigured['data'];
        if (!d.changed.includes('noticeFrequency') && !d.changed.includes('timeZone')) return [];
        return [periodic(d.communityId, d.configuration.noticeFrequency, d.configuration.timeZone, e.metadata.occurredAt, src)];
      }
      case 'NoticePublished': {
        const d = e.data as notice.NoticePublished['data'];
        const period = d.kind === 'periodic_lists' ? parsePeriodicSubject(d.subjectId) : null;
        // the zone is not on the notice: the engine's (COBUILD_TIME_ZONE) for the rest of the chain
        return period ? [periodic(d.communityId, period.frequency, context.timeZone, d.publishedAt, src)] : [];
      }
      case 'MeetingClosed': {
        const d = e.data as meeting.MeetingClosed['data'];
        if (!d.communityId || d.decisionIds.length === 0) return [];
        return [decision({ noticeId: `meeting.${d.meetingId}`, communityId: d.communityId, kind: 'meeting_decisions', title: '党建联席会议决定事项公示', subjectId: d.meetingId, ...src })];
      }
      case 'TaskVerified': {
        const d = e.data as task.TaskVerified['data'];
        return [decision({ noticeId: `completion.${d.taskId}.r${e.revision}`, communityId: d.communityId, kind: 'completions', title: '项目完成验收公示', subjectId: d.taskId, ...src })];
      }
      case 'EvaluationRoundClosed': {
        const d = e.data as evaluationRound.EvaluationRoundClosed['data'];
        if (!d.communityId) return [];
        return [decision({ noticeId: `evaluation.${d.roundId}`, communityId: d.communityId, kind: 'evaluation_results', title: '双向评价结果公示', subjectId: d.roundId, ...src })];
      }
      default:
        return [];
    }
  },
};

function periodic(
  communityId: string,
  frequency: community.NoticeFrequency,
  timeZone: string,
  after: string,
  src: { correlationId: string; causationId: string },
): DispatchAction {
  const period = nextNoticePeriod(frequency, after, timeZone);
  const noticeId = periodicNoticeId(communityId, period.key);
  const data: PublishNoticeJob = {
    noticeId,
    communityId,
    kind: 'periodic_lists',
    title: `${period.label}三张清单公示`,
    subjectId: periodicSubject(frequency, period.key),
    frequency,
    periodPublishAt: period.publishAt,
    periodLabel: period.label,
    ...src,
  };
  return { kind: 'add', job: { queue: NOTICES_QUEUE, name: NOTICE_JOBS.periodic, jobId: `notice.${noticeId}`, group: null, runAt: period.publishAt, data: { ...data } } };
}

function decision(d: Omit<PublishNoticeJob, 'frequency'>): DispatchAction {
  const data: PublishNoticeJob = { ...d, frequency: null };
  return { kind: 'add', job: { queue: NOTICES_QUEUE, name: NOTICE_JOBS.decision, jobId: `notice.${d.noticeId}`, group: null, runAt: null, data: { ...data } } };
}
