import { pledge } from '@cobuild/domain';
import type { CommandRoute } from '../commands/command-gateway';

/** The community a pledge belongs to: from its state, or from the pledge command. */
export const pledgeCommunity = (state: pledge.PledgeState, data: Readonly<Record<string, unknown>>): string | null =>
  state.status !== 'none' ? state.communityId : typeof data.communityId === 'string' ? data.communityId : null;

/** A command on a pledge, addressed by id. */
export function pledgeRoute<T extends pledge.PledgeCommand['type']>(
  pledgeId: string,
  type: T,
  data: Extract<pledge.PledgeCommand, { type: T }>['data'],
): CommandRoute<pledge.PledgeState, pledge.PledgeCommand, pledge.PledgeEvent> {
  return {
    decider: pledge.decider,
    streamId: pledge.streamName(pledgeId),
    id: pledgeId,
    command: { type, data } as Pick<pledge.PledgeCommand, 'type' | 'data'>,
    communityOf: pledgeCommunity,
  };
}
