import type { MeetingEvent } from './events';
import type { MeetingState } from './state';

export function evolveMeeting(state: MeetingState, event: MeetingEvent): MeetingState {
  if (event.type === 'MeetingConvened') {
    const d = event.data;
    return {
      status: 'convened',
      meetingId: d.meetingId,
      level: d.level,
      communityId: d.communityId,
      streetId: d.streetId,
      title: d.title,
      scheduledAt: d.scheduledAt,
      location: d.location,
      chairUnitId: d.chairUnitId,
      attendees: [],
      decisions: [],
      minutes: null,
      reason: null,
    };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'MeetingRescheduled':
      return { ...state, scheduledAt: event.data.scheduledAt };
    case 'MeetingChairChanged':
      return { ...state, chairUnitId: event.data.chairUnitId };
    case 'MeetingAttendanceRecorded':
      return { ...state, attendees: event.data.attendees.map((a) => ({ ...a })) };
    case 'MeetingDecisionRecorded': {
      const { decisionId, kind, pledgeId, taskId, summary } = event.data;
      return { ...state, decisions: [...state.decisions, { decisionId, kind, pledgeId, taskId, summary }] };
    }
    case 'MeetingClosed':
      return { ...state, status: 'closed', minutes: event.data.minutes };
    case 'MeetingCancelled':
      return { ...state, status: 'cancelled', reason: event.data.reason };
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}
