import type { Command, Decider, Event } from '@cobuild/domain';
import type { CommandRoute } from './command-gateway';

/**
 * A route factory for one aggregate: `const needRoute = routeFor(need.decider, need.streamName, needCommunity)`
 * then `needRoute(needId, 'ListNeed', { needId })` — the type of `data` follows the command type.
 */
export function routeFor<S, C extends Command<string, any>, E extends Event<string, any>>(
  decider: Decider<S, C, E>,
  streamName: (id: string) => string,
  communityOf: CommandRoute<S, C, E>['communityOf'],
  targetOf?: CommandRoute<S, C, E>['targetOf'],
) {
  return <T extends C['type']>(id: string, type: T, data: Extract<C, { type: T }>['data']): CommandRoute<S, C, E> => ({
    decider,
    streamId: streamName(id),
    id,
    command: { type, data } as Pick<C, 'type' | 'data'>,
    communityOf,
    ...(targetOf ? { targetOf } : {}),
  });
}

/** The usual community of a thing: from its state once it exists, else from the creating command's data. */
export const communityFromStateOrData = (state: { status: string; communityId?: string | null }, data: Readonly<Record<string, unknown>>): string | null =>
  state.status !== 'none' ? (state.communityId ?? null) : typeof data.communityId === 'string' ? data.communityId : null;
