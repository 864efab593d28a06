import type { Event } from '../shared/message';

/** A district (区/县/市): the top of the organisation tree; owns streets. */
export type DistrictRegistered = Event<'DistrictRegistered', { districtId: string; name: string }>;
/** The district's name changed. */
export type DistrictRenamed = Event<'DistrictRenamed', { districtId: string; name: string; previousName: string }>;

export type DistrictEvent = DistrictRegistered | DistrictRenamed;

export const districtEventVersions: Record<DistrictEvent['type'], number> = {
  DistrictRegistered: 1,
  DistrictRenamed: 1,
};
