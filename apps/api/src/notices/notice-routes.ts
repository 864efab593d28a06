import { notice } from '@cobuild/domain';
import { communityFromStateOrData, routeFor } from '../commands/stream-route';

/** The community a notice belongs to: from its state, or from the publish command. */
export const noticeCommunity = communityFromStateOrData as (state: notice.NoticeState, data: Readonly<Record<string, unknown>>) => string | null;

/** A command on a notice, addressed by id. */
export const noticeRoute = routeFor(notice.decider, notice.streamName, noticeCommunity);
