import type { Command, Instant } from '../shared/message';
import type { PledgeType } from './events';

/** Who pledges: a stationed unit, or an in-service member offering a skill. */
export type PledgerInput = { kind: 'unit'; unitId: string } | { kind: 'member'; memberId: string; unitId?: string | null };

export type PledgeResource = Command<
  'PledgeResource',
  {
    pledgeId: string;
    communityId: string;
    pledger: PledgerInput;
    type: PledgeType;
    description: string;
    /** e.g. { quantity: 200, measure: 'm2' }, { quantity: 10, measure: 'volunteer-hours/month' } */
    capacity: { quantity: number; measure: string };
    /** until: null = open-ended; when set it must be after meta.now and after from */
    availability: { from: Instant; until?: Instant | null };
    contact: { name: string; phone?: string | null };
  }
>;

/** The community confirms the pledge onto its resources list, possibly at a joint meeting. */
export type ConfirmPledge = Command<'ConfirmPledge', { pledgeId: string; meetingId?: string | null }>;
export type RejectPledge = Command<'RejectPledge', { pledgeId: string; reason: string }>;

/**
 * Reserve capacity for a task. The allocation id is made by the caller (the task-formation
 * process) so a retry with the same id is a no-op rather than a second allocation.
 */
export type AllocatePledgeCapacity = Command<
  'AllocatePledgeCapacity',
  { pledgeId: string; allocationId: string; taskId: string; quantity: number }
>;

/** Give reserved capacity back (task declined or cancelled). */
export type ReleasePledgeAllocation = Command<
  'ReleasePledgeAllocation',
  { pledgeId: string; allocationId: string; reason: string }
>;

export type WithdrawPledge = Command<'WithdrawPledge', { pledgeId: string; reason: string }>;

/** System command: the availability window has ended. */
export type ExpirePledge = Command<'ExpirePledge', { pledgeId: string }>;

export type PledgeCommand =
  | PledgeResource
  | ConfirmPledge
  | RejectPledge
  | AllocatePledgeCapacity
  | ReleasePledgeAllocation
  | WithdrawPledge
  | ExpirePledge;
