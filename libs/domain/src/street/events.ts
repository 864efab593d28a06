import type { Event } from '../shared/message';

/** A street (街道党工委): belongs to a district, owns communities. */
export type StreetRegistered = Event<'StreetRegistered', { streetId: string; districtId: string; name: string }>;
/** The street's name changed. */
export type StreetRenamed = Event<'StreetRenamed', { streetId: string; name: string; previousName: string }>;

export type StreetEvent = StreetRegistered | StreetRenamed;

export const streetEventVersions: Record<StreetEvent['type'], number> = {
  StreetRegistered: 1,
  StreetRenamed: 1,
};
