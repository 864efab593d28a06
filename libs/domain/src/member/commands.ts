import type { Command } from '../shared/message';

/** 在职党员回居住地社区报到. The command handler checks that the home unit and the community exist. */
export type RegisterMember = Command<
  'RegisterMember',
  {
    memberId: string;
    name: string;
    /** personal data: masked on public pages */
    phone?: string | null;
    homeUnitId: string;
    residenceCommunityId: string;
    skills: string[];
  }
>;

export type UpdateMemberSkills = Command<'UpdateMemberSkills', { memberId: string; skills: string[] }>;

/** The member now works for another unit; written feedback goes to the new home unit from now on. */
export type ChangeMemberHomeUnit = Command<'ChangeMemberHomeUnit', { memberId: string; homeUnitId: string }>;

export type RecordMemberLeaving = Command<'RecordMemberLeaving', { memberId: string; reason: string }>;

/**
 * 书面反馈: the community's written feedback to the member's home unit about what the member did.
 * `period` is a free label such as "2026" or "2026-H1".
 */
export type SendMemberFeedback = Command<
  'SendMemberFeedback',
  { memberId: string; feedbackId: string; period: string; text: string; taskIds?: string[] }
>;

export type MemberCommand =
  | RegisterMember
  | UpdateMemberSkills
  | ChangeMemberHomeUnit
  | RecordMemberLeaving
  | SendMemberFeedback;
