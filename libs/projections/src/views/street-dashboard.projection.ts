import type { RecordedEvent } from '@cobuild/event-store';
import type { DocumentProjection } from '../runtime/document-projection';
import { shanghaiYear } from './local-year';

/**
 * 街道调度: one document per community (`community:<communityId>`), listed by street — the index's
 * `status` holds the street id, so a street's communities are one list query.
 * Only what is still open is kept item by item; what is done is counted.
 */
export interface DashboardDoc {
  communityId: string;
  name: string | null;
  streetId: string | null;
  districtId: string | null;
  needs: {
    met: number;
    closedUnmet: number;
    /** needs not yet fulfilled or closed: status and wanted-by date */
    open: Record<string, { status: string; wantedBy: string | null }>;
  };
  tasks: {
    verified: number;
    /** tasks under way (not yet completed) */
    open: Record<string, { status: string; deadline: string | null; overdue: boolean }>;
  };
  /** escalations not yet resolved */
  escalations: Record<string, { taskId: string; to: { kind: string; departmentId?: string; streetId?: string }; status: 'waiting' | 'accepted'; escalatedAt: string }>;
  /** pledges still live (not withdrawn, rejected, expired) */
  pledges: Record<string, { type: string; description: string; capacity: { quantity: number; measure: string }; pledger: unknown; status: string; allocated: number }>;
  /** units registered here (双报到), with the years in which one of their tasks here was verified */
  units: Record<string, { unitName: string | null; registered: boolean; verifiedYears: number[] }>;
}

type Data = Record<string, any>;

const empty = (communityId: string): DashboardDoc => ({
  communityId,
  name: null,
  streetId: null,
  districtId: null,
  needs: { met: 0, closedUnmet: 0, open: {} },
  tasks: { verified: 0, open: {} },
  escalations: {},
  pledges: {},
  units: {},
});

const without = <T>(o: Record<string, T>, k: string): Record<string, T> => {
  const { [k]: _gone, ...rest } = o;
  return rest;
};

function evolve(prev: DashboardDoc | null, e: RecordedEvent, key: string): DashboardDoc {
  const d = e.data as Data;
  const s = prev ?? empty(key.slice('community:'.length));
  const need = (over: Partial<DashboardDoc['needs']>) => ({ ...s, needs: { ...s.needs, ...over } });
  const openNeed = (status: string) =>
    s.needs.open[d.needId] ? need({ open: { ...s.needs.open, [d.needId]: { ...s.needs.open[d.needId], status } } }) : s;
  const task = (over: Partial<DashboardDoc['tasks']>) => ({ ...s, tasks: { ...s.tasks, ...over } });
  const setTask = (over: Partial<DashboardDoc['tasks']['open'][string]>) => {
    const was = s.tasks.open[d.taskId] ?? { status: 'proposed', deadline: null, overdue: false };
    return task({ open: { ...s.tasks.open, [d.taskId]: { ...was, ...over } } });
  };
  const pledge = (over: Partial<DashboardDoc['pledges'][string]>) =>
    s.pledges[d.pledgeId] ? { ...s, pledges: { ...s.pledges, [d.pledgeId]: { ...s.pledges[d.pledgeId], ...over } } } : s;
  const unit = (over: Partial<DashboardDoc['units'][string]>) => ({
    ...s,
    units: { ...s.units, [d.unitId]: { ...(s.units[d.unitId] ?? { unitName: null, registered: false, verifiedYears: [] }), ...over } },
  });
  switch (e.type) {
    case 'CommunityRegistered':
      return { ...s, name: d.name, streetId: d.streetId, districtId: d.districtId };
    case 'CommunityRenamed':
      return { ...s, name: d.name };
    // needs
    case 'NeedSubmitted':
      return need({ open: { ...s.needs.open, [d.needId]: { status: 'submitted', wantedBy: d.wantedBy ?? null } } });
    case 'NeedListed':
    case 'NeedReturnedToList':
      return openNeed('listed');
    case 'NeedMatched':
      return openNeed('matched');
    case 'NeedFulfilled':
      return need({ met: s.needs.met + 1, open: without(s.needs.open, d.needId) });
    case 'NeedRejected':
    case 'NeedMerged':
    case 'NeedWithdrawn':
    case 'NeedClosedUnfulfilled':
      return s.needs.open[d.needId] ? need({ closedUnmet: s.needs.closedUnmet + 1, open: without(s.needs.open, d.needId) }) : s;
    // tasks
    case 'TaskProposed':
      return setTask({ status: 'proposed' });
    case 'TaskClaimed':
      return setTask({ status: 'claimed', deadline: d.proposedDeadline ?? null });
    case 'TaskClaimConfirmed':
    case 'TaskAssigned':
    case 'TaskReassigned':
      return setTask({ status: 'assigned', deadline: d.deadline, overdue: false });
    case 'TaskAccepted':
      return setTask({ status: 'accepted' });
    case 'TaskProgressReported':
      return s.tasks.open[d.taskId] ? setTask({ status: 'in_progress' }) : s;
    case 'TaskReopenedForRework':
    case 'TaskCompletionRejected':
      return setTask({ status: 'in_progress' });
    case 'TaskDeadlineExtended':
      return s.tasks.open[d.taskId] ? setTask({ deadline: d.deadline, overdue: false }) : s;
    case 'TaskBecameOverdue':
      return s.tasks.open[d.taskId] ? setTask({ overdue: true, deadline: d.deadline }) : s;
    case 'TaskCompleted':
    case 'TaskClaimRejected':
    case 'TaskDeclined':
    case 'TaskCancelled':
    case 'TaskClosed':
      return task({ open: without(s.tasks.open, d.taskId) });
    case 'TaskVerified': {
      const next = task({ verified: s.tasks.verified + 1, open: without(s.tasks.open, d.taskId) });
      const r = d.responsible as Data | undefined;
      if (r?.kind !== 'unit' || !r.unitId) return next;
      const year = shanghaiYear(e.metadata.occurredAt);
      const was = next.units[r.unitId] ?? { unitName: null, registered: false, verifiedYears: [] };
      const verifiedYears = was.verifiedYears.includes(year) ? was.verifiedYears : [...was.verifiedYears, year];
      return { ...next, units: { ...next.units, [r.unitId]: { ...was, verifiedYears } } };
    }
    case 'TaskEscalated':
      return { ...s, escalations: { ...s.escalations, [d.escalationId]: { taskId: d.taskId, to: d.to, status: 'waiting', escalatedAt: d.escalatedAt ?? e.metadata.occurredAt } } };
    case 'TaskEscalationAccepted':
      return s.escalations[d.escalationId] ? { ...s, escalations: { ...s.escalations, [d.escalationId]: { ...s.escalations[d.escalationId], status: 'accepted' } } } : s;
    case 'TaskEscalationResolved':
      return { ...s, escalations: without(s.escalations, d.escalationId) };
    // pledges
    case 'ResourcePledged':
      return {
        ...s,
        pledges: { ...s.pledges, [d.pledgeId]: { type: d.type, description: d.description, capacity: d.capacity, pledger: d.pledger, status: 'pledged', allocated: 0 } },
      };
    case 'PledgeListed':
      return pledge({ status: 'listed' });
    case 'PledgeCapacityAllocated':
    case 'PledgeAllocationReleased':
      return pledge({ allocated: d.allocated });
    case 'PledgeRejected':
    case 'PledgeWithdrawn':
    case 'PledgeExpired':
      return { ...s, pledges: without(s.pledges, d.pledgeId) };
    // registrations
    case 'UnitRegistered':
    case 'UnitAssignedToCommunity':
    case 'UnitRegistrationDetailsChanged':
      return unit({ unitName: d.unitName, registered: true });
    case 'UnitDeregistered':
      return unit({ registered: false });
    default:
      return s;
  }
}

