import type { Command } from '../shared/message';
import type { NoticeFrequency } from './events';

/** The parts of a community's configuration the domain uses; each defaults when omitted. */
export interface CommunityConfigurationInput {
  /** IANA zone in which "on the day", "by 1 December" and "year end" are read. Default Asia/Shanghai. */
  timeZone?: string;
  /** 公示期 in working days. Default 5, allowed 1..30. */
  objectionPeriodWorkingDays?: number;
  /** how often periodic list notices go out. Default monthly. */
  noticeFrequency?: NoticeFrequency;
}

export type RegisterCommunity = Command<
  'RegisterCommunity',
  {
    communityId: string;
    name: string;
    streetId: string;
    /**
     * Context loaded by the command handler from the street stream: the street's district, or null
     * when the street is not registered. The community records both ids so scopes can be checked.
     */
    street: { streetId: string; districtId: string } | null;
    configuration?: CommunityConfigurationInput;
  }
>;

export type RenameCommunity = Command<'RenameCommunity', { communityId: string; name: string }>;

/** Changes only the fields given; the event carries the whole resulting configuration. */
export type ConfigureCommunity = Command<
  'ConfigureCommunity',
  { communityId: string; configuration: CommunityConfigurationInput }
>;

export type CommunityCommand = RegisterCommunity | RenameCommunity | ConfigureCommunity;
