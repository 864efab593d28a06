import type { Decider } from '../shared/decider';
import type { MeetingCommand } from './commands';
import { decideMeeting } from './decide';
import type { MeetingEvent } from './events';
import { evolveMeeting } from './evolve';
import { initialMeetingState, type MeetingState } from './state';

export * from './commands';
export * from './events';
export * from './state';

/** 联席会议: one stream per joint meeting. */
export const category = 'meeting';
export const streamName = (meetingId: string): string => `${category}-${meetingId}`;

export const decider: Decider<MeetingState, MeetingCommand, MeetingEvent> = {
  decide: decideMeeting,
  evolve: evolveMeeting,
  initialState: initialMeetingState,
};
