import type { ProjectionEvent } from '@cobuild/event-store';
import { maskFreeText, maskOptionalText } from '../masking';
import type { DocumentProjection } from '../runtime/document-projection';

/**
 * 公示栏: one document per published notice (`notice:<noticeId>`), newest first within a
 * community. Objections keep their text and answer only — an objector's contact never enters
 * this read model, and personal data in the free text (title, objections, answers) is masked, so it
 * can be shown to anyone.
 */
export interface NoticeBoardDoc {
  noticeId: string;
  communityId: string;
  kind: string;
  title: string;
  logPosition: string;
  digest: string;
  subjectId: string | null;
  publishedAt: string;
  objectionPeriodEndsAt: string;
  status: 'open' | 'closed';
  closedAt: string | null;
  objections: Array<{ objectionId: string; text: string; raisedAt: string; answer: string | null; answeredAt: string | null }>;
}

type Data = Record<string, any>;

function evolve(prev: NoticeBoardDoc | null, e: ProjectionEvent): NoticeBoardDoc | null {
  const d = e.data as Data;
  if (e.type === 'NoticePublished')
    return {
      noticeId: d.noticeId,
      communityId: d.communityId,
      kind: d.kind,
      title: maskFreeText(d.title),
      logPosition: d.logPosition,
      digest: d.digest,
      subjectId: d.subjectId ?? null,
      publishedAt: d.publishedAt,
      objectionPeriodEndsAt: d.objectionPeriodEndsAt,
      status: 'open',
      closedAt: null,
      objections: [],
    };
  if (!prev) return null;
  switch (e.type) {
    case 'ObjectionRaised':
      return { ...prev, objections: [...prev.objections, { objectionId: d.objectionId, text: maskFreeText(d.text), raisedAt: d.raisedAt, answer: null, answeredAt: null }] };
    case 'ObjectionAnswered':
      return { ...prev, objections: prev.objections.map((o) => (o.objectionId === d.objectionId ? { ...o, answer: maskOptionalText(d.answer), answeredAt: d.answeredAt } : o)) };
    case 'NoticeClosed':
      return { ...prev, status: 'closed', closedAt: d.closedAt };
    default:
      return prev;
  }
}

export const noticeBoardProjection: DocumentProjection<NoticeBoardDoc> = {
  name: 'notice-board',
  // 2: personal data in the free text masked
  version: 2,
  categories: ['notice'],
  keysOf: (e) => [`notice:${(e.data as Data).noticeId}`],
  evolve: (doc, e) => evolve(doc, e),
  index: (doc) => ({ communityId: doc.communityId, status: doc.status, sort: [doc.publishedAt, doc.noticeId] }),
};
