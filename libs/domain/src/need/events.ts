import type { Event, Instant } from '../shared/message';

/** 轻重缓急: the list is ordered by urgency (urgent first), then by age (oldest first). */
export type Urgency = 'urgent' | 'high' | 'normal' | 'low';
export const URGENCIES: readonly Urgency[] = ['urgent', 'high', 'normal', 'low'];

/** resident 居民, unit 驻区单位, grid worker 网格员, the community itself, micro-wish 微心愿 */
export type NeedSource = 'resident' | 'unit' | 'grid_worker' | 'community' | 'micro_wish';
export const NEED_SOURCES: readonly NeedSource[] = ['resident', 'unit', 'grid_worker', 'community', 'micro_wish'];

export type NeedStatus =
  | 'submitted'
  | 'listed'
  | 'matched'
  | 'fulfilled'
  | 'rejected'
  | 'merged'
  | 'withdrawn'
  | 'closed';

/**
 * Personal data (name, phone). Kept whole in the event so the community can call back; every
 * projection that leaves the community's scope masks it (张** · 138****5678).
 */
export interface Requester {
  name: string;
  phone: string | null;
}

export type NeedDetails = {
  needId: string;
  communityId: string;
  source: NeedSource;
  requestingUnitId: string | null;
  title: string;
  description: string;
  category: string;
  urgency: Urgency;
  beneficiaries: { description: string; count: number | null };
  location: { gridId: string | null; address: string | null };
  wantedBy: Instant | null;
  requester: Requester;
  /** from meta.now; with urgency, the list's ordering key */
  submittedAt: Instant;
};

export type NeedSubmitted = Event<'NeedSubmitted', NeedDetails>;
/** The title the public sees in place of the need's own (it holds no personal data); confirmed by the secretary. */
export type NeedPublicTitleConfirmed = Event<
  'NeedPublicTitleConfirmed',
  { needId: string; communityId: string; publicTitle: string; confirmedAt: Instant }
>;
export type NeedListed = Event<'NeedListed', { needId: string; communityId: string; listedAt: Instant }>;
export type NeedRejected = Event<'NeedRejected', { needId: string; communityId: string; reason: string }>;
export type NeedMerged = Event<
  'NeedMerged',
  { needId: string; communityId: string; intoNeedId: string; note: string | null }
>;
export type NeedUrgencyChanged = Event<
  'NeedUrgencyChanged',
  { needId: string; communityId: string; from: Urgency; to: Urgency; reason: string }
>;
export type NeedMatched = Event<'NeedMatched', { needId: string; communityId: string; taskId: string }>;
export type NeedMatchReleased = Event<
  'NeedMatchReleased',
  { needId: string; communityId: string; taskId: string; reason: string }
>;
/** the last task serving the need went away: the need is back on the list */
export type NeedReturnedToList = Event<'NeedReturnedToList', { needId: string; communityId: string }>;
export type NeedTaskVerified = Event<'NeedTaskVerified', { needId: string; communityId: string; taskId: string }>;
/** every task serving the need is verified */
export type NeedFulfilled = Event<'NeedFulfilled', { needId: string; communityId: string; fulfilledAt: Instant }>;
export type NeedTaskReopened = Event<
  'NeedTaskReopened',
  { needId: string; communityId: string; taskId: string; reason: string }
>;
export type NeedWithdrawn = Event<'NeedWithdrawn', { needId: string; communityId: string; reason: string }>;
export type NeedClosedUnfulfilled = Event<
  'NeedClosedUnfulfilled',
  { needId: string; communityId: string; reason: string }
>;

export type NeedEvent =
  | NeedSubmitted
  | NeedListed
  | NeedPublicTitleConfirmed
  | NeedRejected
  | NeedMerged
  | NeedUrgencyChanged
  | NeedMatched
  | NeedMatchReleased
  | NeedReturnedToList
  | NeedTaskVerified
  | NeedFulfilled
  | NeedTaskReopened
  | NeedWithdrawn
  | NeedClosedUnfulfilled;

export const needEventVersions: Record<NeedEvent['type'], number> = {
  NeedSubmitted: 1,
  NeedListed: 1,
  NeedPublicTitleConfirmed: 1,
  NeedRejected: 1,
  NeedMerged: 1,
  NeedUrgencyChanged: 1,
  NeedMatched: 1,
  NeedMatchReleased: 1,
  NeedReturnedToList: 1,
  NeedTaskVerified: 1,
  NeedFulfilled: 1,
  NeedTaskReopened: 1,
  NeedWithdrawn: 1,
  NeedClosedUnfulfilled: 1,
};
