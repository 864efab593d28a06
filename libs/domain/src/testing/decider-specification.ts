import type { Decider } from '../shared/decider';
import { fold } from '../shared/decider';
import { DomainError } from '../shared/domain-error';
import type { Command, Event } from '../shared/message';

/**
 * Given / when / then for deciders, as Emmett's DeciderSpecification:
 *   spec.given([events]).when(command).then([events])
 *   spec.given([events]).when(command).thenThrows('TASK.ALREADY_ACCEPTED')
 */
export const DeciderSpecification = {
  for<S, C extends Command<string, any>, E extends Event<string, any>>(decider: Decider<S, C, E>) {
    return {
      given(events: E[]) {
        return {
          when(command: C) {
            const run = () => decider.decide(command, fold(decider, events));
            return {
              then(expected: E[]) {
                expect(run()).toEqual(expected);
              },
              thenNothingHappens() {
                expect(run()).toEqual([]);
              },
              thenThrows(code: string) {
                let thrown: unknown;
                try {
                  run();
                } catch (e) {
                  thrown = e;
                }
                expect(thrown).toBeInstanceOf(DomainError);
                expect((thrown as DomainError).code).toBe(code);
              },
            };
          },
        };
      },
    };
  },
};
