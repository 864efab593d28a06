import fc from 'fast-check';
import { fold } from '../shared/decider';
import { DomainError } from '../shared/domain-error';
import { DeciderSpecification } from '../testing/decider-specification';
import { runCommands, itFoldsInAnyBatches } from '../testing/decider-properties';
import { itRenames } from '../testing/named-aggregate';
import { commandMeta } from '../testing/meta';
import { decider, streamName, type CommunityCommand, type CommunityRegistered } from './index';

const meta = commandMeta('2026-03-01T02:00:00Z', 'u-admin', 'district_admin');
const spec = DeciderSpecification.for(decider);
const defaults = { timeZone: 'Asia/Shanghai', objectionPeriodWorkingDays: 5, noticeFrequency: 'monthly' as const };

const registered: CommunityRegistered = {
  type: 'CommunityRegistered',
  data: { communityId: 'c1', name: '和平社区', streetId: 's1', districtId: 'd1', configuration: defaults },
};
const register = (over: Partial<Extract<CommunityCommand, { type: 'RegisterCommunity' }>['data']> = {}): CommunityCommand => ({
  type: 'RegisterCommunity',
  data: { communityId: 'c1', name: '和平社区', streetId: 's1', street: { streetId: 's1', districtId: 'd1' }, ...over },
  meta,
});
const configure = (configuration: object): CommunityCommand => ({
  type: 'ConfigureCommunity',
  data: { communityId: 'c1', configuration },
  meta,
});

describe('community', () => {
  it('names its stream by category and id', () => expect(streamName('c1')).toBe('community-c1'));

  describe('RegisterCommunity', () => {
    it('registers under its street and district with the default configuration', () =>
      spec.given([]).when(register()).then([registered]));
    it('trims the name and takes a given configuration', () =>
      spec
        .given([])
        .when(register({ name: '  和平社区 ', configuration: { timeZone: 'Asia/Urumqi', objectionPeriodWorkingDays: 7 } }))
        .then([
          {
            ...registered,
            data: { ...registered.data, configuration: { ...defaults, timeZone: 'Asia/Urumqi', objectionPeriodWorkingDays: 7 } },
          },
        ]));
    it('rejects a second registration', () => spec.given([registered]).when(register()).thenThrows('COMMUNITY.ALREADY_REGISTERED'));
    it('rejects an empty name', () => spec.given([]).when(register({ name: '  ' })).thenThrows('COMMUNITY.NAME_REQUIRED'));
    it('rejects an id with a colon', () => spec.given([]).when(register({ communityId: 'a:b' })).thenThrows('COMMUNITY.INVALID_ID'));
    it('rejects an unknown street', () =>
      spec.given([]).when(register({ street: null })).thenThrows('COMMUNITY.STREET_NOT_FOUND'));
    it('rejects a street context that is not the named street', () =>
      spec.given([]).when(register({ street: { streetId: 's2', districtId: 'd1' } })).thenThrows('COMMUNITY.STREET_NOT_FOUND'));
    it('rejects an unknown time zone', () =>
      spec.given([]).when(register({ configuration: { timeZone: 'Mars/Olympus' } })).thenThrows('COMMUNITY.INVALID_TIME_ZONE'));
  });

  describe('RenameCommunity', () => {
    const rename = (name: string): CommunityCommand => ({ type: 'RenameCommunity', data: { communityId: 'c1', name }, meta });
    itRenames(decider, {
      registered,
      rename,
      sameName: '和平社区',
      newName: '和平里社区',
      renamed: { type: 'CommunityRenamed', data: { communityId: 'c1', name: '和平里社区', previousName: '和平社区' } },
      notFound: 'COMMUNITY.NOT_FOUND',
    });
    it('rejects an empty name', () => spec.given([registered]).when(rename('')).thenThrows('COMMUNITY.NAME_REQUIRED'));
  });

  describe('ConfigureCommunity', () => {
    it('records the whole resulting configuration and what changed', () =>
      spec
        .given([registered])
        .when(configure({ noticeFrequency: 'quarterly', objectionPeriodWorkingDays: 5 }))
        .then([
          {
            type: 'CommunityConfigured',
            data: { communityId: 'c1', configuration: { ...defaults, noticeFrequency: 'quarterly' }, changed: ['noticeFrequency'] },
          },
        ]));
    it('does nothing when nothing changes', () =>
      spec.given([registered]).when(configure({ timeZone: 'Asia/Shanghai' })).thenNothingHappens());
    it('rejects an unknown community', () => spec.given([]).when(configure({})).thenThrows('COMMUNITY.NOT_FOUND'));
    it.each([0, 31, 2.5, '5'])('rejects objection period %p', (days) =>
      spec.given([registered]).when(configure({ objectionPeriodWorkingDays: days })).thenThrows('COMMUNITY.INVALID_OBJECTION_PERIOD'));
    it('rejects an unknown notice frequency', () =>
      spec.given([registered]).when(configure({ noticeFrequency: 'daily' })).thenThrows('COMMUNITY.INVALID_NOTICE_FREQUENCY'));
    it('names the field in the error', () => {
      try {
        decider.decide(configure({ timeZone: '' }), fold(decider, [registered]));
        throw new Error('expected a DomainError');
      } catch (e) {
        expect(e).toBeInstanceOf(DomainError);
        expect((e as DomainError).details).toEqual({ field: 'timeZone' });
      }
    });
  });

  describe('properties', () => {
    const commandArb: fc.Arbitrary<CommunityCommand> = fc.oneof(
      fc.constantFrom(register(), register({ street: null }), register({ name: '' })),
      fc.string({ maxLength: 4 }).map((name): CommunityCommand => ({ type: 'RenameCommunity', data: { communityId: 'c1', name }, meta })),
      fc
        .record(
          {
            timeZone: fc.constantFrom('Asia/Shanghai', 'Asia/Urumqi', 'Nowhere/Zone'),
            objectionPeriodWorkingDays: fc.integer({ min: -1, max: 40 }),
            noticeFrequency: fc.constantFrom('weekly', 'monthly', 'quarterly', 'hourly'),
          },
          { requiredKeys: [] },
        )
        .map(configure),
    );

    it('keeps a valid configuration and a non-empty name whatever the commands', () =>
      fc.assert(
        fc.property(fc.array(commandArb, { maxLength: 25 }), (commands) => {
          const state = runCommands(decider, commands).state;
          if (state.status === 'registered') {
            expect(state.name.trim()).not.toBe('');
            expect(state.configuration.objectionPeriodWorkingDays).toBeGreaterThanOrEqual(1);
            expect(state.configuration.objectionPeriodWorkingDays).toBeLessThanOrEqual(30);
            expect(['weekly', 'monthly', 'quarterly']).toContain(state.configuration.noticeFrequency);
            expect(state.configuration.timeZone).not.toBe('Nowhere/Zone');
          }
        }),
      ));

    itFoldsInAnyBatches(decider, fc.array(commandArb, { maxLength: 25 }));
  });
});
