import type { pledge } from '@cobuild/domain';
import type { ProjectionEvent } from '@cobuild/event-store';
import { maskFreeText as text, maskName, maskPhone } from '../masking';
import { sortNumber, type DocumentProjection } from '../runtime/document-projection';

/** One row of the resources list (资源清单): a pledge with its capacity pledged, allocated and remaining. */
export interface ResourceListItem {
  id: string;
  communityId: string;
  pledger: pledge.Pledger;
  type: pledge.PledgeType;
  description: string;
  /** in the pledge's measure; allocated never exceeds pledged */
  capacity: { pledged: number; allocated: number; remaining: number; measure: string };
  availability: { from: string; until: string | null };
  status: pledge.PledgeStatus;
  /** the unit's or member's contact person, masked (张* · 139****1111) */
  contact: { name: string; phone: string | null };
  pledgedAt: string;
  listedAt: string | null;
  /** the joint meeting that listed it, if any */
  meetingId: string | null;
  /** allocations not released: which task holds how much */
  allocations: Array<{ allocationId: string; taskId: string; quantity: number }>;
  /** the last reason given (rejected, withdrawn) */
  reason: string | null;
  /** log position of the last event that changed the row */
  position: number;
}

function evolve(doc: ResourceListItem | null, e: ProjectionEvent): ResourceListItem | null {
  const d = e.data as Record<string, any>;
  if (e.type === 'ResourcePledged') {
    const p = d as pledge.ResourcePledged['data'];
    return {
      id: p.pledgeId,
      communityId: p.communityId,
      pledger: { ...p.pledger },
      type: p.type,
      description: text(p.description),
      capacity: { pledged: p.capacity.quantity, allocated: 0, remaining: p.capacity.quantity, measure: p.capacity.measure },
      availability: { from: p.availability.from, until: p.availability.until ?? null },
      status: 'pledged',
      contact: { name: maskName(p.contact.name), phone: maskPhone(p.contact.phone ?? null) },
      pledgedAt: p.pledgedAt,
      listedAt: null,
      meetingId: null,
      allocations: [],
      reason: null,
      position: e.position,
    };
  }
  if (!doc) return null;
  const next = { ...doc, position: e.position };
  switch (e.type) {
    case 'PledgeListed':
      return { ...next, status: 'listed', listedAt: d.listedAt ?? null, meetingId: d.meetingId ?? null };
    case 'PledgeRejected':
      return { ...next, status: 'rejected', reason: text(d.reason) };
    case 'PledgeCapacityAllocated':
    case 'PledgeAllocationReleased': {
      const allocations =
        e.type === 'PledgeCapacityAllocated'
          ? [...doc.allocations.filter((a) => a.allocationId !== d.allocationId), { allocationId: d.allocationId, taskId: d.taskId, quantity: d.quantity }]
          : doc.allocations.filter((a) => a.allocationId !== d.allocationId);
      // the events carry the totals after the change (the pledge aggregate keeps them within capacity)
      return { ...next, status: followNumbers(doc.status, d.allocated, doc.capacity.pledged), capacity: { ...doc.capacity, allocated: d.allocated, remaining: d.remaining }, allocations };
    }
    case 'PledgeWithdrawn':
      return { ...next, status: 'withdrawn', reason: text(d.reason) };
    case 'PledgeExpired':
      return { ...next, status: 'expired' };
    default:
      return doc;
  }
}

/** While confirmed, listed / partly allocated / exhausted follow the numbers (as the aggregate does). */
function followNumbers(status: pledge.PledgeStatus, allocated: number, pledged: number): pledge.PledgeStatus {
  if (status !== 'listed' && status !== 'partly_allocated' && status !== 'exhausted') return status;
  if (Math.round(allocated * 100) === 0) return 'listed';
  return Math.round(allocated * 100) >= Math.round(pledged * 100) ? 'exhausted' : 'partly_allocated';
}

/** 资源清单: one document per pledge, ordered by when it was pledged (the API shows newest first). */
export const resourcesListProjection: DocumentProjection<ResourceListItem> = {
  name: 'resources-list',
  // 2: free text (description, reasons) with personal data masked
  version: 2,
  categories: ['pledge'],
  keysOf: (e) => (typeof e.data.pledgeId === 'string' ? [e.data.pledgeId] : []),
  evolve: (doc, e) => evolve(doc, e),
  index: (doc) => ({ communityId: doc.communityId, status: doc.status, sort: [sortNumber(Date.parse(doc.pledgedAt)), ''] }),
};
