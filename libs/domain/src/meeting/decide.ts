import { millis, optionalText, requireId, requireInstant, requireText } from '../guards';
import { assertNever } from '../shared/decider';
import { conflict, invalid, notFound } from '../shared/domain-error';
import type {
  CancelMeeting,
  ChangeMeetingChair,
  CloseMeeting,
  ConveneMeeting,
  MeetingCommand,
  RecordMeetingAttendance,
  RecordMeetingDecision,
  RescheduleMeeting,
} from './commands';
import { DECISION_KINDS, type Attendee, type MeetingDecision, type MeetingEvent } from './events';
import type { ExistingMeeting, MeetingState } from './state';

const INPUT = 'MEETING.INVALID_INPUT';
const ID = 'MEETING.INVALID_ID';

export function decideMeeting(command: MeetingCommand, state: MeetingState): MeetingEvent[] {
  switch (command.type) {
    case 'ConveneMeeting':
      return convene(command, state);
    case 'RescheduleMeeting':
      return reschedule(command, state);
    case 'ChangeMeetingChair':
      return changeChair(command, state);
    case 'RecordMeetingAttendance':
      return recordAttendance(command, state);
    case 'RecordMeetingDecision':
      return recordDecision(command, state);
    case 'CloseMeeting':
      return close(command, state);
    case 'CancelMeeting':
      return cancel(command, state);
    default:
      return assertNever(command);
  }
}

function convene(command: ConveneMeeting, state: MeetingState): MeetingEvent[] {
  const { data, meta } = command;
  if (state.status !== 'none') throw conflict('MEETING.ALREADY_EXISTS', `meeting ${data.meetingId} already exists`);
  if (data.level !== 'community' && data.level !== 'street') {
    throw invalid(INPUT, "level must be 'community' or 'street'", { field: 'level' });
  }
  const communityId = data.communityId == null ? null : requireId(data.communityId, ID, 'communityId');
  const streetId = data.streetId == null ? null : requireId(data.streetId, ID, 'streetId');
  if (data.level === 'community' && communityId === null) {
    throw invalid(INPUT, 'a community meeting names its community', { field: 'communityId' });
  }
  if (data.level === 'street' && (streetId === null || communityId !== null)) {
    throw invalid(INPUT, 'a street meeting names its street and no single community', { field: 'streetId' });
  }
  return [
    {
      type: 'MeetingConvened',
      data: {
        meetingId: requireId(data.meetingId, ID, 'meetingId'),
        communityId,
        streetId,
        level: data.level,
        title: requireText(data.title, INPUT, 'title', 200),
        scheduledAt: requireInstant(data.scheduledAt, INPUT, 'scheduledAt'),
        location: optionalText(data.location, INPUT, 'location', 500),
        chairUnitId: requireId(data.chairUnitId, ID, 'chairUnitId'),
        convenedAt: meta.now.toISOString(),
      },
    },
  ];
}

function reschedule(command: RescheduleMeeting, state: MeetingState): MeetingEvent[] {
  const m = requireConvened(state, command.data.meetingId);
  const scheduledAt = requireInstant(command.data.scheduledAt, INPUT, 'scheduledAt');
  const reason = requireReason(command.data.reason);
  if (millis(scheduledAt) === millis(m.scheduledAt)) return [];
  return [{ type: 'MeetingRescheduled', data: { ...scope(m), previousScheduledAt: m.scheduledAt, scheduledAt, reason } }];
}

function changeChair(command: ChangeMeetingChair, state: MeetingState): MeetingEvent[] {
  const m = requireConvened(state, command.data.meetingId);
  const chairUnitId = requireId(command.data.chairUnitId, ID, 'chairUnitId');
  const reason = requireReason(command.data.reason);
  if (chairUnitId === m.chairUnitId) return [];
  return [{ type: 'MeetingChairChanged', data: { ...scope(m), previousChairUnitId: m.chairUnitId, chairUnitId, reason } }];
}

function recordAttendance(command: RecordMeetingAttendance, state: MeetingState): MeetingEvent[] {
  const m = requireConvened(state, command.data.meetingId);
  if (!Array.isArray(command.data.attendees) || command.data.attendees.length === 0) {
    throw invalid(INPUT, 'attendance lists at least one attendee', { field: 'attendees' });
  }
  const attendees: Attendee[] = command.data.attendees.map((a, i) => ({
    name: requireText(a?.name, INPUT, `attendees[${i}].name`, 100),
    unitId: a?.unitId == null ? null : requireId(a.unitId, ID, `attendees[${i}].unitId`),
    role: optionalText(a?.role, INPUT, `attendees[${i}].role`, 100),
  }));
  const keys = attendees.map((a) => `${a.unitId ?? ''}\u0000${a.name}`);
  if (new Set(keys).size !== keys.length) {
    throw invalid(INPUT, 'an attendee is listed twice', { field: 'attendees' });
  }
  return [{ type: 'MeetingAttendanceRecorded', data: { ...scope(m), attendees } }];
}

