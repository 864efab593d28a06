import type { Event, Instant } from '../shared/message';

export type NoticeKind = 'periodic_lists' | 'meeting_decisions' | 'completions' | 'evaluation_results';

/** 公示: a snapshot of the community's lists or decisions, as of a log position, published with its SHA-256 digest and objection period. */
export type NoticePublished = Event<
  'NoticePublished',
  {
    noticeId: string;
    communityId: string;
    kind: NoticeKind;
    title: string;
    logPosition: string;
    digest: string;
    subjectId: string | null;
    publishedAt: Instant;
    objectionPeriodEndsAt: Instant;
  }
>;

/** A member of the public objected during the objection period. */
export type ObjectionRaised = Event<
  'ObjectionRaised',
  {
    noticeId: string;
    communityId: string;
    objectionId: string;
    text: string;
    /** personal data (phone or other contact) — masked on public pages */
    contact: string | null;
    raisedAt: Instant;
  }
>;

/** The community answered an objection (each objection once). */
export type ObjectionAnswered = Event<
  'ObjectionAnswered',
  { noticeId: string; communityId: string; objectionId: string; answer: string; answeredAt: Instant }
>;

/** The objection period ended and the notice closed. */
export type NoticeClosed = Event<
  'NoticeClosed',
  {
    noticeId: string;
    communityId: string;
    closedAt: Instant;
    objectionCount: number;
    /** objections still unanswered at close; they may be answered afterwards */
    unansweredObjectionIds: string[];
  }
>;

export type NoticeEvent = NoticePublished | ObjectionRaised | ObjectionAnswered | NoticeClosed;

export const noticeEventVersions: Record<NoticeEvent['type'], number> = {
  NoticePublished: 1,
  ObjectionRaised: 1,
  ObjectionAnswered: 1,
  NoticeClosed: 1,
};
