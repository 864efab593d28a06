import { assertNever } from '../shared/decider';
import { conflict, invalid, notFound } from '../shared/domain-error';
import { millis, requireId, requireIdList, requireInstant, requireText } from '../guards';
import type {
  AddUnitToPairing,
  AmendPairingCommitments,
  ExpirePairing,
  PairingCommand,
  RemoveUnitFromPairing,
  SignPairingAgreement,
  TerminatePairing,
} from './commands';
import type { Commitment, PairingEvent, PairingKind } from './events';
import type { PairingState } from './state';

export function decidePairing(command: PairingCommand, state: PairingState): PairingEvent[] {
  switch (command.type) {
    case 'SignPairingAgreement':
      return sign(command, state);
    case 'AddUnitToPairing':
      return addUnit(command, state);
    case 'RemoveUnitFromPairing':
      return removeUnit(command, state);
    case 'AmendPairingCommitments':
      return amend(command, state);
    case 'TerminatePairing':
      return terminate(command, state);
    case 'ExpirePairing':
      return expire(command, state);
    default:
      return assertNever(command);
  }
}

const kindOf = (unitIds: string[]): PairingKind => (unitIds.length > 1 ? 'many_to_one' : 'one_to_one');

function sign(command: SignPairingAgreement, state: PairingState): PairingEvent[] {
  const { data, meta } = command;
  if (state.status !== 'none') throw conflict('PAIRING.ALREADY_SIGNED', `pairing ${data.pairingId} already exists`);
  const pairingId = requireId(data.pairingId, 'PAIRING.INVALID_ID', 'pairingId');
  const communityId = requireId(data.communityId, 'PAIRING.INVALID_ID', 'communityId');
  const unitIds = requireIdList(data.unitIds, 'PAIRING.INVALID_UNITS', 'unitIds', { min: 1 });
  if (!data.term || typeof data.term !== 'object') throw invalid('PAIRING.INVALID_TERM', 'a term is required', { field: 'term' });
  const from = requireInstant(data.term.from, 'PAIRING.INVALID_TERM', 'term.from');
  const until = requireInstant(data.term.until, 'PAIRING.INVALID_TERM', 'term.until');
  if (millis(until) <= millis(from)) {
    throw invalid('PAIRING.TERM_END_BEFORE_START', 'the term must end after it starts', { field: 'term.until' });
  }
  if (millis(until) <= meta.now.getTime()) {
    throw invalid('PAIRING.DEADLINE_IN_PAST', 'the term has already ended', { field: 'term.until' });
  }
  const commitments = requireCommitments(data.commitments, [communityId, ...unitIds], { min: 1 });
  return [
    {
      type: 'PairingAgreementSigned',
      data: { pairingId, communityId, unitIds, kind: kindOf(unitIds), term: { from, until }, commitments, signedAt: meta.now.toISOString() },
    },
  ];
}

function addUnit(command: AddUnitToPairing, state: PairingState): PairingEvent[] {
  const pairing = requireActive(state, command);
  const unitId = requireId(command.data.unitId, 'PAIRING.INVALID_ID', 'unitId');
  if (pairing.unitIds.includes(unitId)) throw conflict('PAIRING.UNIT_ALREADY_IN_PAIRING', `unit ${unitId} is already in the pairing`);
  const unitIds = [...pairing.unitIds, unitId];
  const commitments = requireCommitments(command.data.commitments, [unitId], { min: 0 });
  const existing = new Set(pairing.commitments.map((c) => c.commitmentId));
  const reused = commitments.find((c) => existing.has(c.commitmentId));
  if (reused) throw invalid('PAIRING.INVALID_COMMITMENTS', `commitment ${reused.commitmentId} already exists`, { field: 'commitments' });
  return [
    { type: 'UnitAddedToPairing', data: { pairingId: pairing.pairingId, communityId: pairing.communityId, unitId, commitments, kind: kindOf(unitIds) } },
  ];
}

