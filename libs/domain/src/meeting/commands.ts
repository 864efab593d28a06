import type { Command, Instant } from '../shared/message';
import type { DecisionKind, MeetingLevel } from './events';

export type ConveneMeeting = Command<
  'ConveneMeeting',
  {
    meetingId: string;
    /** community meetings at least quarterly; street meetings at least every half year */
    level: MeetingLevel;
    /** required for a community meeting */
    communityId?: string | null;
    /** required for a street meeting; may be given for a community meeting */
    streetId?: string | null;
    title: string;
    /** may be in the past: a secretary may record a meeting after it was held */
    scheduledAt: Instant;
    location?: string | null;
    /** 轮值主席: the unit chairing this meeting in rotation */
    chairUnitId: string;
  }
>;

export type RescheduleMeeting = Command<'RescheduleMeeting', { meetingId: string; scheduledAt: Instant; reason: string }>;
export type ChangeMeetingChair = Command<'ChangeMeetingChair', { meetingId: string; chairUnitId: string; reason: string }>;

export type AttendeeInput = { name: string; unitId?: string | null; role?: string | null };
/** Replaces the attendance list (a correction records the whole list again). */
export type RecordMeetingAttendance = Command<'RecordMeetingAttendance', { meetingId: string; attendees: AttendeeInput[] }>;

/**
 * A decision of the meeting. `pledge_listed` names the pledge confirmed, `task_formed` the task
 * formed; `other` is free text. The decision id is made by the caller (e.g. `task-<taskId>`) so
 * the task-formation process can record it again on retry without a duplicate.
 */
export type RecordMeetingDecision = Command<
  'RecordMeetingDecision',
  {
    meetingId: string;
    decisionId: string;
    kind: DecisionKind;
    pledgeId?: string | null;
    taskId?: string | null;
    summary: string;
  }
>;

export type CloseMeeting = Command<'CloseMeeting', { meetingId: string; minutes: string }>;
export type CancelMeeting = Command<'CancelMeeting', { meetingId: string; reason: string }>;

export type MeetingCommand =
  | ConveneMeeting
  | RescheduleMeeting
  | ChangeMeetingChair
  | RecordMeetingAttendance
  | RecordMeetingDecision
  | CloseMeeting
  | CancelMeeting;
