import type { community, notice } from '@cobuild/domain';
import { QUEUES } from '../queues';

/** The queue of notice work: publishing (periodic and after key decisions) and closing objection periods. */
export const NOTICES_QUEUE = QUEUES.notices;

export const NOTICE_JOBS = {
  /** a community's periodic lists notice (定期公示) for one period */
  periodic: 'periodic-notice',
  /** a notice after a key decision: tasks formed at a meeting, a completion verified, evaluation results */
  decision: 'decision-notice',
  /** closes a notice when its objection period (公示期) ends */
  close: 'close-notice',
} as const;

export interface PublishNoticeJob {
  /** deterministic: the same decision or period always gives the same notice id */
  noticeId: string;
  communityId: string;
  kind: notice.NoticeKind;
  title: string;
  subjectId: string | null;
  /** periodic notices only: the frequency the job was planned under (skipped when the community changed it) */
  frequency: community.NoticeFrequency | null;
  /** periodic notices only: when the planned period's notice was due (a late job publishes the current period instead) */
  periodPublishAt?: string | null;
  /** periodic notices only: the planned period's label (2026年6月) */
  periodLabel?: string | null;
  correlationId: string;
  causationId: string;
}

export interface CloseNoticeJob {
  noticeId: string;
  communityId: string;
  correlationId: string;
  causationId: string;
}

/** job and notice ids use '.' between parts (BullMQ reserves ':' in custom job ids) */
export const periodicNoticeId = (communityId: string, periodKey: string): string => `periodic.${communityId}.${periodKey}`;
/** a periodic notice's subject: its frequency and period, e.g. monthly.2026-06 (the next period is planned from it) */
export const periodicSubject = (frequency: community.NoticeFrequency, periodKey: string): string => `${frequency}.${periodKey}`;
export function parsePeriodicSubject(subjectId: string | null): { frequency: community.NoticeFrequency; periodKey: string } | null {
  const m = /^(weekly|monthly|quarterly)\.(.+)$/.exec(subjectId ?? '');
  return m ? { frequency: m[1] as community.NoticeFrequency, periodKey: m[2] } : null;
}
