import { need } from '@cobuild/domain';
import { communityFromStateOrData, routeFor } from '../commands/stream-route';

/** The community a need belongs to: from its state, or from the submit command. */
export const needCommunity = communityFromStateOrData as (state: need.NeedState, data: Readonly<Record<string, unknown>>) => string | null;

/** A command on a need, addressed by id. */
export const needRoute = routeFor(need.decider, need.streamName, needCommunity);
