import type { Decider } from '../../shared/decider';
import { fold } from '../../shared/decider';
import type { Command, Event } from '../../shared/message';

/**
 * A stand-in for the event store's append contract, for domain specs only: each stream has a
 * revision; `append` with a stale expected revision throws WrongRevision, as the real store does.
 */
export class WrongRevision extends Error {}

export class MemoryStreams {
  private readonly streams = new Map<string, Event<string, any>[]>();

  read<E extends Event<string, any>>(stream: string): { events: E[]; revision: number } {
    const events = (this.streams.get(stream) ?? []) as E[];
    return { events: [...events], revision: events.length };
  }

  append(stream: string, events: readonly Event<string, any>[], expectedRevision: number): void {
    const current = this.streams.get(stream) ?? [];
    if (current.length !== expectedRevision) throw new WrongRevision(`${stream}: expected ${expectedRevision}, at ${current.length}`);
    this.streams.set(stream, [...current, ...JSON.parse(JSON.stringify(events))]);
  }
}

/** A prepared decision: what a handler decided from the state it loaded, not yet appended. */
export type Pending = { stream: string; events: Event<string, any>[]; expectedRevision: number };

export function prepare<S, C extends Command<string, any>, E extends Event<string, any>>(
  store: MemoryStreams,
  decider: Decider<S, C, E>,
  stream: string,
  command: C,
): Pending {
  const { events, revision } = store.read<E>(stream);
  return { stream, events: decider.decide(command, fold(decider, events)), expectedRevision: revision };
}

/** The generic handler: load, decide, append with the expected revision, retry on a concurrency error. */
export function handle<S, C extends Command<string, any>, E extends Event<string, any>>(
  store: MemoryStreams,
  decider: Decider<S, C, E>,
  stream: string,
  command: C,
  first?: Pending,
): E[] {
  let pending = first ?? prepare(store, decider, stream, command);
  for (let attempt = 0; attempt < 10; attempt++) {
    try {
      if (pending.events.length > 0) store.append(stream, pending.events, pending.expectedRevision);
      return pending.events as E[];
    } catch (e) {
      if (!(e instanceof WrongRevision)) throw e;
      pending = prepare(store, decider, stream, command); // reload and decide again
    }
  }
  throw new Error('too many retries');
}
