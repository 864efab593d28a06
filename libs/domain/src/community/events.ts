import type { Event } from '../shared/message';

export type NoticeFrequency = 'weekly' | 'monthly' | 'quarterly';

export interface CommunityConfiguration {
  timeZone: string;
  objectionPeriodWorkingDays: number;
  noticeFrequency: NoticeFrequency;
}

/** A community (社区党组织) registered under its street and district, with its effective configuration. */
export type CommunityRegistered = Event<
  'CommunityRegistered',
  {
    communityId: string;
    name: string;
    streetId: string;
    districtId: string;
    /** the effective configuration, defaults filled in */
    configuration: CommunityConfiguration;
  }
>;

/** The community's name changed. */
export type CommunityRenamed = Event<
  'CommunityRenamed',
  { communityId: string; name: string; previousName: string }
>;

/** The community's configuration (time zone, 公示期 in working days, notice frequency) changed. */
export type CommunityConfigured = Event<
  'CommunityConfigured',
  { communityId: string; configuration: CommunityConfiguration; changed: Array<keyof CommunityConfiguration> }
>;

export type CommunityEvent = CommunityRegistered | CommunityRenamed | CommunityConfigured;

export const communityEventVersions: Record<CommunityEvent['type'], number> = {
  CommunityRegistered: 1,
  CommunityRenamed: 1,
  CommunityConfigured: 1,
};
