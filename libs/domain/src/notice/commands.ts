import type { Command, Instant } from '../shared/message';
import type { NoticeKind } from './events';

/**
 * 公示: publishes a reference to a snapshot the caller has rendered from the event log at
 * `logPosition`, with the SHA-256 digest of its canonical content. The caller computes
 * `objectionPeriodEndsAt` from the community's working-day calendar and its configured period.
 */
export type PublishNotice = Command<
  'PublishNotice',
  {
    noticeId: string;
    communityId: string;
    kind: NoticeKind;
    title: string;
    /** global log position the snapshot was taken at (digits; bigint-safe) */
    logPosition: string;
    /** SHA-256 of the snapshot content, lowercase hex */
    digest: string;
    objectionPeriodEndsAt: Instant;
    /** what the notice is about, e.g. a meeting id or an evaluation round id */
    subjectId?: string | null;
  }
>;

/** Anyone (role public included) may object while the period runs. */
export type RaiseObjection = Command<
  'RaiseObjection',
  { noticeId: string; objectionId: string; text: string; contact?: string | null }
>;

export type AnswerObjection = Command<'AnswerObjection', { noticeId: string; objectionId: string; answer: string }>;

export type CloseNotice = Command<'CloseNotice', { noticeId: string }>;

export type NoticeCommand = PublishNotice | RaiseObjection | AnswerObjection | CloseNotice;
