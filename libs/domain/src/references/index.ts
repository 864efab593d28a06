import type { EvaluationRoundCommand } from '../evaluation-round/commands';
import type { MeetingCommand } from '../meeting/commands';
import type { NeedCommand } from '../need/commands';
import type { NoticeCommand } from '../notice/commands';
import type { PairingCommand } from '../pairing/commands';
import type { PledgeCommand } from '../pledge/commands';
import { conflict, notFound, type DomainError } from '../shared/domain-error';
import type { TaskCommand } from '../task/commands';

/**
 * References stay inside their scope: a command may only name things (units, members, streets,
 * communities, pledges, tasks, meetings) that its community — or street, for street-level things —
 * may use. This is the one table of every command's references and the one rule that judges them;
 * the command path loads where each referenced thing is and calls `refusalOf` before the decider
 * runs, so a refused command appends nothing.
 *
 * Checked elsewhere, from snapshots in the command (the decider refuses them):
 * - the needs, pledges and meeting of a task (ProposeTask, ClaimNeed, ConfirmTaskClaim: TASK.*_OUTSIDE_COMMUNITY);
 * - the need a duplicate is merged into (MergeNeed: NEED.MERGE_TARGET_OTHER_COMMUNITY);
 * - the task of a per-task rating (SubmitRating: ROUND.TASK_*).
 * Not checkable: functional departments (EscalateTask to a department) have no directory yet; a
 * member's home unit (RegisterMember, ChangeMemberHomeUnit) may work anywhere, it need only exist; the
 * tasks a member's feedback letter cites (SendMemberFeedback) may lie in a community they lived in before.
 */

export type ReferenceKind = 'unit' | 'member' | 'street' | 'community' | 'pledge' | 'task' | 'meeting' | 'round';

export interface Reference {
  kind: ReferenceKind;
  id: string;
  /** the field of the command that names it, e.g. `responsibleUnitId`, `to.streetId` */
  field: string;
}

/** Where the command acts: its community (with street and district), or a street (street meetings and rounds). */
export interface ReferenceScope {
  communityId?: string | null;
  streetId?: string | null;
  districtId?: string | null;
}

/**
 * Where a referenced thing is: a community (and its street), or only a street (a street meeting,
 * a street itself). A unit is where it is registered (双报到), a member where they live.
 */
export interface Place {
  communityId: string | null;
  streetId: string | null;
  districtId?: string | null;
}

type Message<C> = C extends { type: infer T; data: infer D } ? { type: T; data: D } : never;
/** Every command of the aggregates whose commands may name other things. */
export type ReferencingCommand = Message<
  TaskCommand | MeetingCommand | EvaluationRoundCommand | NeedCommand | PledgeCommand | PairingCommand | NoticeCommand
>;

/** the domain's id rule (guards.requireId): a malformed id is left to the decider, which answers 400 naming the field */
const WELL_FORMED_ID = /^[^\s:]{1,128}$/;
const ref = (kind: ReferenceKind, id: unknown, field: string): Reference[] =>
  typeof id === 'string' && WELL_FORMED_ID.test(id) ? [{ kind, id, field }] : [];

