import type { Instant } from '../shared/message';
import type { NoticeKind } from './events';

export interface ObjectionState {
  objectionId: string;
  answered: boolean;
}

interface Published {
  noticeId: string;
  communityId: string;
  kind: NoticeKind;
  digest: string;
  logPosition: string;
  objectionPeriodEndsAt: Instant;
  objections: ObjectionState[];
}

export type NoticeState =
  | { status: 'none' }
  | ({ status: 'open' } & Published)
  | ({ status: 'closed'; closedAt: Instant } & Published);

export const initialNoticeState = (): NoticeState => ({ status: 'none' });
