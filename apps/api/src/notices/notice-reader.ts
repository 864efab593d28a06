import { Inject, Injectable } from '@nestjs/common';
import { notice } from '@cobuild/domain';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@cobuild/event-store';
import { maskFreeText, maskOptionalText } from '@cobuild/projections';

export interface ObjectionView {
  objectionId: string;
  text: string;
  /** personal data: shown to the community only, never on the public board */
  contact: string | null;
  raisedAt: string;
  answer: string | null;
  answeredAt: string | null;
}

/** A notice as it stands: what was published, its objections and answers. */
export interface NoticeView {
  noticeId: string;
  communityId: string;
  kind: notice.NoticeKind;
  title: string;
  subjectId: string | null;
  logPosition: string;
  digest: string;
  publishedAt: string;
  objectionPeriodEndsAt: string;
  status: 'open' | 'closed';
  closedAt: string | null;
  objections: ObjectionView[];
}

const PAGE = 1000;

/** Folds one notice's events into its view (the rules live in the notice decider; this only shows). */
export function noticeView(events: ReadonlyArray<{ type: string; data: unknown }>): NoticeView | null {
  let view: NoticeView | null = null;
  for (const e of events as notice.NoticeEvent[]) {
    switch (e.type) {
      case 'NoticePublished': {
        const { noticeId, communityId, kind, title, subjectId, logPosition, digest, publishedAt, objectionPeriodEndsAt } = e.data;
        view = { noticeId, communityId, kind, title, subjectId, logPosition, digest, publishedAt, objectionPeriodEndsAt, status: 'open', closedAt: null, objections: [] };
        break;
      }
      case 'ObjectionRaised':
        view?.objections.push({ objectionId: e.data.objectionId, text: e.data.text, contact: e.data.contact, raisedAt: e.data.raisedAt, answer: null, answeredAt: null });
        break;
      case 'ObjectionAnswered': {
        const o = view?.objections.find((x) => x.objectionId === e.data.objectionId);
        if (o) Object.assign(o, { answer: e.data.answer, answeredAt: e.data.answeredAt });
        break;
      }
      case 'NoticeClosed':
        if (view) Object.assign(view, { status: 'closed', closedAt: e.data.closedAt });
        break;
    }
  }
  return view;
}

/** The public view: the objectors' contacts are left out entirely; personal data in the free text is masked. */
export function publicNoticeView(view: NoticeView) {
  return {
    ...view,
    title: maskFreeText(view.title),
    objections: view.objections.map(({ contact: _contact, ...o }) => ({ ...o, text: maskFreeText(o.text), answer: maskOptionalText(o.answer) })),
  };
}

/**
 * Notices read from their streams (one notice) or from the log filtered by community and the
 * notice category (a community's board), until the notice-board projection exists.
 */
@Injectable()
export class NoticeReader {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async load(noticeId: string): Promise<{ view: NoticeView | null; revision: number }> {
    const events = await this.store.readStream(notice.streamName(noticeId));
    return { view: noticeView(events), revision: events.length - 1 };
  }

  /** The community's notices, newest first. */
  async ofCommunity(communityId: string): Promise<NoticeView[]> {
    const byStream = new Map<string, RecordedEvent[]>();
    for (let after = 0; ; ) {
      const page = await this.store.readAll({ after, maxCount: PAGE, filter: { communityId, categories: [notice.category] } });
      for (const e of page) byStream.set(e.streamId, [...(byStream.get(e.streamId) ?? []), e]);
      if (page.length < PAGE) break;
      after = page[page.length - 1].position;
    }
    return [...byStream.values()]
      .map((events) => noticeView(events))
      .filter((v): v is NoticeView => v !== null)
      .sort((a, b) => (a.publishedAt < b.publishedAt ? 1 : a.publishedAt > b.publishedAt ? -1 : a.noticeId < b.noticeId ? -1 : 1));
  }
}
