import { placeInScope, referencesOf, refusalOf, type Place, type ReferenceScope } from './index';

const communityA: ReferenceScope = { communityId: 'c-a', streetId: 's-1', districtId: 'd-1' };
const street1: ReferenceScope = { streetId: 's-1' };
const atA: Place = { communityId: 'c-a', streetId: 's-1', districtId: 'd-1' };
const atB: Place = { communityId: 'c-b', streetId: 's-2', districtId: 'd-1' };
const atC: Place = { communityId: 'c-c', streetId: 's-1', districtId: 'd-1' };

describe('references stay inside their scope', () => {
  describe('referencesOf names every id a command points at', () => {
    const person = { name: '李四', phone: null };
    it.each([
      ['AssignTask', { taskId: 't', responsibleUnitId: 'u', responsiblePerson: person, deadline: 'x' }, [['unit', 'u', 'responsibleUnitId']]],
      ['ReassignTask', { taskId: 't', reason: 'r', responsibleUnitId: 'u', responsiblePerson: person, deadline: 'x' }, [['unit', 'u', 'responsibleUnitId']]],
      ['ProposeTask', { taskId: 't', assignment: { responsibleUnitId: 'u' } }, [['unit', 'u', 'assignment.responsibleUnitId']]],
      ['ProposeTask', { taskId: 't', assignment: null }, []],
      ['EscalateTask', { taskId: 't', escalationId: 'e', to: { kind: 'street', streetId: 's' }, reason: 'r' }, [['street', 's', 'to.streetId']]],
      ['EscalateTask', { taskId: 't', escalationId: 'e', to: { kind: 'department', departmentId: 'dep' }, reason: 'r' }, []],
      ['ConveneMeeting', { meetingId: 'm', level: 'community', communityId: 'c', streetId: 's', chairUnitId: 'u' }, [['unit', 'u', 'chairUnitId'], ['street', 's', 'streetId']]],
      ['ConveneMeeting', { meetingId: 'm', level: 'street', streetId: 's', chairUnitId: 'u' }, [['unit', 'u', 'chairUnitId']]],
      ['ChangeMeetingChair', { meetingId: 'm', chairUnitId: 'u', reason: 'r' }, [['unit', 'u', 'chairUnitId']]],
      ['RecordMeetingAttendance', { meetingId: 'm', attendees: [{ name: 'a' }, { name: 'b', unitId: 'u' }] }, [['unit', 'u', 'attendees[1].unitId']]],
      ['RecordMeetingDecision', { meetingId: 'm', decisionId: 'd', kind: 'task_formed', taskId: 't', pledgeId: null }, [['task', 't', 'taskId']]],
      ['SubmitRating', { roundId: 'r', subject: { kind: 'unit', id: 'u' } }, [['unit', 'u', 'subject.id']]],
      ['SubmitRating', { roundId: 'r', subject: { kind: 'member', id: 'm' } }, [['member', 'm', 'subject.id']]],
      ['SubmitRating', { roundId: 'r', subject: { kind: 'street', id: 's' } }, [['street', 's', 'subject.id']]],
      ['SubmitRating', { roundId: 'r', subject: { kind: 'task', id: 't' } }, []],
      ['SubmitNeed', { needId: 'n', requestingUnitId: 'u' }, [['unit', 'u', 'requestingUnitId']]],
      ['PledgeResource', { pledgeId: 'p', pledger: { kind: 'unit', unitId: 'u' } }, [['unit', 'u', 'pledger.unitId']]],
      ['PledgeResource', { pledgeId: 'p', pledger: { kind: 'member', memberId: 'm', unitId: 'home' } }, [['member', 'm', 'pledger.memberId']]],
      ['ConfirmPledge', { pledgeId: 'p', meetingId: 'm' }, [['meeting', 'm', 'meetingId']]],
      ['SignPairingAgreement', { pairingId: 'x', unitIds: ['u1', 'u2'] }, [['unit', 'u1', 'unitIds[0]'], ['unit', 'u2', 'unitIds[1]']]],
      ['AddUnitToPairing', { pairingId: 'x', unitId: 'u' }, [['unit', 'u', 'unitId']]],
      ['SendMemberFeedback', { memberId: 'm', taskIds: ['t'] }, []],
      ['PublishNotice', { noticeId: 'x', kind: 'meeting_decisions', subjectId: 'm' }, [['meeting', 'm', 'subjectId']]],
      ['PublishNotice', { noticeId: 'x', kind: 'evaluation_results', subjectId: 'r' }, [['round', 'r', 'subjectId']]],
      ['PublishNotice', { noticeId: 'x', kind: 'periodic_lists', subjectId: 'lists-2026-11' }, []],
      ['ListNeed', { needId: 'n' }, []],
    ])('%s %j', (type, data, expected) => {
      expect(referencesOf({ type, data }).map((r) => [r.kind, r.id, r.field])).toEqual(expected);
    });

    it('leaves absent or malformed ids to the decider (which names the field)', () => {
      expect(referencesOf({ type: 'AssignTask', data: { taskId: 't', responsibleUnitId: 7 } })).toEqual([]);
      expect(referencesOf({ type: 'AssignTask', data: { taskId: 't', responsibleUnitId: 'a b' } })).toEqual([]);
      expect(referencesOf({ type: 'ChangeMeetingChair', data: { meetingId: 'm', chairUnitId: 'u:c' } })).toEqual([]);
      expect(referencesOf({ type: 'SignPairingAgreement', data: { pairingId: 'x', unitIds: 'u' } })).toEqual([]);
      expect(referencesOf({ type: 'SubmitRating', data: { roundId: 'r', subject: { kind: 'mayor', id: 'x' } } })).toEqual([]);
      expect(referencesOf({ type: 'RecordMeetingAttendance', data: { meetingId: 'm', attendees: [null, 'x', { unitId: 3 }] } })).toEqual([]);
    });
  });

  describe('placeInScope', () => {
    it('a community scope holds its own things and street-level things of its street', () => {
      expect(placeInScope(atA, communityA)).toBe(true);
      expect(placeInScope(atC, communityA)).toBe(false); // same street, another community
      expect(placeInScope({ communityId: null, streetId: 's-1' }, communityA)).toBe(true);
      expect(placeInScope({ communityId: null, streetId: 's-2' }, communityA)).toBe(false);
    });
    it('a street scope holds its communities; a district scope its streets', () => {
      expect(placeInScope(atC, street1)).toBe(true);
      expect(placeInScope(atB, street1)).toBe(false);
      expect(placeInScope(atB, { districtId: 'd-1' })).toBe(true);
      expect(placeInScope(atB, {})).toBe(false);
    });
  });

  describe('refusalOf', () => {
    const unit = { kind: 'unit' as const, id: 'u-b', field: 'responsibleUnitId' };
    it('passes a thing with one place in scope', () => {
      expect(refusalOf(unit, communityA, [atB, atA])).toBeNull();
    });
    it("refuses another community's unit with UNIT.NOT_REGISTERED_HERE, naming the field (409)", () => {
      const e = refusalOf(unit, communityA, [atB])!;
      expect({ code: e.code, kind: e.kind, details: e.details }).toEqual({
        code: 'UNIT.NOT_REGISTERED_HERE',
        kind: 'conflict',
        details: { field: 'responsibleUnitId', unitId: 'u-b', communityId: 'c-a' },
      });
      expect(refusalOf(unit, communityA, null)!.code).toBe('UNIT.NOT_REGISTERED_HERE');
    });
    it('refuses a member living elsewhere, a street of another district, a pledge/task/meeting elsewhere or unknown', () => {
      expect(refusalOf({ kind: 'member', id: 'm', field: 'subject.id' }, communityA, [atB])!.code).toBe('MEMBER.NOT_REGISTERED_HERE');
      const street = refusalOf({ kind: 'street', id: 's-9', field: 'to.streetId' }, communityA, [{ communityId: null, streetId: 's-9' }])!;
      expect([street.code, street.kind]).toEqual(['STREET.OUTSIDE_SCOPE', 'conflict']);
      expect(refusalOf({ kind: 'pledge', id: 'p', field: 'pledgeId' }, communityA, [atB])!.code).toBe('PLEDGE.OUTSIDE_SCOPE');
      const unknown = refusalOf({ kind: 'task', id: 't', field: 'taskId' }, communityA, null)!;
      expect([unknown.code, unknown.kind]).toEqual(['TASK.NOT_FOUND', 'not_found']);
      expect(refusalOf({ kind: 'meeting', id: 'm', field: 'meetingId' }, communityA, [{ communityId: null, streetId: 's-2' }])!.code).toBe(
        'MEETING.OUTSIDE_SCOPE',
      );
    });
  });
});
