import fc from 'fast-check';
import type { CommandMeta } from '../shared/message';
import { DeciderSpecification } from '../testing/decider-specification';
import { runCommands, itFoldsInAnyBatches } from '../testing/decider-properties';
import { decider, streamName, type Commitment, type PairingCommand, type PairingEvent } from './index';

const now = new Date('2026-01-05T02:00:00Z');
const meta = (at: Date = now): CommandMeta => ({ now: at, actor: { id: 'p-sec', role: 'community_secretary' } });
const afterTerm = new Date('2027-01-01T00:00:00Z');
const spec = DeciderSpecification.for(decider);
const term = { from: '2025-12-31T16:00:00Z', until: '2026-12-31T16:00:00Z' };

const c1: Commitment = { commitmentId: 'k1', partyId: 'u1', text: '每月开放职工活动中心一次' };
const c2: Commitment = { commitmentId: 'k2', partyId: 'c1', text: '协调辖区停车位' };
const c3: Commitment = { commitmentId: 'k3', partyId: 'u2', text: '每季度义诊一次' };
const signed: PairingEvent = {
  type: 'PairingAgreementSigned',
  data: { pairingId: 'p1', communityId: 'c1', unitIds: ['u1'], kind: 'one_to_one', term, commitments: [c1, c2], signedAt: now.toISOString() },
};
const sign = (over: object = {}): PairingCommand => ({
  type: 'SignPairingAgreement',
  data: { pairingId: 'p1', communityId: 'c1', unitIds: ['u1'], term, commitments: [c1, c2], ...over },
  meta: meta(),
});
const add = (unitId = 'u2', commitments: Commitment[] = [c3], at = now): PairingCommand => ({
  type: 'AddUnitToPairing',
  data: { pairingId: 'p1', unitId, commitments },
  meta: meta(at),
});
const added: PairingEvent = {
  type: 'UnitAddedToPairing',
  data: { pairingId: 'p1', communityId: 'c1', unitId: 'u2', commitments: [c3], kind: 'many_to_one' },
};
const remove = (unitId: string, reason = '单位改制'): PairingCommand => ({
  type: 'RemoveUnitFromPairing',
  data: { pairingId: 'p1', unitId, reason },
  meta: meta(),
});
const amend = (commitments: Commitment[], reason = '年中调整', at = now): PairingCommand => ({
  type: 'AmendPairingCommitments',
  data: { pairingId: 'p1', commitments, reason },
  meta: meta(at),
});
const terminate = (reason: string): PairingCommand => ({ type: 'TerminatePairing', data: { pairingId: 'p1', reason }, meta: meta() });
const expire = (at: Date): PairingCommand => ({ type: 'ExpirePairing', data: { pairingId: 'p1' }, meta: meta(at) });
const terminated: PairingEvent = {
  type: 'PairingTerminated',
  data: { pairingId: 'p1', communityId: 'c1', reason: '单位撤销', terminatedAt: now.toISOString() },
};

