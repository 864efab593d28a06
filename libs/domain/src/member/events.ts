import type { Event, Instant } from '../shared/message';

/** 在职党员回居住地社区报到: an in-service Party member registered at the community where they live. */
export type MemberRegistered = Event<
  'MemberRegistered',
  {
    memberId: string;
    name: string;
    phone: string | null;
    homeUnitId: string;
    /** the residence community, where the member reports */
    communityId: string;
    skills: string[];
    registeredAt: Instant;
  }
>;

/** The member's skills changed; carries the full list and the difference. */
export type MemberSkillsUpdated = Event<
  'MemberSkillsUpdated',
  { memberId: string; communityId: string; skills: string[]; added: string[]; removed: string[] }
>;

/** The member now belongs to another unit; later feedback goes there. */
export type MemberHomeUnitChanged = Event<
  'MemberHomeUnitChanged',
  { memberId: string; communityId: string; homeUnitId: string; previousHomeUnitId: string }
>;

/** The member left the community (moved away, transferred; reason required). */
export type MemberLeft = Event<'MemberLeft', { memberId: string; communityId: string; reason: string; leftAt: Instant }>;

/** A written feedback sent to the member's home unit (书面反馈). */
export type MemberFeedbackSent = Event<
  'MemberFeedbackSent',
  {
    memberId: string;
    communityId: string;
    homeUnitId: string;
    feedbackId: string;
    period: string;
    text: string;
    taskIds: string[];
    sentAt: Instant;
  }
>;

export type MemberEvent = MemberRegistered | MemberSkillsUpdated | MemberHomeUnitChanged | MemberLeft | MemberFeedbackSent;

export const memberEventVersions: Record<MemberEvent['type'], number> = {
  MemberRegistered: 1,
  MemberSkillsUpdated: 1,
  MemberHomeUnitChanged: 1,
  MemberLeft: 1,
  MemberFeedbackSent: 1,
};
