import type { ProjectionEvent } from '@cobuild/event-store';
import { sortNumber, type DocumentProjection } from '../runtime/document-projection';
import { shanghaiYear } from './local-year';

/**
 * 年度记分卡: what a stationed unit (or an in-service member) did in a year, from the streams of
 * registrations, pledges, tasks, evaluation rounds and assessments.
 *
 * Keys: `unit:<unitId>:<year>` and `member:<memberId>:<year>` are the scorecards (the year is the
 * event's occurredAt in Asia/Shanghai, or the year the event names: an assessment's year, a
 * yearly round's period). Some facts need a second stream the scorecard's events do not name
 * (a pledge's allocations, a task's escalations, registrations from earlier years), so the same
 * projection keeps small helper documents — `pledge:<pledgeId>`, `task:<taskId>`, and per
 * subject `registrations:unit:<unitId>` / `registrations:member:<memberId>` (its communities and
 * every pledge and task of any year) — and `assembleScorecard` joins them when a scorecard is read.
 */
export type SubjectKind = 'unit' | 'member';

export interface CapacityTally {
  count: number;
  /** quantity per measure (m2, hours, CNY…) */
  capacity: Record<string, number>;
}

export interface ScorecardDoc {
  doc: 'scorecard';
  kind: SubjectKind;
  id: string;
  year: number;
  /** communities the subject acted in this year */
  communityIds: string[];
  pledges: { count: number; byType: Record<string, CapacityTally>; pledgeIds: string[] };
  tasks: {
    claimed: number;
    assigned: number;
    accepted: number;
    completed: number;
    verified: number;
    overdue: number;
    /** tasks the subject answered for this year (assigned, claimed, accepted...) */
    taskIds: string[];
    verifiedTaskIds: string[];
  };
  evaluations: EvaluationResult[];
  assessment: AssessmentSummary | null;
  atLeastOnePracticalThing: boolean;
}

export interface EvaluationResult {
  roundId: string;
  direction: string;
  counts: Record<string, number>;
  total: number;
  satisfactionRate: number;
  satisfiedRate: number;
  meanCriterionScores: Record<string, number>;
  closedAt: string;
}

export interface AssessmentSummary {
  computation: number;
  rulesId: string;
  baseScore: number;
  deductionPoints: number;
  bonusPoints: number;
  deductions: Array<{ ruleId: string; label: string; value: number; points: number }>;
  bonuses: Array<{ ruleId: string; label: string; value: number; points: number }>;
  evaluationPoints: number;
  total: number;
  grade: string | null;
  finalized: boolean;
}

export interface PledgeAux {
  doc: 'pledge';
  pledgeId: string;
  communityId: string;
  owner: { kind: SubjectKind; id: string };
  type: string;
  measure: string;
  quantity: number;
  allocations: Record<string, { taskId: string; quantity: number }>;
}

export interface TaskAux {
  doc: 'task';
  taskId: string;
  communityId: string;
  /** the task ever became overdue */
  overdue: boolean;
  escalations: Array<{ escalationId: string; year: number; to: unknown }>;
  verifiedAt: string | null;
}

export interface RegistrationsAux {
  doc: 'registrations';
  kind: SubjectKind;
  id: string;
  /** communityId → registered now (false after a deregistration / leaving) */
  communities: Record<string, { registered: boolean; name: string | null; homeUnitId?: string }>;
  /** every pledge the subject made, and every task it answered for, in any year (for what was delivered or escalated in a year) */
  pledgeIds: string[];
  taskIds: string[];
}

export type ScorecardsDocument = ScorecardDoc | PledgeAux | TaskAux | RegistrationsAux;

type Data = Record<string, any>;
type Who = { kind: SubjectKind; id: string } | null;

export const scorecardKey = (kind: SubjectKind, id: string, year: number) => `${kind}:${id}:${year}`;

/** a task's responsible (or claimant) as a scorecard subject */
function who(r: Data | undefined): Who {
  if (!r) return null;
  if (r.kind === 'unit' && r.unitId) return { kind: 'unit', id: r.unitId };
  if (r.kind === 'member' && r.memberId) return { kind: 'member', id: r.memberId };
  return null;
}

const category = (e: ProjectionEvent) => e.streamId.slice(0, e.streamId.indexOf('-'));
const yearOf = (e: ProjectionEvent) => shanghaiYear(e.metadata.occurredAt);

function subjectOfEvent(e: ProjectionEvent): Who {
  const d = e.data as Data;
  switch (e.type) {
    case 'ResourcePledged':
      return who(d.pledger);
    case 'TaskClaimed':
      return who(d.claimant);
    case 'TaskClaimConfirmed':
    case 'TaskAssigned':
    case 'TaskReassigned':
    case 'TaskAccepted':
    case 'TaskCompleted':
    case 'TaskVerified':
    case 'TaskBecameOverdue':
      return who(d.responsible);
    default:
      return null;
  }
}

