import fc from 'fast-check';
import { fold } from '../shared/decider';
import { DomainError } from '../shared/domain-error';
import { DeciderSpecification } from '../testing/decider-specification';
import type { CommandMeta } from '../shared/message';
import { decider, streamName, type StreetCommand } from './index';

const meta: CommandMeta = { now: new Date('2026-03-01T02:00:00Z'), actor: { id: 'u-admin', role: 'district_admin' } };

describe('street', () => {
  const spec = DeciderSpecification.for(decider);
  const registered = { type: 'StreetRegistered' as const, data: { streetId: 's1', districtId: 'd1', name: '东关街道' } };
  const register = (over: Partial<Extract<StreetCommand, { type: 'RegisterStreet' }>['data']> = {}): StreetCommand => ({
    type: 'RegisterStreet',
    data: { streetId: 's1', districtId: 'd1', name: '东关街道', districtRegistered: true, ...over },
    meta,
  });
  const rename = (name: string): StreetCommand => ({ type: 'RenameStreet', data: { streetId: 's1', name }, meta });

  const samples: StreetCommand[] = [register(), register({ districtRegistered: false }), rename('新街道'), rename('东关街道'), rename('')];

  it('names its stream', () => expect(streamName('s1')).toBe('street-s1'));
  it('registers under its district', () => spec.given([]).when(register()).then([registered]));
  it('rejects a second registration', () => spec.given([registered]).when(register()).thenThrows('STREET.ALREADY_REGISTERED'));
  it('rejects an unknown district', () =>
    spec.given([]).when(register({ districtRegistered: false })).thenThrows('STREET.DISTRICT_NOT_FOUND'));
  it('rejects an empty name', () => spec.given([]).when(register({ name: '' })).thenThrows('STREET.NAME_REQUIRED'));
  it('rejects a bad id', () => spec.given([]).when(register({ districtId: '' })).thenThrows('STREET.INVALID_ID'));
  it('renames', () =>
    spec
      .given([registered])
      .when(rename('东关大街街道'))
      .then([{ type: 'StreetRenamed', data: { streetId: 's1', name: '东关大街街道', previousName: '东关街道' } }]));
  it('does nothing on the same name', () => spec.given([registered]).when(rename('东关街道')).thenNothingHappens());
  it('rejects renaming an unknown street', () => spec.given([]).when(rename('x')).thenThrows('STREET.NOT_FOUND'));
  describe('properties', () => {
    const run = (commands: typeof samples) => {
      const events: ReturnType<typeof decider.decide> = [];
      for (const command of commands) {
        try {
          events.push(...decider.decide(command, fold(decider, events)));
        } catch (e) {
          if (!(e instanceof DomainError)) throw e;
        }
      }
      return events;
    };
    it('registers at most once and keeps a non-empty name', () =>
      fc.assert(
        fc.property(fc.array(fc.constantFrom(...samples), { maxLength: 20 }), (commands) => {
          const events = run(commands);
          expect(events.filter((e) => e.type.endsWith('Registered')).length).toBeLessThanOrEqual(1);
          const state = fold(decider, events);
          if (state.status === 'registered') expect(state.name.trim()).not.toBe('');
        }),
      ));
    it('folds to the same state in any batch split', () =>
      fc.assert(
        fc.property(fc.array(fc.constantFrom(...samples), { maxLength: 20 }), fc.nat(), (commands, cut) => {
          const events = run(commands);
          const at = cut % (events.length + 1);
          expect(fold(decider, events.slice(at), fold(decider, events.slice(0, at)))).toEqual(fold(decider, events));
        }),
      ));
  });
});