describe('pairing (结对共建 · 共建协议)', () => {
  it('names its stream', () => expect(streamName('p1')).toBe('pairing-p1'));

  describe('SignPairingAgreement', () => {
    it('signs a one-to-one agreement with term and commitments', () => spec.given([]).when(sign()).then([signed]));
    it('signs an N-to-one agreement', () =>
      spec
        .given([])
        .when(sign({ unitIds: ['u1', 'u2'], commitments: [c1, c3] }))
        .then([{ ...signed, data: { ...signed.data, unitIds: ['u1', 'u2'], kind: 'many_to_one', commitments: [c1, c3] } }]));
    it('rejects signing twice', () => spec.given([signed]).when(sign()).thenThrows('PAIRING.ALREADY_SIGNED'));
    it('rejects a bad pairing id', () => spec.given([]).when(sign({ pairingId: 'p:1' })).thenThrows('PAIRING.INVALID_ID'));
    it('needs a unit', () => spec.given([]).when(sign({ unitIds: [] })).thenThrows('PAIRING.INVALID_UNITS'));
    it('rejects a repeated unit', () => spec.given([]).when(sign({ unitIds: ['u1', 'u1'] })).thenThrows('PAIRING.INVALID_UNITS'));
    it('needs the term to end after it starts', () =>
      spec.given([]).when(sign({ term: { from: term.until, until: term.from } })).thenThrows('PAIRING.TERM_END_BEFORE_START'));
    it('rejects an equal start and end', () =>
      spec.given([]).when(sign({ term: { from: term.from, until: term.from } })).thenThrows('PAIRING.TERM_END_BEFORE_START'));
    it('rejects a term that has already ended', () =>
      spec
        .given([])
        .when(sign({ term: { from: '2024-01-01T00:00:00Z', until: '2025-01-01T00:00:00Z' } }))
        .thenThrows('PAIRING.DEADLINE_IN_PAST'));
    it('rejects a malformed term', () => spec.given([]).when(sign({ term: { from: '2026-01-01', until: term.until } })).thenThrows('PAIRING.INVALID_TERM'));
    it('rejects a missing term', () => spec.given([]).when(sign({ term: undefined })).thenThrows('PAIRING.INVALID_TERM'));
    it('needs at least one commitment', () => spec.given([]).when(sign({ commitments: [] })).thenThrows('PAIRING.COMMITMENTS_REQUIRED'));
    it('rejects a commitment by a stranger', () =>
      spec.given([]).when(sign({ commitments: [c3] })).thenThrows('PAIRING.COMMITMENT_PARTY_NOT_IN_PAIRING'));
    it('rejects duplicate commitment ids', () =>
      spec.given([]).when(sign({ commitments: [c1, { ...c2, commitmentId: 'k1' }] })).thenThrows('PAIRING.INVALID_COMMITMENTS'));
    it('rejects an empty commitment text', () =>
      spec.given([]).when(sign({ commitments: [{ ...c1, text: ' ' }] })).thenThrows('PAIRING.INVALID_COMMITMENTS'));
  });

  describe('AddUnitToPairing', () => {
    it('adds a unit with its commitments, making the pairing N-to-one', () => spec.given([signed]).when(add()).then([added]));
    it('rejects a unit already in it', () => spec.given([signed]).when(add('u1', [])).thenThrows('PAIRING.UNIT_ALREADY_IN_PAIRING'));
    it('rejects commitments of another party', () => spec.given([signed]).when(add('u2', [c1])).thenThrows('PAIRING.COMMITMENT_PARTY_NOT_IN_PAIRING'));
    it('rejects a reused commitment id', () =>
      spec.given([signed]).when(add('u2', [{ ...c3, commitmentId: 'k1' }])).thenThrows('PAIRING.INVALID_COMMITMENTS'));
    it('rejects an unknown pairing', () => spec.given([]).when(add()).thenThrows('PAIRING.NOT_FOUND'));
    it('rejects changes after termination', () => spec.given([signed, terminated]).when(add()).thenThrows('PAIRING.NOT_ACTIVE'));
    it('rejects changes after the term ended', () => spec.given([signed]).when(add('u2', [c3], afterTerm)).thenThrows('PAIRING.TERM_ENDED'));
  });

  describe('RemoveUnitFromPairing', () => {
    it('removes a unit and its commitments, with a reason', () =>
      spec
        .given([signed, added])
        .when(remove('u2'))
        .then([
          {
            type: 'UnitRemovedFromPairing',
            data: { pairingId: 'p1', communityId: 'c1', unitId: 'u2', reason: '单位改制', removedCommitmentIds: ['k3'], kind: 'one_to_one' },
          },
        ]));
    it('needs a reason', () => spec.given([signed, added]).when(remove('u2', '')).thenThrows('PAIRING.REASON_REQUIRED'));
    it('rejects a unit not in it', () => spec.given([signed]).when(remove('u9')).thenThrows('PAIRING.UNIT_NOT_IN_PAIRING'));
    it('refuses to remove the last unit', () => spec.given([signed]).when(remove('u1')).thenThrows('PAIRING.LAST_UNIT'));
  });

  describe('AmendPairingCommitments', () => {
    it('replaces the commitments, with a reason', () =>
      spec
        .given([signed])
        .when(amend([c1]))
        .then([
          {
            type: 'PairingCommitmentsAmended',
            data: { pairingId: 'p1', communityId: 'c1', commitments: [c1], reason: '年中调整', amendedAt: now.toISOString() },
          },
        ]));
    it('does nothing when unchanged', () => spec.given([signed]).when(amend([c1, c2])).thenNothingHappens());
    it('needs a reason', () => spec.given([signed]).when(amend([c1], '')).thenThrows('PAIRING.REASON_REQUIRED'));
    it('keeps at least one commitment', () => spec.given([signed]).when(amend([])).thenThrows('PAIRING.COMMITMENTS_REQUIRED'));
    it('refuses a removed unit as a party', () =>
      spec
        .given([signed, added, { type: 'UnitRemovedFromPairing', data: { pairingId: 'p1', communityId: 'c1', unitId: 'u2', reason: 'x', removedCommitmentIds: ['k3'], kind: 'one_to_one' } }])
        .when(amend([c1, c3]))
        .thenThrows('PAIRING.COMMITMENT_PARTY_NOT_IN_PAIRING'));
    it('refuses after the term ended', () => spec.given([signed]).when(amend([c1], 'x', afterTerm)).thenThrows('PAIRING.TERM_ENDED'));
  });

  describe('TerminatePairing', () => {
    it('terminates with a reason', () => spec.given([signed]).when(terminate('单位撤销')).then([terminated]));
    it('needs a reason', () => spec.given([signed]).when(terminate(' ')).thenThrows('PAIRING.REASON_REQUIRED'));
    it('rejects terminating twice', () => spec.given([signed, terminated]).when(terminate('x')).thenThrows('PAIRING.NOT_ACTIVE'));
    it('rejects an unknown pairing', () => spec.given([]).when(terminate('x')).thenThrows('PAIRING.NOT_FOUND'));
  });

  describe('ExpirePairing', () => {
    const expired: PairingEvent = { type: 'PairingExpired', data: { pairingId: 'p1', communityId: 'c1', expiredAt: afterTerm.toISOString() } };
    it('expires once the term has ended', () => spec.given([signed]).when(expire(afterTerm)).then([expired]));
    it('expires exactly at the end of the term', () =>
      spec
        .given([signed])
        .when(expire(new Date(term.until)))
        .then([{ ...expired, data: { ...expired.data, expiredAt: new Date(term.until).toISOString() } }]));
    it('refuses before the term ends', () => spec.given([signed]).when(expire(now)).thenThrows('PAIRING.TERM_NOT_ENDED'));
    it('does nothing when already expired (retried job)', () => spec.given([signed, expired]).when(expire(afterTerm)).thenNothingHappens());
    it('does not expire a terminated pairing', () => spec.given([signed, terminated]).when(expire(afterTerm)).thenThrows('PAIRING.NOT_ACTIVE'));
  });

  describe('properties', () => {
    const units = ['u1', 'u2', 'u3'];
    const commitmentArb = fc.record({
      commitmentId: fc.constantFrom('k1', 'k2', 'k3', 'k4', 'k5'),
      partyId: fc.constantFrom('c1', ...units),
      text: fc.constantFrom('义诊', '场地', ''),
    });
    const commandArb: fc.Arbitrary<PairingCommand> = fc.oneof(
      fc.constantFrom(sign(), sign({ unitIds: ['u1', 'u2'], commitments: [c1, c3] }), terminate('撤销'), expire(afterTerm), expire(now)),
      fc.tuple(fc.constantFrom(...units), fc.array(commitmentArb, { maxLength: 2 })).map(([u, cs]) => add(u, cs)),
      fc.constantFrom(...units).map((u) => remove(u)),
      fc.array(commitmentArb, { maxLength: 3 }).map((cs) => amend(cs)),
    );
    it('always has at least one unit, unique ids, and commitments only by parties', () =>
      fc.assert(
        fc.property(fc.array(commandArb, { maxLength: 30 }), (commands) => {
          const state = runCommands(decider, commands).state;
          if (state.status === 'none') return;
          expect(state.unitIds.length).toBeGreaterThanOrEqual(1);
          expect(new Set(state.unitIds).size).toBe(state.unitIds.length);
          const ids = state.commitments.map((c) => c.commitmentId);
          expect(new Set(ids).size).toBe(ids.length);
          for (const c of state.commitments) expect([state.communityId, ...state.unitIds]).toContain(c.partyId);
        }),
      ));
    itFoldsInAnyBatches(decider, fc.array(commandArb, { maxLength: 30 }));
  });
});
