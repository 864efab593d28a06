import { need } from '@cobuild/domain';
import { routeFor } from '../commands/stream-route';

/** The community a need belongs to: from its state, or from the submit command. */
export const needCommunity = (state: need.NeedState, data: Readonly<Record<string, unknown>>): string | null =>
  state.status !== 'none' ? state.communityId : typeof data.communityId === 'string' ? data.communityId : null;

/** A command on a need, addressed by id. */
export const needRoute = routeFor(need.decider, need.streamName, needCommunity);
