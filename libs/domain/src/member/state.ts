import type { Instant } from '../shared/message';

interface MemberFacts {
  memberId: string;
  name: string;
  homeUnitId: string;
  communityId: string;
  skills: string[];
  /** feedback ids already sent, so a retried command cannot send one twice */
  feedbackIds: string[];
}

export type MemberState =
  | { status: 'none' }
  | ({ status: 'registered'; registeredAt: Instant } & MemberFacts)
  | ({ status: 'left'; reason: string; leftAt: Instant } & MemberFacts);

export const initialMemberState = (): MemberState => ({ status: 'none' });
