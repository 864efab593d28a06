import type { Decider } from '../shared/decider';
import type { NoticeCommand } from './commands';
import { decideNotice } from './decide';
import type { NoticeEvent } from './events';
import { evolveNotice } from './evolve';
import { initialNoticeState, type NoticeState } from './state';

export * from './commands';
export * from './events';
export * from './state';
export { ANSWERING_ROLES, MAX_OBJECTIONS_PER_NOTICE, NOTICE_KINDS } from './decide';

export const category = 'notice';
export const streamName = (noticeId: string): string => `${category}-${noticeId}`;

export const decider: Decider<NoticeState, NoticeCommand, NoticeEvent> = {
  decide: decideNotice,
  evolve: evolveNotice,
  initialState: initialNoticeState,
};
