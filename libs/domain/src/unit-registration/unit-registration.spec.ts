import fc from 'fast-check';
import { fold } from '../shared/decider';
import type { Actor, CommandMeta } from '../shared/message';
import { DeciderSpecification } from '../testing/decider-specification';
import { runCommands, itFoldsInAnyBatches } from '../testing/decider-properties';
import {
  decider,
  registrationId,
  streamNameFor,
  type UnitDetails,
  type UnitRegistered,
  type UnitRegistrationCommand,
  type UnitRegistrationEvent,
} from './index';

const now = new Date('2026-03-01T02:00:00Z');
const secretary: Actor = { id: 'p-sec', role: 'community_secretary' };
const districtAdmin: Actor = { id: 'p-org', role: 'district_admin' };
const meta = (actor: Actor = secretary): CommandMeta => ({ now, actor });
const spec = DeciderSpecification.for(decider);

const details: UnitDetails = {
  unitName: '市第一人民医院',
  partyOrganisationName: '市第一人民医院党委',
  contactPerson: { name: '王芳', phone: '0971-1234567' },
  superiorDepartment: '市卫生健康委员会',
};
const registered: UnitRegistered = {
  type: 'UnitRegistered',
  data: { unitId: 'u1', communityId: 'c1', ...details, registeredAt: now.toISOString() },
};
const register = (over: object = {}): UnitRegistrationCommand => ({
  type: 'RegisterUnit',
  data: { unitId: 'u1', communityId: 'c1', ...details, activeCommunityIds: [], ...over },
  meta: meta(),
});
const assign = (actor: Actor = districtAdmin, over: object = {}): UnitRegistrationCommand => ({
  type: 'AssignUnitToCommunity',
  data: { unitId: 'u1', communityId: 'c1', ...details, reason: '区委组织部统筹安排', ...over },
  meta: meta(actor),
});
const change = (over: object): UnitRegistrationCommand => ({
  type: 'ChangeUnitRegistrationDetails',
  data: { unitId: 'u1', communityId: 'c1', ...over },
  meta: meta(),
});
const deregister = (reason: string): UnitRegistrationCommand => ({
  type: 'DeregisterUnit',
  data: { unitId: 'u1', communityId: 'c1', reason },
  meta: meta(),
});
const deregistered: UnitRegistrationEvent = {
  type: 'UnitDeregistered',
  data: { unitId: 'u1', communityId: 'c1', reason: '单位迁出辖区', deregisteredAt: now.toISOString() },
};

