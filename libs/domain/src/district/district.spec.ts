import fc from 'fast-check';
import { fold } from '../shared/decider';
import { DomainError } from '../shared/domain-error';
import { DeciderSpecification } from '../testing/decider-specification';
import type { CommandMeta } from '../shared/message';
import { decider, streamName, type DistrictCommand } from './index';

const meta: CommandMeta = { now: new Date('2026-03-01T02:00:00Z'), actor: { id: 'u-admin', role: 'district_admin' } };

describe('district', () => {
  const spec = DeciderSpecification.for(decider);
  const registered = { type: 'DistrictRegistered' as const, data: { districtId: 'd1', name: '城东区' } };
  const register = (name = '城东区'): DistrictCommand => ({ type: 'RegisterDistrict', data: { districtId: 'd1', name }, meta });
  const rename = (name: string): DistrictCommand => ({ type: 'RenameDistrict', data: { districtId: 'd1', name }, meta });

  const samples: DistrictCommand[] = [register(), register(' '), rename('新区'), rename('城东区'), rename('')];

  it('names its stream', () => expect(streamName('d1')).toBe('district-d1'));
  it('registers', () => spec.given([]).when(register()).then([registered]));
  it('rejects a second registration', () => spec.given([registered]).when(register()).thenThrows('DISTRICT.ALREADY_REGISTERED'));
  it('rejects an empty name', () => spec.given([]).when(register(' ')).thenThrows('DISTRICT.NAME_REQUIRED'));
  it('rejects a bad id', () =>
    spec.given([]).when({ type: 'RegisterDistrict', data: { districtId: 'd 1', name: '城东区' }, meta }).thenThrows('DISTRICT.INVALID_ID'));
  it('renames', () =>
    spec
      .given([registered])
      .when(rename('城东新区'))
      .then([{ type: 'DistrictRenamed', data: { districtId: 'd1', name: '城东新区', previousName: '城东区' } }]));
  it('does nothing on the same name', () => spec.given([registered]).when(rename('城东区')).thenNothingHappens());
  it('rejects renaming an unknown district', () => spec.given([]).when(rename('x')).thenThrows('DISTRICT.NOT_FOUND'));
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
