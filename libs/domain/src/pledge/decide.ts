import { millis, optionalText, requireId, requireInstant, requireText } from '../guards';
import { assertNever } from '../shared/decider';
import { conflict, forbidden, invalid, notFound } from '../shared/domain-error';
import type { Actor } from '../shared/message';
import type {
  AllocatePledgeCapacity,
  ConfirmPledge,
  ExpirePledge,
  PledgeCommand,
  PledgeResource,
  PledgerInput,
  RejectPledge,
  ReleasePledgeAllocation,
  WithdrawPledge,
} from './commands';
import { PLEDGE_TYPES, type PledgeEvent, type PledgeStatus, type Pledger } from './events';
import {
  allocatedHundredths,
  fromHundredths,
  toHundredths,
  type ExistingPledge,
  type PledgeState,
} from './state';

const INPUT = 'PLEDGE.INVALID_INPUT';
const MAX_QUANTITY = 1e12;

export function decidePledge(command: PledgeCommand, state: PledgeState): PledgeEvent[] {
  switch (command.type) {
    case 'PledgeResource':
      return pledge(command, state);
    case 'ConfirmPledge':
      return confirm(command, state);
    case 'RejectPledge':
      return reject(command, state);
    case 'AllocatePledgeCapacity':
      return allocate(command, state);
    case 'ReleasePledgeAllocation':
      return release(command, state);
    case 'WithdrawPledge':
      return withdraw(command, state);
    case 'ExpirePledge':
      return expire(command, state);
    default:
      return assertNever(command);
  }
}

function pledge(command: PledgeResource, state: PledgeState): PledgeEvent[] {
  const { data, meta } = command;
  if (state.status !== 'none') throw conflict('PLEDGE.ALREADY_EXISTS', `pledge ${data.pledgeId} already exists`);
  const pledger = requirePledger(data.pledger);
  requireActorIsPledger(meta.actor, pledger);
  if (!PLEDGE_TYPES.includes(data.type)) {
    throw invalid(INPUT, `type must be one of ${PLEDGE_TYPES.join(', ')}`, { field: 'type' });
  }
  const quantity = requireQuantity(data.capacity?.quantity, 'capacity.quantity');
  const from = requireInstant(data.availability?.from, INPUT, 'availability.from');
  const until = data.availability?.until == null ? null : requireInstant(data.availability.until, INPUT, 'availability.until');
  if (until !== null && millis(until) <= millis(from)) {
    throw invalid(INPUT, 'availability.until must be after availability.from', { field: 'availability.until' });
  }
  if (until !== null && millis(until) <= meta.now.getTime()) {
    throw invalid('PLEDGE.DEADLINE_IN_PAST', 'the availability window has already ended', { field: 'availability.until' });
  }
  return [
    {
      type: 'ResourcePledged',
      data: {
        pledgeId: requireId(data.pledgeId, 'PLEDGE.INVALID_ID', 'pledgeId'),
        communityId: requireId(data.communityId, 'PLEDGE.INVALID_ID', 'communityId'),
        pledger,
        type: data.type,
        description: requireText(data.description, INPUT, 'description', 2000),
        capacity: { quantity, measure: requireText(data.capacity?.measure, INPUT, 'capacity.measure', 50) },
        availability: { from, until },
        contact: {
          name: requireText(data.contact?.name, INPUT, 'contact.name', 100),
          phone: optionalText(data.contact?.phone, INPUT, 'contact.phone', 40),
        },
        pledgedAt: meta.now.toISOString(),
      },
    },
  ];
}

function confirm(command: ConfirmPledge, state: PledgeState): PledgeEvent[] {
  const p = requireStatus(state, command.data.pledgeId, ['pledged']);
  const meetingId = command.data.meetingId == null ? null : requireId(command.data.meetingId, 'PLEDGE.INVALID_ID', 'meetingId');
  return [
    {
      type: 'PledgeListed',
      data: { pledgeId: p.pledgeId, communityId: p.communityId, meetingId, listedAt: command.meta.now.toISOString() },
    },
  ];
}

