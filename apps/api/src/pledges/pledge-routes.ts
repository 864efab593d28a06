import { pledge } from '@cobuild/domain';
import { communityFromStateOrData, routeFor } from '../commands/stream-route';

/** The community a pledge belongs to: from its state, or from the pledge command. */
export const pledgeCommunity = communityFromStateOrData as (state: pledge.PledgeState, data: Readonly<Record<string, unknown>>) => string | null;

/** A command on a pledge, addressed by id. */
export const pledgeRoute = routeFor(pledge.decider, pledge.streamName, pledgeCommunity);
