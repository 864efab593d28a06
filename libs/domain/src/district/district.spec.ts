import fc from 'fast-check';
import { DeciderSpecification } from '../testing/decider-specification';
import { itFoldsInAnyBatches } from '../testing/decider-properties';
import { itRegistersOnceAndKeepsAName, itRenames } from '../testing/named-aggregate';
import { commandMeta } from '../testing/meta';
import { decider, streamName, type DistrictCommand } from './index';

const meta = commandMeta('2026-03-01T02:00:00Z', 'u-admin', 'district_admin');

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
  itRenames(decider, {
    registered,
    rename,
    sameName: '城东区',
    newName: '城东新区',
    renamed: { type: 'DistrictRenamed', data: { districtId: 'd1', name: '城东新区', previousName: '城东区' } },
    notFound: 'DISTRICT.NOT_FOUND',
  });
  describe('properties', () => {
    const sequenceArb = fc.array(fc.constantFrom(...samples), { maxLength: 20 });
    itRegistersOnceAndKeepsAName(decider, sequenceArb);
    itFoldsInAnyBatches(decider, sequenceArb);
  });
});