function reject(command: RejectPledge, state: PledgeState): PledgeEvent[] {
  const p = requireStatus(state, command.data.pledgeId, ['pledged']);
  const reason = requireReason(command.data.reason);
  return [{ type: 'PledgeRejected', data: { pledgeId: p.pledgeId, communityId: p.communityId, reason } }];
}

function allocate(command: AllocatePledgeCapacity, state: PledgeState): PledgeEvent[] {
  const { data, meta } = command;
  const p = requireExisting(state, data.pledgeId);
  const allocationId = requireId(data.allocationId, 'PLEDGE.INVALID_ID', 'allocationId');
  const taskId = requireId(data.taskId, 'PLEDGE.INVALID_ID', 'taskId');
  const quantity = requireQuantity(data.quantity, 'quantity');
  const existing = p.allocations[allocationId];
  if (existing) {
    // a retry of the same allocation changes nothing; any other reuse of the id is a mistake
    if (!existing.released && existing.taskId === taskId && toHundredths(existing.quantity) === toHundredths(quantity)) {
      return [];
    }
    throw conflict('PLEDGE.ALLOCATION_ID_CONFLICT', `allocation id ${allocationId} was already used`, { allocationId });
  }
  if (p.status === 'pledged') {
    throw conflict('PLEDGE.UNCONFIRMED', `pledge ${p.pledgeId} is not yet confirmed by the community`);
  }
  requireStatus(state, p.pledgeId, ['listed', 'partly_allocated', 'exhausted']);
  if (p.availability.until !== null && millis(p.availability.until) <= meta.now.getTime()) {
    throw conflict('PLEDGE.AVAILABILITY_ENDED', `pledge ${p.pledgeId} was available until ${p.availability.until}`);
  }
  const capacity = toHundredths(p.capacity.quantity);
  const allocated = allocatedHundredths(p) + toHundredths(quantity);
  if (allocated > capacity) {
    throw conflict('PLEDGE.CAPACITY_EXCEEDED', `only ${fromHundredths(capacity - allocatedHundredths(p))} ${p.capacity.measure} remain`, {
      requested: quantity,
      remaining: fromHundredths(capacity - allocatedHundredths(p)),
      measure: p.capacity.measure,
    });
  }
  return [
    {
      type: 'PledgeCapacityAllocated',
      data: {
        pledgeId: p.pledgeId,
        communityId: p.communityId,
        allocationId,
        taskId,
        quantity,
        measure: p.capacity.measure,
        allocated: fromHundredths(allocated),
        remaining: fromHundredths(capacity - allocated),
      },
    },
  ];
}

function release(command: ReleasePledgeAllocation, state: PledgeState): PledgeEvent[] {
  const p = requireExisting(state, command.data.pledgeId);
  const reason = requireReason(command.data.reason);
  const allocation = p.allocations[command.data.allocationId];
  if (!allocation) {
    throw notFound('PLEDGE.ALLOCATION_NOT_FOUND', `pledge ${p.pledgeId} has no allocation ${command.data.allocationId}`, {
      allocationId: command.data.allocationId,
    });
  }
  if (allocation.released) return [];
  const allocated = allocatedHundredths(p) - toHundredths(allocation.quantity);
  return [
    {
      type: 'PledgeAllocationReleased',
      data: {
        pledgeId: p.pledgeId,
        communityId: p.communityId,
        allocationId: allocation.allocationId,
        taskId: allocation.taskId,
        quantity: allocation.quantity,
        measure: p.capacity.measure,
        allocated: fromHundredths(allocated),
        remaining: fromHundredths(toHundredths(p.capacity.quantity) - allocated),
        reason,
      },
    },
  ];
}

