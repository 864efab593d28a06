import { assessment, evaluationRound } from '@cobuild/domain';
import { categoryOf, type EventStore, type ProjectionEvent } from '@cobuild/event-store';
import { communityEventsUpTo } from '../runtime/as-of';
import { assembleScorecard, type ScorecardView } from './scorecard-view';
import {
  scorecardKey,
  scorecardsProjection,
  type PledgeAux,
  type RegistrationsAux,
  type ScorecardDoc,
  type ScorecardsDocument,
  type SubjectKind,
  type TaskAux,
} from './scorecards.projection';

/** Where the events of a subject's scorecard are in the log. */
export interface ScorecardSources {
  /** communities whose events are folded: where it is or was registered, pledged or answered for a task */
  communityIds: string[];
  /** streams read whole besides: the evaluation rounds that rated it that year (street rounds belong to no community), its assessment */
  streams: string[];
}

type GetMany = (keys: string[]) => Promise<Map<string, ScorecardsDocument>>;

/**
 * The sources of a subject's year, from the scorecards read model as it is now. Registrations,
 * pledges, tasks and round results are only ever added to it, so what it names now covers every
 * earlier position (once the read model has reached that position).
 */
export async function scorecardSources(getMany: GetMany, kind: SubjectKind, id: string, year: number): Promise<ScorecardSources> {
  const regKey = `registrations:${kind}:${id}`;
  const cardKey = scorecardKey(kind, id, year);
  const top = await getMany([regKey, cardKey]);
  const registrations = top.get(regKey) as RegistrationsAux | undefined;
  const card = top.get(cardKey) as ScorecardDoc | undefined;
  const aux = await getMany([...(registrations?.pledgeIds ?? []).map((p) => `pledge:${p}`), ...(registrations?.taskIds ?? []).map((t) => `task:${t}`)]);
  const communities = new Set<string>([...Object.keys(registrations?.communities ?? {}), ...(card?.communityIds ?? [])]);
  for (const doc of aux.values()) communities.add((doc as PledgeAux | TaskAux).communityId);
  const rounds = new Set((card?.evaluations ?? []).map((r) => evaluationRound.streamName(r.roundId)));
  return {
    communityIds: [...communities].sort(),
    streams: [...rounds, ...(kind === 'unit' ? [assessment.streamNameFor(id, year)] : [])],
  };
}

/**
 * A unit's or member's scorecard as it stood at a log position, folded from the log: the events
 * of its communities and streams (see ScorecardSources) up to that position, through the same
 * projection the projector runs. Null when nothing was known of the subject then.
 */
export async function scorecardAsOf(
  store: Pick<EventStore, 'readAllForProjection' | 'readStream'>,
  sources: ScorecardSources,
  kind: SubjectKind,
  id: string,
  year: number,
  position: number,
): Promise<ScorecardView | null> {
  const events = new Map<number, ProjectionEvent>();
  for (const communityId of sources.communityIds) for (const e of await communityEventsUpTo(store, communityId, position)) events.set(e.position, e);
  for (const stream of sources.streams) for (const e of await store.readStream(stream)) if (e.position <= position) events.set(e.position, e);
  const p = scorecardsProjection;
  const docs = new Map<string, ScorecardsDocument | null>();
  for (const e of [...events.values()].sort((a, b) => a.position - b.position)) {
    if (!p.categories.includes(categoryOf(e.streamId))) continue;
    for (const key of p.keysOf(e)) docs.set(key, p.evolve(docs.get(key) ?? null, e, key));
  }
  return assembleScorecard(async (key) => docs.get(key) ?? null, kind, id, year);
}
