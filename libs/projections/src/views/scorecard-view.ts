import { shanghaiYear } from './local-year';
import {
  scorecardKey,
  type CapacityTally,
  type PledgeAux,
  type RegistrationsAux,
  type ScorecardDoc,
  type ScorecardsDocument,
  type SubjectKind,
  type TaskAux,
} from './scorecards.projection';

export interface ScorecardView {
  kind: SubjectKind;
  id: string;
  year: number;
  /** communities where the unit is registered now (双报到), or the member's residence community */
  registeredCommunities: Array<{ communityId: string; name: string | null }>;
  /** communities the subject acted in this year */
  activeCommunityIds: string[];
  /** the member's home unit (members only) */
  homeUnitId: string | null;
  pledges: {
    count: number;
    /** per resource type: capacity pledged this year, and capacity (of any year's pledges) allocated to tasks verified this year */
    byType: Record<string, CapacityTally & { delivered: Record<string, number> }>;
  };
  /** counts of this year's events; `onTime`: verified this year and never overdue; `escalated`: tasks it answered for (any year) escalated this year */
  tasks: { claimed: number; assigned: number; accepted: number; completed: number; verified: number; onTime: number; overdue: number; escalated: number };
  evaluations: ScorecardDoc['evaluations'];
  assessment: ScorecardDoc['assessment'];
  /** 每年至少办一件实事: at least one task verified this year */
  atLeastOnePracticalThing: boolean;
}

const verifiedIn = (t: TaskAux | null, year: number) => t?.verifiedAt != null && shanghaiYear(t.verifiedAt) === year;

type Get = (key: string) => Promise<ScorecardsDocument | null>;

/**
 * A scorecard as read: the year's document joined with its helper documents (registrations,
 * the pledges' allocations, the tasks' overdue/escalation/verification). Null when nothing at all
 * is known of the subject.
 */
export async function assembleScorecard(get: Get, kind: SubjectKind, id: string, year: number): Promise<ScorecardView | null> {
  const doc = (await get(scorecardKey(kind, id, year))) as ScorecardDoc | null;
  const registrations = (await get(`registrations:${kind}:${id}`)) as RegistrationsAux | null;
  if (!doc && !registrations) return null;
  const tasks = new Map<string, TaskAux | null>();
  const task = async (taskId: string) => {
    if (!tasks.has(taskId)) tasks.set(taskId, (await get(`task:${taskId}`)) as TaskAux | null);
    return tasks.get(taskId)!;
  };
  const pledges: PledgeAux[] = [];
  for (const pledgeId of registrations?.pledgeIds ?? doc?.pledges.pledgeIds ?? []) {
    const p = (await get(`pledge:${pledgeId}`)) as PledgeAux | null;
    if (p) pledges.push(p);
  }
  const byType: ScorecardView['pledges']['byType'] = {};
  for (const [type, tally] of Object.entries(doc?.pledges.byType ?? {})) byType[type] = { ...tally, delivered: {} };
  for (const p of pledges)
    for (const a of Object.values(p.allocations))
      if (verifiedIn(await task(a.taskId), year)) {
        const t = (byType[p.type] ??= { count: 0, capacity: {}, delivered: {} });
        t.delivered[p.measure] = (t.delivered[p.measure] ?? 0) + a.quantity;
      }
  let onTime = 0;
  for (const taskId of doc?.tasks.verifiedTaskIds ?? []) if ((await task(taskId))?.overdue === false) onTime++;
  let escalated = 0;
  for (const taskId of registrations?.taskIds ?? doc?.tasks.taskIds ?? []) if ((await task(taskId))?.escalations.some((x) => x.year === year)) escalated++;
  const live = Object.entries(registrations?.communities ?? {}).filter(([, c]) => c.registered);
  const t = doc?.tasks;
  return {
    kind,
    id,
    year,
    registeredCommunities: live.map(([communityId, c]) => ({ communityId, name: c.name })),
    activeCommunityIds: doc?.communityIds ?? [],
    homeUnitId: kind === 'member' ? (live[0]?.[1].homeUnitId ?? Object.values(registrations?.communities ?? {})[0]?.homeUnitId ?? null) : null,
    pledges: { count: doc?.pledges.count ?? 0, byType },
    tasks: {
      claimed: t?.claimed ?? 0,
      assigned: t?.assigned ?? 0,
      accepted: t?.accepted ?? 0,
      completed: t?.completed ?? 0,
      verified: t?.verified ?? 0,
      onTime,
      overdue: t?.overdue ?? 0,
      escalated,
    },
    evaluations: doc?.evaluations ?? [],
    assessment: doc?.assessment ?? null,
    atLeastOnePracticalThing: doc?.atLeastOnePracticalThing ?? false,
  };
}

/** Every community the subject is or was registered at (for scope checks). */
export async function registeredCommunityIds(get: Get, kind: SubjectKind, id: string): Promise<string[]> {
  const r = (await get(`registrations:${kind}:${id}`)) as RegistrationsAux | null;
  return Object.keys(r?.communities ?? {});
}