function withdraw(command: WithdrawPledge, state: PledgeState): PledgeEvent[] {
  const p = requireStatus(state, command.data.pledgeId, ['pledged', 'listed', 'partly_allocated', 'exhausted']);
  requireActorIsPledger(command.meta.actor, p.pledger);
  const reason = requireReason(command.data.reason);
  const held = Object.values(p.allocations)
    .filter((a) => !a.released)
    .map((a) => a.allocationId);
  if (held.length > 0) {
    throw conflict('PLEDGE.HAS_ACTIVE_ALLOCATIONS', `pledge ${p.pledgeId} is allocated to tasks; release them first`, {
      allocationIds: held,
    });
  }
  return [{ type: 'PledgeWithdrawn', data: { pledgeId: p.pledgeId, communityId: p.communityId, reason } }];
}

function expire(command: ExpirePledge, state: PledgeState): PledgeEvent[] {
  const p = requireExisting(state, command.data.pledgeId);
  if (command.meta.actor.role !== 'system') {
    throw forbidden('PLEDGE.SYSTEM_ONLY', 'pledges expire by the system when their availability ends');
  }
  // a job racing a withdrawal or a repeated run: nothing left to expire
  if (p.status === 'rejected' || p.status === 'withdrawn' || p.status === 'expired') return [];
  if (p.availability.until === null || millis(p.availability.until) > command.meta.now.getTime()) {
    throw conflict('PLEDGE.AVAILABILITY_NOT_ENDED', `pledge ${p.pledgeId} is still available`, {
      until: p.availability.until,
    });
  }
  return [{ type: 'PledgeExpired', data: { pledgeId: p.pledgeId, communityId: p.communityId, until: p.availability.until } }];
}

// ── guards ────────────────────────────────────────────────────────────────────

function requireExisting(state: PledgeState, pledgeId: string): ExistingPledge {
  if (state.status === 'none') throw notFound('PLEDGE.NOT_FOUND', `pledge ${pledgeId} does not exist`);
  return state;
}

function requireStatus(state: PledgeState, pledgeId: string, allowed: readonly PledgeStatus[]): ExistingPledge {
  const p = requireExisting(state, pledgeId);
  if (!allowed.includes(p.status)) {
    throw conflict('PLEDGE.WRONG_STATUS', `pledge ${pledgeId} is ${p.status}; expected ${allowed.join(' or ')}`, {
      status: p.status,
      expected: allowed,
    });
  }
  return p;
}

function requirePledger(input: PledgerInput | undefined): Pledger {
  if (input?.kind === 'unit') return { kind: 'unit', unitId: requireId(input.unitId, 'PLEDGE.INVALID_ID', 'pledger.unitId') };
  if (input?.kind === 'member') {
    return {
      kind: 'member',
      memberId: requireId(input.memberId, 'PLEDGE.INVALID_ID', 'pledger.memberId'),
      unitId: input.unitId == null ? null : requireId(input.unitId, 'PLEDGE.INVALID_ID', 'pledger.unitId'),
    };
  }
  throw invalid(INPUT, "pledger.kind must be 'unit' or 'member'", { field: 'pledger.kind' });
}

/** A unit contact speaks only for its unit, a member only for their own skills; staff may record for either. */
function requireActorIsPledger(actor: Actor, pledger: Pledger): void {
  const ok =
    actor.role === 'unit_contact'
      ? pledger.kind === 'unit' && pledger.unitId === actor.unitId
      : actor.role === 'member'
        ? pledger.kind === 'member' && pledger.memberId === actor.id
        : true;
  if (!ok) throw forbidden('PLEDGE.NOT_PLEDGER', 'only the pledging unit or member (or community staff) may do this');
}

function requireQuantity(value: unknown, field: string): number {
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    value <= 0 ||
    value > MAX_QUANTITY ||
    Math.abs(value * 100 - Math.round(value * 100)) > 1e-6
  ) {
    throw invalid(INPUT, `${field} must be a positive number with at most two decimals`, { field });
  }
  return value;
}

function requireReason(value: unknown): string {
  return requireText(value, 'PLEDGE.REASON_REQUIRED', 'reason', 2000);
}
