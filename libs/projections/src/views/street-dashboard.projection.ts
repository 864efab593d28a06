import type { ProjectionEvent } from '@cobuild/event-store';
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

function setNeedStatus(s: DashboardDoc, needId: string, status: string): void {
  const n = s.needs.open[needId];
  if (n) n.status = status;
}

function setOpenTask(s: DashboardDoc, taskId: string, over: Partial<DashboardDoc['tasks']['open'][string]>): void {
  const was = s.tasks.open[taskId] ?? { status: 'proposed', deadline: null, overdue: false };
  s.tasks.open[taskId] = { ...was, ...over };
}

function setPledge(s: DashboardDoc, pledgeId: string, over: Partial<DashboardDoc['pledges'][string]>): void {
  if (s.pledges[pledgeId]) s.pledges[pledgeId] = { ...s.pledges[pledgeId], ...over };
}

function setUnit(s: DashboardDoc, unitId: string, over: Partial<DashboardDoc['units'][string]>): void {
  s.units[unitId] = { ...(s.units[unitId] ?? { unitName: null, registered: false, verifiedYears: [] }), ...over };
}

/**
 * Changes the document in place (the caller owns it: the projector hands evolve a working copy per
 * batch, the as-of fold its own map): copying its maps on every event made rebuilds quadratic in
 * a community's open items.
 */
function evolve(prev: DashboardDoc | null, e: ProjectionEvent, key: string): DashboardDoc {
  const d = e.data as Data;
  const s = prev ?? empty(key.slice('community:'.length));
  switch (e.type) {
    case 'CommunityRegistered':
      s.name = d.name;
      s.streetId = d.streetId;
      s.districtId = d.districtId;
      break;
    case 'CommunityRenamed':
      s.name = d.name;
      break;
    // needs
    case 'NeedSubmitted':
      s.needs.open[d.needId] = { status: 'submitted', wantedBy: d.wantedBy ?? null };
      break;
    case 'NeedListed':
    case 'NeedReturnedToList':
      setNeedStatus(s, d.needId, 'listed');
      break;
    case 'NeedMatched':
      setNeedStatus(s, d.needId, 'matched');
      break;
    case 'NeedFulfilled':
      s.needs.met += 1;
      delete s.needs.open[d.needId];
      break;
    case 'NeedRejected':
    case 'NeedMerged':
    case 'NeedWithdrawn':
    case 'NeedClosedUnfulfilled':
      if (s.needs.open[d.needId]) {
        s.needs.closedUnmet += 1;
        delete s.needs.open[d.needId];
      }
      break;
    // tasks
    case 'TaskProposed':
      setOpenTask(s, d.taskId, { status: 'proposed' });
      break;
    case 'TaskClaimed':
      setOpenTask(s, d.taskId, { status: 'claimed', deadline: d.proposedDeadline ?? null });
      break;
    case 'TaskClaimConfirmed':
    case 'TaskAssigned':
    case 'TaskReassigned':
      setOpenTask(s, d.taskId, { status: 'assigned', deadline: d.deadline, overdue: false });
      break;
    case 'TaskAccepted':
      setOpenTask(s, d.taskId, { status: 'accepted' });
      break;
    case 'TaskProgressReported':
      if (s.tasks.open[d.taskId]) setOpenTask(s, d.taskId, { status: 'in_progress' });
      break;
    case 'TaskReopenedForRework':
    case 'TaskCompletionRejected':
      setOpenTask(s, d.taskId, { status: 'in_progress' });
      break;
    case 'TaskDeadlineExtended':
      if (s.tasks.open[d.taskId]) setOpenTask(s, d.taskId, { deadline: d.deadline, overdue: false });
      break;
    case 'TaskBecameOverdue':
      if (s.tasks.open[d.taskId]) setOpenTask(s, d.taskId, { overdue: true, deadline: d.deadline });
      break;
    case 'TaskCompleted':
    case 'TaskClaimRejected':
    case 'TaskDeclined':
    case 'TaskCancelled':
    case 'TaskClosed':
      delete s.tasks.open[d.taskId];
      break;
    case 'TaskVerified': {
      s.tasks.verified += 1;
      delete s.tasks.open[d.taskId];
      const r = d.responsible as Data | undefined;
      if (r?.kind !== 'unit' || !r.unitId) break;
      const year = shanghaiYear(e.metadata.occurredAt);
      const was = s.units[r.unitId] ?? { unitName: null, registered: false, verifiedYears: [] };
      s.units[r.unitId] = { ...was, verifiedYears: was.verifiedYears.includes(year) ? was.verifiedYears : [...was.verifiedYears, year] };
      break;
    }
    case 'TaskEscalated':
      s.escalations[d.escalationId] = { taskId: d.taskId, to: d.to, status: 'waiting', escalatedAt: d.escalatedAt ?? e.metadata.occurredAt };
      break;
    case 'TaskEscalationAccepted':
      if (s.escalations[d.escalationId]) s.escalations[d.escalationId] = { ...s.escalations[d.escalationId], status: 'accepted' };
      break;
    case 'TaskEscalationResolved':
      delete s.escalations[d.escalationId];
      break;
    // pledges
    case 'ResourcePledged':
      s.pledges[d.pledgeId] = { type: d.type, description: d.description, capacity: d.capacity, pledger: d.pledger, status: 'pledged', allocated: 0 };
      break;
    case 'PledgeListed':
      setPledge(s, d.pledgeId, { status: 'listed' });
      break;
    case 'PledgeCapacityAllocated':
    case 'PledgeAllocationReleased':
      setPledge(s, d.pledgeId, { allocated: d.allocated });
      break;
    case 'PledgeRejected':
    case 'PledgeWithdrawn':
    case 'PledgeExpired':
      delete s.pledges[d.pledgeId];
      break;
    // registrations
    case 'UnitRegistered':
    case 'UnitAssignedToCommunity':
    case 'UnitRegistrationDetailsChanged':
      setUnit(s, d.unitId, { unitName: d.unitName, registered: true });
      break;
    case 'UnitDeregistered':
      setUnit(s, d.unitId, { registered: false });
      break;
  }
  return s;
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