export const streetDashboardProjection: DocumentProjection<DashboardDoc> = {
  name: 'street-dashboard',
  version: 1,
  categories: ['community', 'need', 'task', 'pledge', 'unitRegistration'],
  keysOf: (e) => {
    const communityId = (e.data as Data).communityId;
    return typeof communityId === 'string' ? [`community:${communityId}`] : [];
  },
  evolve,
  index: (doc) => ({ communityId: doc.communityId, status: doc.streetId, sort: [doc.name ?? '', doc.communityId] }),
};

export interface DashboardView {
  communityId: string;
  name: string | null;
  streetId: string | null;
  needs: { met: number; open: number; overdue: number; closedUnmet: number };
  tasks: { open: number; overdue: number; verified: number };
  /** listed pledges with nothing allocated */
  unusedPledges: Array<{ pledgeId: string; type: string; description: string; capacity: { quantity: number; measure: string }; pledger: unknown }>;
  /** escalations not yet resolved, per department (and to the street) */
  escalationsWaiting: { byDepartment: Record<string, number>; toStreet: number; items: Array<{ escalationId: string; taskId: string; to: unknown; status: string; escalatedAt: string }> };
  /** units registered here with no task verified here this year */
  unitsWithNothingDone: Array<{ unitId: string; unitName: string | null }>;
}

/** The dashboard as read at `now`: overdue needs (wanted-by passed) and tasks (deadline passed), "this year" in Asia/Shanghai. */
export function dashboardView(doc: DashboardDoc, now: Date): DashboardView {
  const t = now.getTime();
  const passed = (at: string | null) => at !== null && Date.parse(at) < t;
  const year = shanghaiYear(now);
  const openTasks = Object.values(doc.tasks.open);
  const escalations = Object.entries(doc.escalations).map(([escalationId, x]) => ({ escalationId, ...x }));
  const byDepartment: Record<string, number> = {};
  for (const x of escalations) if (x.to.kind === 'department' && x.to.departmentId) byDepartment[x.to.departmentId] = (byDepartment[x.to.departmentId] ?? 0) + 1;
  return {
    communityId: doc.communityId,
    name: doc.name,
    streetId: doc.streetId,
    needs: {
      met: doc.needs.met,
      open: Object.keys(doc.needs.open).length,
      overdue: Object.values(doc.needs.open).filter((n) => passed(n.wantedBy)).length,
      closedUnmet: doc.needs.closedUnmet,
    },
    tasks: {
      open: openTasks.length,
      overdue: openTasks.filter((x) => x.overdue || (['assigned', 'accepted', 'in_progress'].includes(x.status) && passed(x.deadline))).length,
      verified: doc.tasks.verified,
    },
    unusedPledges: Object.entries(doc.pledges)
      .filter(([, p]) => p.status === 'listed' && p.allocated === 0)
      .map(([pledgeId, p]) => ({ pledgeId, type: p.type, description: p.description, capacity: p.capacity, pledger: p.pledger })),
    escalationsWaiting: { byDepartment, toStreet: escalations.filter((x) => x.to.kind === 'street').length, items: escalations },
    unitsWithNothingDone: Object.entries(doc.units)
      .filter(([, u]) => u.registered && !u.verifiedYears.includes(year))
      .map(([unitId, u]) => ({ unitId, unitName: u.unitName })),
  };
}
