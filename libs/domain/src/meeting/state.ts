import type { Instant } from '../shared/message';
import type { Attendee, MeetingDecision, MeetingLevel, MeetingStatus } from './events';

export type MeetingState =
  | { status: 'none' }
  | {
      status: MeetingStatus;
      meetingId: string;
      level: MeetingLevel;
      communityId: string | null;
      streetId: string | null;
      title: string;
      scheduledAt: Instant;
      location: string | null;
      chairUnitId: string;
      attendees: Attendee[];
      /** in the order recorded */
      decisions: MeetingDecision[];
      minutes: string | null;
      reason: string | null;
    };

export type ExistingMeeting = Exclude<MeetingState, { status: 'none' }>;

export const initialMeetingState = (): MeetingState => ({ status: 'none' });