function removeUnit(command: RemoveUnitFromPairing, state: PairingState): PairingEvent[] {
  const pairing = requireActive(state, command);
  const { unitId } = command.data;
  if (!pairing.unitIds.includes(unitId)) throw notFound('PAIRING.UNIT_NOT_IN_PAIRING', `unit ${unitId} is not in the pairing`);
  const reason = requireText(command.data.reason, 'PAIRING.REASON_REQUIRED', 'reason');
  if (pairing.unitIds.length === 1) {
    throw conflict('PAIRING.LAST_UNIT', 'the last unit cannot be removed; terminate the agreement instead');
  }
  const unitIds = pairing.unitIds.filter((id) => id !== unitId);
  return [
    {
      type: 'UnitRemovedFromPairing',
      data: {
        pairingId: pairing.pairingId,
        communityId: pairing.communityId,
        unitId,
        reason,
        removedCommitmentIds: pairing.commitments.filter((c) => c.partyId === unitId).map((c) => c.commitmentId),
        kind: kindOf(unitIds),
      },
    },
  ];
}

function amend(command: AmendPairingCommitments, state: PairingState): PairingEvent[] {
  const pairing = requireActive(state, command);
  const reason = requireText(command.data.reason, 'PAIRING.REASON_REQUIRED', 'reason');
  const commitments = requireCommitments(command.data.commitments, [pairing.communityId, ...pairing.unitIds], { min: 1 });
  if (JSON.stringify(commitments) === JSON.stringify(pairing.commitments)) return [];
  return [
    {
      type: 'PairingCommitmentsAmended',
      data: { pairingId: pairing.pairingId, communityId: pairing.communityId, commitments, reason, amendedAt: command.meta.now.toISOString() },
    },
  ];
}

function terminate(command: TerminatePairing, state: PairingState): PairingEvent[] {
  const pairing = requireActive(state, command, { allowAfterTerm: true });
  const reason = requireText(command.data.reason, 'PAIRING.REASON_REQUIRED', 'reason');
  return [
    { type: 'PairingTerminated', data: { pairingId: pairing.pairingId, communityId: pairing.communityId, reason, terminatedAt: command.meta.now.toISOString() } },
  ];
}

function expire(command: ExpirePairing, state: PairingState): PairingEvent[] {
  if (state.status === 'expired') return [];
  const pairing = requireActive(state, command, { allowAfterTerm: true });
  if (command.meta.now.getTime() < millis(pairing.term.until)) {
    throw conflict('PAIRING.TERM_NOT_ENDED', `the term runs until ${pairing.term.until}`);
  }
  return [{ type: 'PairingExpired', data: { pairingId: pairing.pairingId, communityId: pairing.communityId, expiredAt: command.meta.now.toISOString() } }];
}

/** The agreement must exist and be in force; changes after the term ended are refused. */
function requireActive(state: PairingState, command: PairingCommand, { allowAfterTerm = false } = {}) {
  if (state.status === 'none') throw notFound('PAIRING.NOT_FOUND', `pairing ${command.data.pairingId} does not exist`);
  if (state.status !== 'active') throw conflict('PAIRING.NOT_ACTIVE', `the pairing is ${state.status}`);
  if (!allowAfterTerm && command.meta.now.getTime() >= millis(state.term.until)) {
    throw conflict('PAIRING.TERM_ENDED', `the term ended at ${state.term.until}`);
  }
  return state;
}

function requireCommitments(value: unknown, parties: string[], { min }: { min: number }): Commitment[] {
  if (!Array.isArray(value)) throw invalid('PAIRING.INVALID_COMMITMENTS', 'commitments must be a list', { field: 'commitments' });
  if (value.length < min) throw invalid('PAIRING.COMMITMENTS_REQUIRED', 'an agreement lists at least one commitment', { field: 'commitments' });
  const commitments = value.map((c: Partial<Commitment> | null) => {
    if (!c || typeof c !== 'object') throw invalid('PAIRING.INVALID_COMMITMENTS', 'a commitment must be an object', { field: 'commitments' });
    const partyId = requireId(c.partyId, 'PAIRING.INVALID_COMMITMENTS', 'commitments.partyId');
    if (!parties.includes(partyId)) {
      throw invalid('PAIRING.COMMITMENT_PARTY_NOT_IN_PAIRING', `${partyId} is not a party to this pairing`, { field: 'commitments.partyId' });
    }
    return {
      commitmentId: requireId(c.commitmentId, 'PAIRING.INVALID_COMMITMENTS', 'commitments.commitmentId'),
      partyId,
      text: requireText(c.text, 'PAIRING.INVALID_COMMITMENTS', 'commitments.text', 1000),
    };
  });
  if (new Set(commitments.map((c) => c.commitmentId)).size !== commitments.length) {
    throw invalid('PAIRING.INVALID_COMMITMENTS', 'commitment ids must be unique', { field: 'commitments.commitmentId' });
  }
  return commitments;
}
