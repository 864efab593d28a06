import type { Event, Instant } from '../shared/message';

export type MeetingLevel = 'community' | 'street';
export type MeetingStatus = 'convened' | 'closed' | 'cancelled';
export type DecisionKind = 'pledge_listed' | 'task_formed' | 'other';
export const DECISION_KINDS: readonly DecisionKind[] = ['pledge_listed', 'task_formed', 'other'];

export type Attendee = { name: string; unitId: string | null; role: string | null };
export type MeetingDecision = {
  decisionId: string;
  kind: DecisionKind;
  pledgeId: string | null;
  taskId: string | null;
  summary: string;
};

/** Every meeting event carries the community (null for a street meeting) and the street (when known). */
type Scope = { meetingId: string; communityId: string | null; streetId: string | null };

export type MeetingConvened = Event<
  'MeetingConvened',
  Scope & {
    level: MeetingLevel;
    title: string;
    scheduledAt: Instant;
    location: string | null;
    chairUnitId: string;
    convenedAt: Instant;
  }
>;
export type MeetingRescheduled = Event<
  'MeetingRescheduled',
  Scope & { previousScheduledAt: Instant; scheduledAt: Instant; reason: string }
>;
export type MeetingChairChanged = Event<
  'MeetingChairChanged',
  Scope & { previousChairUnitId: string; chairUnitId: string; reason: string }
>;
export type MeetingAttendanceRecorded = Event<'MeetingAttendanceRecorded', Scope & { attendees: Attendee[] }>;
export type MeetingDecisionRecorded = Event<'MeetingDecisionRecorded', Scope & MeetingDecision>;
export type MeetingClosed = Event<
  'MeetingClosed',
  Scope & { minutes: string; closedAt: Instant; decisionIds: string[]; chairUnitId: string }
>;
export type MeetingCancelled = Event<'MeetingCancelled', Scope & { reason: string }>;

export type MeetingEvent =
  | MeetingConvened
  | MeetingRescheduled
  | MeetingChairChanged
  | MeetingAttendanceRecorded
  | MeetingDecisionRecorded
  | MeetingClosed
  | MeetingCancelled;

export const meetingEventVersions: Record<MeetingEvent['type'], number> = {
  MeetingConvened: 1,
  MeetingRescheduled: 1,
  MeetingChairChanged: 1,
  MeetingAttendanceRecorded: 1,
  MeetingDecisionRecorded: 1,
  MeetingClosed: 1,
  MeetingCancelled: 1,
};