function keysOf(e: ProjectionEvent): string[] {
  const d = e.data as Data;
  switch (category(e)) {
    case 'unitRegistration':
      return [`registrations:unit:${d.unitId}`];
    case 'member':
      return ['MemberRegistered', 'MemberHomeUnitChanged', 'MemberLeft'].includes(e.type) ? [`registrations:member:${d.memberId}`] : [];
    case 'pledge': {
      const s = subjectOfEvent(e);
      return [`pledge:${d.pledgeId}`, ...(s ? [scorecardKey(s.kind, s.id, yearOf(e)), `registrations:${s.kind}:${s.id}`] : [])];
    }
    case 'task': {
      const s = subjectOfEvent(e);
      const aux = ['TaskBecameOverdue', 'TaskEscalated', 'TaskVerified', 'TaskReopenedForRework', 'TaskClaimed', 'TaskProposed'].includes(e.type)
        ? [`task:${d.taskId}`]
        : [];
      return [...aux, ...(s ? [scorecardKey(s.kind, s.id, yearOf(e)), `registrations:${s.kind}:${s.id}`] : [])];
    }
    case 'evaluationRound': {
      if (e.type !== 'EvaluationRoundClosed') return [];
      const year = d.period?.kind === 'year' ? Number(d.period.year) : yearOf(e);
      const keys = new Set<string>();
      for (const r of (d.results ?? []) as Data[])
        if (r.subject?.kind === 'unit' || r.subject?.kind === 'member') keys.add(scorecardKey(r.subject.kind, r.subject.id, year));
      return [...keys];
    }
    case 'assessment':
      return [scorecardKey('unit', d.unitId, Number(d.year))];
    default:
      return [];
  }
}

const emptyScorecard = (kind: SubjectKind, id: string, year: number): ScorecardDoc => ({
  doc: 'scorecard',
  kind,
  id,
  year,
  communityIds: [],
  pledges: { count: 0, byType: {}, pledgeIds: [] },
  tasks: { claimed: 0, assigned: 0, accepted: 0, completed: 0, verified: 0, overdue: 0, taskIds: [], verifiedTaskIds: [] },
  evaluations: [],
  assessment: null,
  atLeastOnePracticalThing: false,
});

const add = (list: string[], x: string) => (list.includes(x) ? list : [...list, x]);

function evolveScorecard(prev: ScorecardDoc | null, e: ProjectionEvent, key: string): ScorecardDoc {
  const [kind, ...rest] = key.split(':');
  const year = Number(rest.pop());
  const id = rest.join(':');
  const s = prev ?? emptyScorecard(kind as SubjectKind, id, year);
  const d = e.data as Data;
  const communityIds = typeof d.communityId === 'string' ? add(s.communityIds, d.communityId) : s.communityIds;
  const t = s.tasks;
  const withTask = (over: Partial<ScorecardDoc['tasks']>) => ({ ...s, communityIds, tasks: { ...t, taskIds: add(t.taskIds, d.taskId), ...over } });
  switch (e.type) {
    case 'ResourcePledged': {
      const was = s.pledges.byType[d.type] ?? { count: 0, capacity: {} };
      const measure = String(d.capacity?.measure ?? '');
      const tally = { count: was.count + 1, capacity: { ...was.capacity, [measure]: (was.capacity[measure] ?? 0) + Number(d.capacity?.quantity ?? 0) } };
      return { ...s, communityIds, pledges: { count: s.pledges.count + 1, byType: { ...s.pledges.byType, [d.type]: tally }, pledgeIds: add(s.pledges.pledgeIds, d.pledgeId) } };
    }
    case 'TaskClaimed':
      return withTask({ claimed: t.claimed + 1 });
    case 'TaskClaimConfirmed':
    case 'TaskAssigned':
    case 'TaskReassigned':
      return withTask({ assigned: t.assigned + 1 });
    case 'TaskAccepted':
      return withTask({ accepted: t.accepted + 1 });
    case 'TaskCompleted':
      return withTask({ completed: t.completed + 1 });
    case 'TaskVerified':
      return { ...withTask({ verified: t.verified + 1, verifiedTaskIds: add(t.verifiedTaskIds, d.taskId) }), atLeastOnePracticalThing: true };
    case 'TaskBecameOverdue':
      return withTask({ overdue: t.overdue + 1 });
    case 'EvaluationRoundClosed': {
      const mine = ((d.results ?? []) as Data[]).filter((r) => r.subject?.kind === kind && r.subject?.id === id);
      const others = s.evaluations.filter((x) => x.roundId !== d.roundId);
      const results: EvaluationResult[] = mine.map((r) => ({
        roundId: d.roundId,
        direction: r.direction,
        counts: r.counts,
        total: r.total,
        satisfactionRate: r.satisfactionRate,
        satisfiedRate: r.satisfiedRate,
        meanCriterionScores: r.meanCriterionScores ?? {},
        closedAt: d.closedAt,
      }));
      return { ...s, evaluations: [...others, ...results] };
    }
    case 'AssessmentComputed': {
      const items = (xs: Data[]) => xs.map((x) => ({ ruleId: x.ruleId, label: x.label, value: x.value, points: x.points }));
      const sum = (xs: Data[]) => xs.reduce((n, x) => n + Number(x.points ?? 0), 0);
      return {
        ...s,
        assessment: {
          computation: d.computation,
          rulesId: d.rulesId,
          baseScore: d.baseScore,
          deductionPoints: sum(d.deductions ?? []),
          bonusPoints: sum(d.bonuses ?? []),
          deductions: items(d.deductions ?? []),
          bonuses: items(d.bonuses ?? []),
          evaluationPoints: Number(d.evaluation?.points ?? 0),
          total: d.total,
          grade: d.grade ?? null,
          finalized: false,
        },
      };
    }
    case 'AssessmentFinalized':
      return s.assessment ? { ...s, assessment: { ...s.assessment, total: d.total, grade: d.grade ?? null, finalized: true } } : s;
    default:
      return s;
  }
}

