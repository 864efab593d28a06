import type { Instant } from '../shared/message';
import type { Capacity, PledgeStatus, PledgeType, Pledger } from './events';

export type Allocation = {
  allocationId: string;
  taskId: string;
  quantity: number;
  /** released allocations stay, so their ids can never be reused */
  released: boolean;
};

export type PledgeState =
  | { status: 'none' }
  | {
      status: PledgeStatus;
      pledgeId: string;
      communityId: string;
      pledger: Pledger;
      type: PledgeType;
      description: string;
      capacity: Capacity;
      availability: { from: Instant; until: Instant | null };
      contact: { name: string; phone: string | null };
      meetingId: string | null;
      /** every allocation ever made, by allocation id */
      allocations: Record<string, Allocation>;
      reason: string | null;
    };

export type ExistingPledge = Exclude<PledgeState, { status: 'none' }>;

export const initialPledgeState = (): PledgeState => ({ status: 'none' });

/** Confirmed by the community: capacity may be allocated (while some remains). */
export const CONFIRMED_PLEDGE_STATUSES: readonly PledgeStatus[] = ['listed', 'partly_allocated', 'exhausted'];

/**
 * Quantities are compared in hundredths so 0.1 + 0.2 never slips past the capacity; inputs are
 * limited to two decimals (cents, half hours as 0.5, 12.25 m²).
 */
export const toHundredths = (quantity: number): number => Math.round(quantity * 100);
export const fromHundredths = (hundredths: number): number => hundredths / 100;

/** Capacity held by allocations not released, in hundredths of the measure. */
export function allocatedHundredths(state: ExistingPledge): number {
  return Object.values(state.allocations)
    .filter((a) => !a.released)
    .reduce((sum, a) => sum + toHundredths(a.quantity), 0);
}

export const allocatedOf = (state: ExistingPledge): number => fromHundredths(allocatedHundredths(state));
export const remainingOf = (state: ExistingPledge): number =>
  fromHundredths(toHundredths(state.capacity.quantity) - allocatedHundredths(state));

/** listed / partly_allocated / exhausted follow from the numbers; other statuses are kept. */
export function confirmedStatusOf(state: ExistingPledge): PledgeStatus {
  const allocated = allocatedHundredths(state);
  if (allocated === 0) return 'listed';
  return allocated >= toHundredths(state.capacity.quantity) ? 'exhausted' : 'partly_allocated';
}