function recordDecision(command: RecordMeetingDecision, state: MeetingState): MeetingEvent[] {
  const { data } = command;
  const m = requireExisting(state, data.meetingId);
  const decision = toDecision(command);
  const existing = m.decisions.find((d) => d.decisionId === decision.decisionId);
  if (existing) {
    if (JSON.stringify(existing) === JSON.stringify(decision)) return []; // a retry
    throw conflict('MEETING.DECISION_ID_CONFLICT', `decision ${decision.decisionId} was recorded with other content`, {
      decisionId: decision.decisionId,
    });
  }
  requireConvened(state, data.meetingId);
  return [{ type: 'MeetingDecisionRecorded', data: { ...scope(m), ...decision } }];
}

function toDecision(command: RecordMeetingDecision): MeetingDecision {
  const { data } = command;
  if (!DECISION_KINDS.includes(data.kind)) {
    throw invalid(INPUT, `kind must be one of ${DECISION_KINDS.join(', ')}`, { field: 'kind' });
  }
  const pledgeId = data.pledgeId == null ? null : requireId(data.pledgeId, ID, 'pledgeId');
  const taskId = data.taskId == null ? null : requireId(data.taskId, ID, 'taskId');
  if (data.kind === 'pledge_listed' && pledgeId === null) {
    throw invalid(INPUT, 'a pledge_listed decision names the pledge', { field: 'pledgeId' });
  }
  if (data.kind === 'task_formed' && taskId === null) {
    throw invalid(INPUT, 'a task_formed decision names the task', { field: 'taskId' });
  }
  return {
    decisionId: requireId(data.decisionId, ID, 'decisionId'),
    kind: data.kind,
    pledgeId,
    taskId,
    summary: requireText(data.summary, INPUT, 'summary', 2000),
  };
}

function close(command: CloseMeeting, state: MeetingState): MeetingEvent[] {
  const m = requireConvened(state, command.data.meetingId);
  if (command.meta.now.getTime() < millis(m.scheduledAt)) {
    throw conflict('MEETING.BEFORE_SCHEDULED_TIME', `meeting ${m.meetingId} is scheduled for ${m.scheduledAt}`);
  }
  if (m.attendees.length === 0) {
    throw conflict('MEETING.ATTENDANCE_REQUIRED', 'record who attended before closing the meeting');
  }
  const minutes = requireText(command.data.minutes, 'MEETING.MINUTES_REQUIRED', 'minutes', 50000);
  return [
    {
      type: 'MeetingClosed',
      data: {
        ...scope(m),
        minutes,
        closedAt: command.meta.now.toISOString(),
        decisionIds: m.decisions.map((d) => d.decisionId),
        chairUnitId: m.chairUnitId,
      },
    },
  ];
}

function cancel(command: CancelMeeting, state: MeetingState): MeetingEvent[] {
  const m = requireConvened(state, command.data.meetingId);
  const reason = requireReason(command.data.reason);
  if (m.decisions.length > 0) {
    throw conflict('MEETING.HAS_DECISIONS', 'a meeting that took decisions is closed with minutes, not cancelled', {
      decisionIds: m.decisions.map((d) => d.decisionId),
    });
  }
  return [{ type: 'MeetingCancelled', data: { ...scope(m), reason } }];
}

// ── guards ────────────────────────────────────────────────────────────────────

const scope = (m: ExistingMeeting) => ({ meetingId: m.meetingId, communityId: m.communityId, streetId: m.streetId });

function requireExisting(state: MeetingState, meetingId: string): ExistingMeeting {
  if (state.status === 'none') throw notFound('MEETING.NOT_FOUND', `meeting ${meetingId} does not exist`);
  return state;
}

function requireConvened(state: MeetingState, meetingId: string): ExistingMeeting {
  const m = requireExisting(state, meetingId);
  if (m.status !== 'convened') {
    throw conflict('MEETING.ALREADY_ENDED', `meeting ${meetingId} is ${m.status}`, { status: m.status });
  }
  return m;
}

function requireReason(value: unknown): string {
  return requireText(value, 'MEETING.REASON_REQUIRED', 'reason', 2000);
}