/** The references of one command (empty for commands that name nothing outside their own stream). */
export function referencesOf(command: ReferencingCommand | { type: string; data: unknown }): Reference[] {
  const c = command as ReferencingCommand;
  switch (c.type) {
    case 'AssignTask':
    case 'ReassignTask':
      return ref('unit', c.data.responsibleUnitId, 'responsibleUnitId');
    case 'ProposeTask':
      return ref('unit', c.data.assignment?.responsibleUnitId, 'assignment.responsibleUnitId');
    case 'EscalateTask':
      return c.data.to?.kind === 'street' ? ref('street', c.data.to.streetId, 'to.streetId') : [];
    case 'ConveneMeeting':
      return [
        ...ref('unit', c.data.chairUnitId, 'chairUnitId'),
        ...(c.data.level === 'community' ? ref('street', c.data.streetId, 'streetId') : []),
      ];
    case 'ChangeMeetingChair':
      return ref('unit', c.data.chairUnitId, 'chairUnitId');
    case 'RecordMeetingAttendance':
      return (Array.isArray(c.data.attendees) ? c.data.attendees : []).flatMap((a, i) => ref('unit', a?.unitId, `attendees[${i}].unitId`));
    case 'RecordMeetingDecision':
      return [...ref('pledge', c.data.pledgeId, 'pledgeId'), ...ref('task', c.data.taskId, 'taskId')];
    case 'SubmitRating': {
      const subject = c.data.subject;
      const kind = subject?.kind;
      // a task is checked by the decider from its snapshot; an unknown kind is the decider's to refuse
      return kind === 'unit' || kind === 'member' || kind === 'community' || kind === 'street' ? ref(kind, subject.id, 'subject.id') : [];
    }
    case 'SubmitNeed':
      return ref('unit', c.data.requestingUnitId, 'requestingUnitId');
    case 'PledgeResource': {
      const p = c.data.pledger;
      return p?.kind === 'unit' ? ref('unit', p.unitId, 'pledger.unitId') : p?.kind === 'member' ? ref('member', p.memberId, 'pledger.memberId') : [];
    }
    case 'ConfirmPledge':
      return ref('meeting', c.data.meetingId, 'meetingId');
    case 'SignPairingAgreement':
      return (Array.isArray(c.data.unitIds) ? c.data.unitIds : []).flatMap((id, i) => ref('unit', id, `unitIds[${i}]`));
    case 'AddUnitToPairing':
      return ref('unit', c.data.unitId, 'unitId');
    case 'PublishNotice':
      // the decision or result a notice publishes (other kinds' subject is a free label, e.g. lists-2026-11)
      return c.data.kind === 'meeting_decisions'
        ? ref('meeting', c.data.subjectId, 'subjectId')
        : c.data.kind === 'evaluation_results'
          ? ref('round', c.data.subjectId, 'subjectId')
          : [];
    default:
      return [];
  }
}

/** Is a thing at `place` inside `scope`? A thing placed only at a street (a street meeting) serves that street's communities. */
export function placeInScope(place: Place, scope: ReferenceScope): boolean {
  if (scope.communityId) {
    return place.communityId !== null ? place.communityId === scope.communityId : place.streetId !== null && place.streetId === scope.streetId;
  }
  if (scope.streetId) return place.streetId === scope.streetId;
  if (scope.districtId) return place.districtId === scope.districtId;
  return false;
}

const where = (scope: ReferenceScope): string =>
  scope.communityId ? `community ${scope.communityId}` : scope.streetId ? `street ${scope.streetId}` : `district ${scope.districtId ?? '?'}`;

/**
 * The refusal for a reference, or null when one of the places the thing is at lies in the scope.
 * `places` null: the thing does not exist (a unit or member never registered here counts as not
 * registered here, whatever it is elsewhere).
 */
export function refusalOf(reference: Reference, scope: ReferenceScope, places: readonly Place[] | null): DomainError | null {
  if (places !== null && places.some((p) => placeInScope(p, scope))) return null;
  const { kind, id, field } = reference;
  const details = { field, [`${kind}Id`]: id, ...(scope.communityId ? { communityId: scope.communityId } : scope.streetId ? { streetId: scope.streetId } : {}) };
  switch (kind) {
    case 'unit':
      return conflict('UNIT.NOT_REGISTERED_HERE', `unit ${id} is not registered (双报到) at ${where(scope)}`, details);
    case 'member':
      return conflict('MEMBER.NOT_REGISTERED_HERE', `member ${id} is not registered as living in ${where(scope)}`, details);
    default: {
      const KIND = kind.toUpperCase();
      if (places === null) return notFound(`${KIND}.NOT_FOUND`, `${kind} ${id} does not exist`, details);
      return conflict(`${KIND}.OUTSIDE_SCOPE`, `${kind} ${id} is outside ${where(scope)}`, details);
    }
  }
}
