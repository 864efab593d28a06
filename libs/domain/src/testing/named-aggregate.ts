import fc from 'fast-check';
import type { Decider } from '../shared/decider';
import type { Command, Event } from '../shared/message';
import { runCommands } from './decider-properties';
import { DeciderSpecification } from './decider-specification';

/**
 * Shared tests for aggregates that are registered once under a name and can be renamed
 * (district, street, community).
 */

type Named = { status: string; name?: string };

/** Rename examples: the renamed event records the previous name; the same name is a no-op; an unknown aggregate is refused. */
export function itRenames<S, C extends Command<string, any>, E extends Event<string, any>>(
  decider: Decider<S, C, E>,
  example: { registered: E; rename: (name: string) => C; sameName: string; newName: string; renamed: E; notFound: string },
): void {
  const spec = DeciderSpecification.for(decider);
  const { registered, rename, sameName, newName, renamed, notFound } = example;
  it('renames, recording the previous name', () => spec.given([registered]).when(rename(newName)).then([renamed]));
  it('does nothing when the name is unchanged', () => spec.given([registered]).when(rename(sameName)).thenNothingHappens());
  it('rejects renaming an unknown one', () => spec.given([]).when(rename('x')).thenThrows(notFound));
}

/** Property: whatever the commands, at most one `…Registered` event, and a registered state keeps a non-empty name. */
export function itRegistersOnceAndKeepsAName<S extends Named, C extends Command<string, any>, E extends Event<string, any>>(
  decider: Decider<S, C, E>,
  sequenceArb: fc.Arbitrary<readonly C[]>,
): void {
  it('registers at most once and keeps a non-empty name', () =>
    fc.assert(
      fc.property(sequenceArb, (commands) => {
        const { state, events } = runCommands(decider, commands);
        expect(events.filter((e) => e.type.endsWith('Registered')).length).toBeLessThanOrEqual(1);
        if (state.status === 'registered') expect(state.name?.trim() ?? '').not.toBe('');
      }),
    ));
}
