import type { Event, Instant } from '../shared/message';

/** One listed commitment of the agreement; `partyId` is a unit of the pairing or the community itself. */
export type Commitment = {
  commitmentId: string;
  partyId: string;
  text: string;
};

export type PairingKind = 'one_to_one' | 'many_to_one';

/** 结对共建: a co-building agreement (共建协议) signed between one or more units and a community, with term and commitments. */
export type PairingAgreementSigned = Event<
  'PairingAgreementSigned',
  {
    pairingId: string;
    communityId: string;
    unitIds: string[];
    kind: PairingKind;
    term: { from: Instant; until: Instant };
    commitments: Commitment[];
    signedAt: Instant;
  }
>;

/** Another unit joined the agreement with its commitments. */
export type UnitAddedToPairing = Event<
  'UnitAddedToPairing',
  { pairingId: string; communityId: string; unitId: string; commitments: Commitment[]; kind: PairingKind }
>;

/** A unit left the agreement (reason required); its commitments are dropped. */
export type UnitRemovedFromPairing = Event<
  'UnitRemovedFromPairing',
  { pairingId: string; communityId: string; unitId: string; reason: string; removedCommitmentIds: string[]; kind: PairingKind }
>;

/** The agreement's commitments were replaced (reason required); carries the full new list. */
export type PairingCommitmentsAmended = Event<
  'PairingCommitmentsAmended',
  { pairingId: string; communityId: string; commitments: Commitment[]; reason: string; amendedAt: Instant }
>;

/** The agreement ended early (reason required). */
export type PairingTerminated = Event<
  'PairingTerminated',
  { pairingId: string; communityId: string; reason: string; terminatedAt: Instant }
>;

/** The agreement's term ran out. */
export type PairingExpired = Event<'PairingExpired', { pairingId: string; communityId: string; expiredAt: Instant }>;

export type PairingEvent =
  | PairingAgreementSigned
  | UnitAddedToPairing
  | UnitRemovedFromPairing
  | PairingCommitmentsAmended
  | PairingTerminated
  | PairingExpired;

export const pairingEventVersions: Record<PairingEvent['type'], number> = {
  PairingAgreementSigned: 1,
  UnitAddedToPairing: 1,
  UnitRemovedFromPairing: 1,
  PairingCommitmentsAmended: 1,
  PairingTerminated: 1,
  PairingExpired: 1,
};
