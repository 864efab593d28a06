import type { Event, Instant } from '../shared/message';

/** venue 场地, funds 资金, volunteers 人员, professional service 专业服务, materials 物资, other */
export type PledgeType = 'venue' | 'funds' | 'volunteers' | 'professional_service' | 'materials' | 'other';
export const PLEDGE_TYPES: readonly PledgeType[] = ['venue', 'funds', 'volunteers', 'professional_service', 'materials', 'other'];

export type PledgeStatus =
  | 'pledged'
  | 'listed'
  | 'partly_allocated'
  | 'exhausted'
  | 'rejected'
  | 'withdrawn'
  | 'expired';

export type Pledger = { kind: 'unit'; unitId: string } | { kind: 'member'; memberId: string; unitId: string | null };

export type Capacity = { quantity: number; measure: string };

export type ResourcePledged = Event<
  'ResourcePledged',
  {
    pledgeId: string;
    communityId: string;
    pledger: Pledger;
    type: PledgeType;
    description: string;
    capacity: Capacity;
    availability: { from: Instant; until: Instant | null };
    /** personal data of the unit's or member's contact person */
    contact: { name: string; phone: string | null };
    pledgedAt: Instant;
  }
>;
export type PledgeListed = Event<
  'PledgeListed',
  { pledgeId: string; communityId: string; meetingId: string | null; listedAt: Instant }
>;
export type PledgeRejected = Event<'PledgeRejected', { pledgeId: string; communityId: string; reason: string }>;
/** `allocated`/`remaining` are the totals after this allocation, in the pledge's measure. */
export type PledgeCapacityAllocated = Event<
  'PledgeCapacityAllocated',
  {
    pledgeId: string;
    communityId: string;
    allocationId: string;
    taskId: string;
    quantity: number;
    measure: string;
    allocated: number;
    remaining: number;
  }
>;
export type PledgeAllocationReleased = Event<
  'PledgeAllocationReleased',
  {
    pledgeId: string;
    communityId: string;
    allocationId: string;
    taskId: string;
    quantity: number;
    measure: string;
    allocated: number;
    remaining: number;
    reason: string;
  }
>;
export type PledgeWithdrawn = Event<'PledgeWithdrawn', { pledgeId: string; communityId: string; reason: string }>;
export type PledgeExpired = Event<'PledgeExpired', { pledgeId: string; communityId: string; until: Instant }>;

export type PledgeEvent =
  | ResourcePledged
  | PledgeListed
  | PledgeRejected
  | PledgeCapacityAllocated
  | PledgeAllocationReleased
  | PledgeWithdrawn
  | PledgeExpired;

export const pledgeEventVersions: Record<PledgeEvent['type'], number> = {
  ResourcePledged: 1,
  PledgeListed: 1,
  PledgeRejected: 1,
  PledgeCapacityAllocated: 1,
  PledgeAllocationReleased: 1,
  PledgeWithdrawn: 1,
  PledgeExpired: 1,
};
