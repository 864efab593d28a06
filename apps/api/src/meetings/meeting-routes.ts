import { meeting } from '@cobuild/domain';
import { routeFor } from '../commands/stream-route';

/** A community meeting belongs to its community; a street meeting to no single community. */
export const meetingCommunity = (state: meeting.MeetingState, data: Readonly<Record<string, unknown>>): string | null =>
  state.status !== 'none' ? state.communityId : typeof data.communityId === 'string' ? data.communityId : null;

/** A street meeting's scope is its street (a community meeting's comes from its community's place). */
export const meetingTarget = (state: meeting.MeetingState, data: Readonly<Record<string, unknown>>) => {
  const level = state.status !== 'none' ? state.level : data.level;
  const streetId = state.status !== 'none' ? state.streetId : (data.streetId as string | null | undefined);
  return level === 'street' ? { streetId: streetId ?? null } : {};
};

/** A command on a meeting, addressed by id. */
export const meetingRoute = routeFor(meeting.decider, meeting.streamName, meetingCommunity, meetingTarget);
