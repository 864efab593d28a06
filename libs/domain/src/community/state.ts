import type { CommunityConfiguration } from './events';

export type CommunityState =
  | { status: 'none' }
  | {
      status: 'registered';
      communityId: string;
      name: string;
      streetId: string;
      districtId: string;
      configuration: CommunityConfiguration;
    };

export const initialCommunityState = (): CommunityState => ({ status: 'none' });

export const DEFAULT_COMMUNITY_CONFIGURATION: CommunityConfiguration = {
  timeZone: 'Asia/Shanghai',
  objectionPeriodWorkingDays: 5,
  noticeFrequency: 'monthly',
};
