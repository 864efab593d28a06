import fc from 'fast-check';
import type { Decider } from '../shared/decider';
import { fold } from '../shared/decider';
import { DomainError } from '../shared/domain-error';
import type { Command, Event } from '../shared/message';

/**
 * Helpers for property tests of deciders (used with fast-check):
 * run a random command sequence, keeping the events of the commands the decider accepted, and
 * fold the resulting log in arbitrary batches with every state and event frozen.
 */

/** Freeze an object graph so an `evolve` that mutates its input throws in strict mode. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

/**
 * Apply each command to the state so far; a DomainError rejects that command only (the state is
 * unchanged), any other error fails the test. `check` runs on the state after every command
 * (the events of one command are appended together, so states between them are never seen).
 */
export function runCommands<S, C extends Command<string, any>, E extends Event<string, any>>(
  decider: Decider<S, C, E>,
  commands: readonly C[],
  check: (state: S, events: readonly E[]) => void = () => undefined,
): { state: S; events: E[]; rejected: DomainError[] } {
  let state = decider.initialState();
  const events: E[] = [];
  const rejected: DomainError[] = [];
  for (const command of commands) {
    let produced: E[];
    try {
      produced = decider.decide(command, deepFreeze(state));
    } catch (e) {
      if (e instanceof DomainError) {
        rejected.push(e);
        continue;
      }
      throw e;
    }
    for (const event of produced) {
      state = decider.evolve(state, deepFreeze(event));
      events.push(event);
    }
    check(state, events);
  }
  return { state, events, rejected };
}

/** Fold `events` cut at the given positions, each batch continuing from the previous state. */
export function foldInBatches<S, E extends Event<string, any>>(
  decider: Pick<Decider<S, any, E>, 'evolve' | 'initialState'>,
  events: readonly E[],
  cuts: readonly number[],
): S {
  const positions = [...new Set(cuts.map((c) => c % (events.length + 1)))].sort((a, b) => a - b);
  let state = deepFreeze(decider.initialState());
  let from = 0;
  for (const to of [...positions, events.length]) {
    state = deepFreeze(fold(decider, events.slice(from, to).map(deepFreeze), state));
    from = to;
  }
  return state;
}

/** Events as read back from the store: through JSON (no Dates, no undefined, no class instances). */
export const throughJson = <E>(events: readonly E[]): E[] => JSON.parse(JSON.stringify(events)) as E[];

/**
 * The property every decider keeps: folding the log of any command sequence in arbitrary batches
 * (each state and event frozen), or after a JSON round trip, gives the state the commands reached.
 */
export function assertBatchFold<S, C extends Command<string, any>, E extends Event<string, any>>(
  decider: Decider<S, C, E>,
  sequenceArb: fc.Arbitrary<readonly C[]>,
  { numRuns, maxCuts = 5 }: { numRuns?: number; maxCuts?: number } = {},
): void {
  fc.assert(
    fc.property(sequenceArb, fc.array(fc.nat(), { maxLength: maxCuts }), (commands, cuts) => {
      const { state, events } = runCommands(decider, commands);
      expect(foldInBatches(decider, events, cuts)).toEqual(state);
      expect(fold(decider, throughJson(events))).toEqual(state);
    }),
    numRuns === undefined ? {} : { numRuns },
  );
}

/** `it(...)` for assertBatchFold, under the name every aggregate's spec gives it. */
export function itFoldsInAnyBatches<S, C extends Command<string, any>, E extends Event<string, any>>(
  decider: Decider<S, C, E>,
  sequenceArb: fc.Arbitrary<readonly C[]>,
  options?: { numRuns?: number; maxCuts?: number },
): void {
  it('folding the log in any batches, or after a JSON round trip, gives the same state', () =>
    assertBatchFold(decider, sequenceArb, options));
}
