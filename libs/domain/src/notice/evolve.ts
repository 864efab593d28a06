import type { NoticeEvent } from './events';
import type { NoticeState } from './state';

export function evolveNotice(state: NoticeState, event: NoticeEvent): NoticeState {
  switch (event.type) {
    case 'NoticePublished': {
      const d = event.data;
      return {
        status: 'open',
        noticeId: d.noticeId,
        communityId: d.communityId,
        kind: d.kind,
        digest: d.digest,
        logPosition: d.logPosition,
        objectionPeriodEndsAt: d.objectionPeriodEndsAt,
        objections: [],
      };
    }
    case 'ObjectionRaised':
      if (state.status === 'none') return state;
      return { ...state, objections: [...state.objections, { objectionId: event.data.objectionId, answered: false }] };
    case 'ObjectionAnswered':
      if (state.status === 'none') return state;
      return {
        ...state,
        objections: state.objections.map((o) => (o.objectionId === event.data.objectionId ? { ...o, answered: true } : o)),
      };
    case 'NoticeClosed':
      return state.status === 'open' ? { ...state, status: 'closed', closedAt: event.data.closedAt } : state;
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}
