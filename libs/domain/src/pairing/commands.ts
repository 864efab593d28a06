import type { Command, Instant } from '../shared/message';
import type { Commitment } from './events';

/**
 * 结对共建 under a co-building agreement (共建协议): one unit to one community, or N units to one
 * community. The command handler checks that the community and every unit are registered there.
 */
export type SignPairingAgreement = Command<
  'SignPairingAgreement',
  {
    pairingId: string;
    communityId: string;
    unitIds: string[];
    /** the agreement's term; instants computed by the caller from local dates */
    term: { from: Instant; until: Instant };
    commitments: Commitment[];
  }
>;

export type AddUnitToPairing = Command<
  'AddUnitToPairing',
  { pairingId: string; unitId: string; commitments: Commitment[] }
>;

export type RemoveUnitFromPairing = Command<'RemoveUnitFromPairing', { pairingId: string; unitId: string; reason: string }>;

/** Replaces the list of commitments; `reason` says why the agreement was amended. */
export type AmendPairingCommitments = Command<
  'AmendPairingCommitments',
  { pairingId: string; commitments: Commitment[]; reason: string }
>;

export type TerminatePairing = Command<'TerminatePairing', { pairingId: string; reason: string }>;

/** Sent by the system when the term has ended. */
export type ExpirePairing = Command<'ExpirePairing', { pairingId: string }>;

export type PairingCommand =
  | SignPairingAgreement
  | AddUnitToPairing
  | RemoveUnitFromPairing
  | AmendPairingCommitments
  | TerminatePairing
  | ExpirePairing;