describe('unit registration (双报到)', () => {
  it('derives one stream per (unit, community)', () => {
    expect(registrationId('u1', 'c1')).toBe('u1:c1');
    expect(streamNameFor('u1', 'c1')).toBe('unitRegistration-u1:c1');
    expect(streamNameFor('u1', 'c2')).not.toBe(streamNameFor('u1', 'c1'));
  });

  describe('RegisterUnit', () => {
    it('registers the unit with its Party organisation, contact and superior department', () =>
      spec.given([]).when(register()).then([registered]));
    it('allows reporting again where it is already listed as active (the read model may lag)', () =>
      spec.given([]).when(register({ activeCommunityIds: ['c1'] })).then([registered]));
    it('rejects a second registration at the same community', () =>
      spec.given([registered]).when(register()).thenThrows('UNIT.ALREADY_REGISTERED'));
    it('needs the district to serve a further community', () =>
      spec.given([]).when(register({ activeCommunityIds: ['c2'] })).thenThrows('UNIT.DISTRICT_ASSIGNMENT_REQUIRED'));
    it('registers again after a deregistration', () =>
      spec.given([registered, deregistered]).when(register()).then([registered]));
    it('rejects a command for another pair than the stream holds', () =>
      spec.given([registered, deregistered]).when(register({ communityId: 'c9' })).thenThrows('UNIT.STREAM_MISMATCH'));
    it.each([
      ['unitName', { unitName: ' ' }, 'UNIT.NAME_REQUIRED'],
      ['partyOrganisationName', { partyOrganisationName: '' }, 'UNIT.PARTY_ORGANISATION_REQUIRED'],
      ['superiorDepartment', { superiorDepartment: '' }, 'UNIT.SUPERIOR_DEPARTMENT_REQUIRED'],
      ['contact name', { contactPerson: { name: '', phone: '13800000000' } }, 'UNIT.INVALID_CONTACT'],
      ['contact phone', { contactPerson: { name: '王芳', phone: 'call me' } }, 'UNIT.INVALID_CONTACT'],
      ['missing contact', { contactPerson: undefined }, 'UNIT.INVALID_CONTACT'],
      ['unit id', { unitId: '' }, 'UNIT.INVALID_ID'],
      ['missing context', { activeCommunityIds: undefined }, 'UNIT.CONTEXT_REQUIRED'],
      ['community id', { communityId: 'a b' }, 'UNIT.INVALID_ID'],
    ])('rejects an invalid %s', (_field, over, code) => spec.given([]).when(register(over)).thenThrows(code));
  });

  describe('AssignUnitToCommunity', () => {
    it('lets the district assign a unit to a further community, with its reason', () =>
      spec
        .given([])
        .when(assign())
        .then([
          {
            type: 'UnitAssignedToCommunity',
            data: { unitId: 'u1', communityId: 'c1', ...details, reason: '区委组织部统筹安排', assignedAt: now.toISOString() },
          },
        ]));
    it.each(['street_admin', 'community_secretary', 'unit_contact'] as const)('refuses %s', (role) =>
      spec.given([]).when(assign({ id: 'x', role })).thenThrows('UNIT.ASSIGNMENT_REQUIRES_DISTRICT'));
    it('rejects an assignment where the unit is already registered', () =>
      spec.given([registered]).when(assign()).thenThrows('UNIT.ALREADY_REGISTERED'));
    it('needs a reason', () => spec.given([]).when(assign(districtAdmin, { reason: ' ' })).thenThrows('UNIT.REASON_REQUIRED'));
  });

  describe('ChangeUnitRegistrationDetails', () => {
    it('records the new details and what changed', () =>
      spec
        .given([registered])
        .when(change({ contactPerson: { name: '李强', phone: '13900000000' } }))
        .then([
          {
            type: 'UnitRegistrationDetailsChanged',
            data: { unitId: 'u1', communityId: 'c1', ...details, contactPerson: { name: '李强', phone: '13900000000' }, changed: ['contactPerson'] },
          },
        ]));
    it('does nothing when nothing changes', () =>
      spec.given([registered]).when(change({ unitName: details.unitName })).thenNothingHappens());
    it('rejects an unregistered unit', () => spec.given([]).when(change({ unitName: 'x' })).thenThrows('UNIT.NOT_REGISTERED'));
    it('validates what is given', () =>
      spec.given([registered]).when(change({ superiorDepartment: '' })).thenThrows('UNIT.SUPERIOR_DEPARTMENT_REQUIRED'));
  });

  describe('DeregisterUnit', () => {
    it('deregisters with a reason', () => spec.given([registered]).when(deregister('单位迁出辖区')).then([deregistered]));
    it('needs a reason', () => spec.given([registered]).when(deregister('  ')).thenThrows('UNIT.REASON_REQUIRED'));
    it('rejects an unregistered unit', () => spec.given([]).when(deregister('x')).thenThrows('UNIT.NOT_REGISTERED'));
    it('rejects a second deregistration', () =>
      spec.given([registered, deregistered]).when(deregister('x')).thenThrows('UNIT.NOT_REGISTERED'));
  });

  describe('properties', () => {
    const commandArb: fc.Arbitrary<UnitRegistrationCommand> = fc.oneof(
      fc.constantFrom(
        register(),
        register({ activeCommunityIds: ['c2'] }),
        register({ unitName: '' }),
        assign(),
        assign({ id: 'x', role: 'street_admin' }),
        deregister('迁出'),
        deregister(''),
        change({ unitName: '新名称' }),
        change({ contactPerson: { name: '赵', phone: '123456' } }),
        change({ unitName: '' }),
      ),
    );
    it('never holds two active registrations in one stream and always keeps complete details', () =>
      fc.assert(
        fc.property(fc.array(commandArb, { maxLength: 30 }), (commands) => {
          const { events } = runCommands(decider, commands);
          let active = 0;
          for (const e of events) {
            if (e.type === 'UnitRegistered' || e.type === 'UnitAssignedToCommunity') active += 1;
            if (e.type === 'UnitDeregistered') active -= 1;
            expect(active === 0 || active === 1).toBe(true);
            if (e.type === 'UnitDeregistered') expect(e.data.reason).not.toBe('');
          }
          const state = fold(decider, events);
          if (state.status !== 'none') {
            expect(state.unitName).not.toBe('');
            expect(state.contactPerson.phone).not.toBe('');
          }
          expect(state.status === 'registered').toBe(active === 1);
        }),
      ));
    itFoldsInAnyBatches(decider, fc.array(commandArb, { maxLength: 30 }));
  });
});
