import type { Decider } from '../shared/decider';
import type { MemberCommand } from './commands';
import { decideMember } from './decide';
import type { MemberEvent } from './events';
import { evolveMember } from './evolve';
import { initialMemberState, type MemberState } from './state';

export * from './commands';
export * from './events';
export * from './state';
export { MAX_SKILLS } from './decide';

export const category = 'member';
export const streamName = (memberId: string): string => `${category}-${memberId}`;

export const decider: Decider<MemberState, MemberCommand, MemberEvent> = {
  decide: decideMember,
  evolve: evolveMember,
  initialState: initialMemberState,
};
