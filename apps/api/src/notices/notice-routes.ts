import { notice } from '@cobuild/domain';
import type { CommandRoute } from '../commands/command-gateway';

/** The community a notice belongs to: from its state, or from the publish command. */
export const noticeCommunity = (state: notice.NoticeState, data: Readonly<Record<string, unknown>>): string | null =>
  state.status !== 'none' ? state.communityId : typeof data.communityId === 'string' ? data.communityId : null;

/** A command on a notice, addressed by id. */
export function noticeRoute<T extends notice.NoticeCommand['type']>(
  noticeId: string,
  type: T,
  data: Extract<notice.NoticeCommand, { type: T }>['data'],
): CommandRoute<notice.NoticeState, notice.NoticeCommand, notice.NoticeEvent> {
  return {
    decider: notice.decider,
    streamId: notice.streamName(noticeId),
    id: noticeId,
    command: { type, data } as Pick<notice.NoticeCommand, 'type' | 'data'>,
    communityOf: noticeCommunity,
  };
}
