import type { MeetingState } from '../meeting/state';
import type { NeedState } from '../need/state';
import type { PledgeState } from '../pledge/state';
import type { MeetingSnapshot, NeedSnapshot, PledgeSnapshot } from './commands';

/**
 * Builders the command handler uses to put other aggregates' states into task commands.
 * Pass the state as loaded (the initial state when the stream does not exist).
 */

export const needSnapshot = (needId: string, state: NeedState): NeedSnapshot =>
  state.status === 'none'
    ? { needId, communityId: null, status: 'none' }
    : { needId: state.needId, communityId: state.communityId, status: state.status };

export const pledgeSnapshot = (pledgeId: string, state: PledgeState): PledgeSnapshot =>
  state.status === 'none'
    ? { pledgeId, communityId: null, status: 'none', measure: null }
    : { pledgeId: state.pledgeId, communityId: state.communityId, status: state.status, measure: state.capacity.measure };

export const meetingSnapshot = (meetingId: string, state: MeetingState): MeetingSnapshot =>
  state.status === 'none'
    ? { meetingId, level: null, communityId: null, status: 'none' }
    : { meetingId: state.meetingId, level: state.level, communityId: state.communityId, status: state.status };
