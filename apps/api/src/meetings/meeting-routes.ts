import { meeting } from '@cobuild/domain';
import type { CommandRoute } from '../commands/command-gateway';

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
export function meetingRoute<T extends meeting.MeetingCommand['type']>(
  meetingId: string,
  type: T,
  data: Extract<meeting.MeetingCommand, { type: T }>['data'],
): CommandRoute<meeting.MeetingState, meeting.MeetingCommand, meeting.MeetingEvent> {
  return {
    decider: meeting.decider,
    streamId: meeting.streamName(meetingId),
    id: meetingId,
    command: { type, data } as Pick<meeting.MeetingCommand, 'type' | 'data'>,
    communityOf: meetingCommunity,
    targetOf: meetingTarget,
  };
}