function evolvePledge(prev: PledgeAux | null, e: ProjectionEvent): PledgeAux | null {
  const d = e.data as Data;
  if (e.type === 'ResourcePledged') {
    const owner = who(d.pledger);
    if (!owner) return null;
    return { doc: 'pledge', pledgeId: d.pledgeId, communityId: d.communityId, owner, type: d.type, measure: d.capacity.measure, quantity: d.capacity.quantity, allocations: {} };
  }
  if (!prev) return null;
  // in place (evolve owns the document): a pledge allocated to many tasks is not copied per allocation
  if (e.type === 'PledgeCapacityAllocated') prev.allocations[d.allocationId] = { taskId: d.taskId, quantity: d.quantity };
  if (e.type === 'PledgeAllocationReleased') delete prev.allocations[d.allocationId];
  return prev;
}

function evolveTask(prev: TaskAux | null, e: ProjectionEvent): TaskAux {
  const d = e.data as Data;
  const t: TaskAux = prev ?? { doc: 'task', taskId: d.taskId, communityId: d.communityId, overdue: false, escalations: [], verifiedAt: null };
  switch (e.type) {
    case 'TaskBecameOverdue':
      return { ...t, overdue: true };
    case 'TaskEscalated':
      return { ...t, escalations: [...t.escalations, { escalationId: d.escalationId, year: yearOf(e), to: d.to }] };
    case 'TaskVerified':
      return { ...t, verifiedAt: d.verifiedAt ?? e.metadata.occurredAt };
    case 'TaskReopenedForRework':
      return { ...t, verifiedAt: null };
    default:
      return t;
  }
}

function evolveRegistrations(prev: RegistrationsAux | null, e: ProjectionEvent, key: string): RegistrationsAux {
  const d = e.data as Data;
  const kind: SubjectKind = key.startsWith('registrations:unit:') ? 'unit' : 'member';
  const r: RegistrationsAux = prev ?? { doc: 'registrations', kind, id: key.slice(`registrations:${kind}:`.length), communities: {}, pledgeIds: [], taskIds: [] };
  if (e.type === 'ResourcePledged') return { ...r, pledgeIds: add(r.pledgeIds, d.pledgeId) };
  if (category(e) === 'task') return { ...r, taskIds: add(r.taskIds, d.taskId) };
  const at = (over: Partial<RegistrationsAux['communities'][string]>) => ({
    ...r,
    communities: { ...r.communities, [d.communityId]: { ...(r.communities[d.communityId] ?? { registered: false, name: null }), ...over } },
  });
  switch (e.type) {
    case 'UnitRegistered':
    case 'UnitAssignedToCommunity':
    case 'UnitRegistrationDetailsChanged':
      return at({ registered: true, name: d.unitName ?? null });
    case 'UnitDeregistered':
      return at({ registered: false });
    case 'MemberRegistered':
      return at({ registered: true, homeUnitId: d.homeUnitId });
    case 'MemberHomeUnitChanged':
      return at({ homeUnitId: d.homeUnitId });
    case 'MemberLeft':
      return at({ registered: false });
    default:
      return r;
  }
}

export const scorecardsProjection: DocumentProjection<ScorecardsDocument> = {
  name: 'scorecards',
  version: 1,
  categories: ['unitRegistration', 'member', 'pledge', 'task', 'evaluationRound', 'assessment'],
  keysOf,
  evolve(doc, e, key) {
    if (key.startsWith('pledge:')) return evolvePledge(doc as PledgeAux | null, e);
    if (key.startsWith('task:')) return evolveTask(doc as TaskAux | null, e);
    if (key.startsWith('registrations:')) return evolveRegistrations(doc as RegistrationsAux | null, e, key);
    return evolveScorecard(doc as ScorecardDoc | null, e, key);
  },
  index(doc) {
    switch (doc.doc) {
      case 'scorecard':
        return { communityId: null, status: `${doc.kind}-scorecard`, sort: [sortNumber(doc.year), `${doc.kind}:${doc.id}`] };
      case 'registrations':
        return { communityId: null, status: 'registrations', sort: ['', `${doc.kind}:${doc.id}`] };
      case 'pledge':
        return { communityId: doc.communityId, status: 'pledge', sort: ['', doc.pledgeId] };
      case 'task':
        return { communityId: doc.communityId, status: 'task', sort: ['', doc.taskId] };
    }
  },
};
