import { need } from '@cobuild/domain';
import type { CommandRoute } from '../commands/command-gateway';

/** The community a need belongs to: from its state, or from the submit command. */
export const needCommunity = (state: need.NeedState, data: Readonly<Record<string, unknown>>): string | null =>
  state.status !== 'none' ? state.communityId : typeof data.communityId === 'string' ? data.communityId : null;

/** A command on an existing need, addressed by id. */
export function needRoute<T extends need.NeedCommand['type']>(
  needId: string,
  type: T,
  data: Extract<need.NeedCommand, { type: T }>['data'],
): CommandRoute<need.NeedState, need.NeedCommand, need.NeedEvent> {
  return {
    decider: need.decider,
    streamId: need.streamName(needId),
    id: needId,
    command: { type, data } as Pick<need.NeedCommand, 'type' | 'data'>,
    communityOf: needCommunity,
  };
}
