import fc from 'fast-check';
import { DeciderSpecification } from '../testing/decider-specification';
import { itFoldsInAnyBatches } from '../testing/decider-properties';
import { itRegistersOnceAndKeepsAName, itRenames } from '../testing/named-aggregate';
import { commandMeta } from '../testing/meta';
import { decider, streamName, type StreetCommand } from './index';

const meta = commandMeta('2026-03-01T02:00:00Z', 'u-admin', 'district_admin');

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
  itRenames(decider, {
    registered,
    rename,
    sameName: '东关街道',
    newName: '东关大街街道',
    renamed: { type: 'StreetRenamed', data: { streetId: 's1', name: '东关大街街道', previousName: '东关街道' } },
    notFound: 'STREET.NOT_FOUND',
  });
  describe('properties', () => {
    const sequenceArb = fc.array(fc.constantFrom(...samples), { maxLength: 20 });
    itRegistersOnceAndKeepsAName(decider, sequenceArb);
    itFoldsInAnyBatches(decider, sequenceArb);
  });
});
