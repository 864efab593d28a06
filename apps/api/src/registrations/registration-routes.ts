import type { ScopeTarget } from '@cobuild/auth';
import { member, pairing, unitRegistration } from '@cobuild/domain';
import type { CommandRoute } from '../commands/command-gateway';

type Data<C extends { type: string; data: unknown }, T extends C['type']> = Extract<C, { type: T }>['data'];

/**
 * A command on the registration of a unit at a community (双报到): the scope target is the
 * community, and the unit itself for its contact.
 */
export function unitRegistrationRoute<T extends unitRegistration.UnitRegistrationCommand['type']>(
  type: T,
  data: Data<unitRegistration.UnitRegistrationCommand, T>,
): CommandRoute<unitRegistration.UnitRegistrationState, unitRegistration.UnitRegistrationCommand, unitRegistration.UnitRegistrationEvent> {
  const id = unitRegistration.registrationId(data.unitId, data.communityId);
  return {
    decider: unitRegistration.decider,
    streamId: unitRegistration.streamName(id),
    id,
    command: { type, data } as Pick<unitRegistration.UnitRegistrationCommand, 'type' | 'data'>,
    communityOf: () => data.communityId,
    targetOf: () => ({ unitId: data.unitId }),
  };
}

/**
 * A command on an in-service member (在职党员): the scope target is their residence community and
 * the member themself. `place` overrides the community the target sits in (see RegisterMember).
 */
export function memberRoute<T extends member.MemberCommand['type']>(
  memberId: string,
  type: T,
  data: Data<member.MemberCommand, T>,
  place: Pick<ScopeTarget, 'communityId' | 'streetId' | 'districtId'> = {},
): CommandRoute<member.MemberState, member.MemberCommand, member.MemberEvent> {
  return {
    decider: member.decider,
    streamId: member.streamName(memberId),
    id: memberId,
    command: { type, data } as Pick<member.MemberCommand, 'type' | 'data'>,
    communityOf: (state, d) =>
      state.status !== 'none' ? state.communityId : typeof d.residenceCommunityId === 'string' ? d.residenceCommunityId : null,
    targetOf: () => ({ ...place, selfId: memberId }),
  };
}

/** A command on a co-building agreement (共建协议): the scope target is the pairing's community. */
export function pairingRoute<T extends pairing.PairingCommand['type']>(
  pairingId: string,
  type: T,
  data: Data<pairing.PairingCommand, T>,
): CommandRoute<pairing.PairingState, pairing.PairingCommand, pairing.PairingEvent> {
  return {
    decider: pairing.decider,
    streamId: pairing.streamName(pairingId),
    id: pairingId,
    command: { type, data } as Pick<pairing.PairingCommand, 'type' | 'data'>,
    communityOf: (state, d) => (state.status !== 'none' ? state.communityId : typeof d.communityId === 'string' ? d.communityId : null),
  };
}

/** DTO commitments to the domain's plain objects. */
export const commitmentsOf = (list: ReadonlyArray<pairing.Commitment>): pairing.Commitment[] =>
  list.map((c) => ({ commitmentId: c.commitmentId, partyId: c.partyId, text: c.text }));
