import type { Command, Event } from './message';

/** A pure decider: `decide` turns a command and the current state into events; `evolve` folds. */
export interface Decider<State, C extends Command<string, any>, E extends Event<string, any>> {
  decide(command: C, state: State): E[];
  evolve(state: State, event: E): State;
  initialState(): State;
}

/** Fold a sequence of events from the initial state. */
export function fold<State, E extends Event<string, any>>(
  decider: Pick<Decider<State, any, E>, 'evolve' | 'initialState'>,
  events: readonly E[],
  from: State = decider.initialState(),
): State {
  return events.reduce((s, e) => decider.evolve(s, e), from);
}

/** For exhaustive switches: a compile error when a union member is not handled. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}
