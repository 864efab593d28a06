import { Inject, Injectable } from '@nestjs/common';
import { assessment, evaluationRound, fold, meeting, task, unitRegistration } from '@cobuild/domain';
import { EVENT_STORE, type EventStore, type LogFilter, type RecordedEvent } from '@cobuild/event-store';

const PAGE = 1000;

/** The year in Asia/Shanghai (UTC+8, no daylight saving): [start, end) as instants in ms. */
export const yearWindow = (year: number) => ({ start: Date.UTC(year - 1, 11, 31, 16), end: Date.UTC(year, 11, 31, 16) });

export interface UnitYear {
  /** communities the unit served (双报到) at some time in the year */
  communityIds: string[];
  /** every community the unit was ever registered at (for the scope check) */
  everCommunityIds: string[];
  facts: Omit<assessment.AssessmentFacts, 'optionalActions'>;
  evaluations: assessment.EvaluationInput[];
}

/**
 * What ComputeAssessment needs about a unit and a year, gathered from the log until the
 * scorecard projection exists (rules.ts, "What the command handler gathers"):
 * - registered: a registration at a community that was live at some time in the year;
 * - meetings held: closed community meetings scheduled in the year at those communities;
 *   attended: those whose recorded attendance lists the unit;
 * - tasks done: tasks with the unit responsible, verified in the year and not reopened since;
 * - evaluations: the unit's community_to_unit results from rounds of the year that have closed
 *   (a 'year' round of that year, or a custom round whose period ends in the year).
 */
@Injectable()
export class AssessmentFactsReader {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** The communities the unit served in the year, and every one it was ever registered at. */
  async registrations(unitId: string, year: number): Promise<Pick<UnitYear, 'communityIds' | 'everCommunityIds'>> {
    const { start, end } = yearWindow(year);
    const registrations = group(
      (await this.scan({ categories: [unitRegistration.category] })).filter((e) => (e.data as { unitId?: string }).unitId === unitId),
    );
    const everCommunityIds: string[] = [];
    const communityIds: string[] = [];
    for (const events of registrations.values()) {
      const communityId = String((events[0].data as { communityId: string }).communityId);
      everCommunityIds.push(communityId);
      let from: number | null = null;
      let live = false;
      for (const e of events) {
        const d = e.data as { registeredAt?: string; assignedAt?: string; deregisteredAt?: string };
        if (d.registeredAt ?? d.assignedAt) from = Date.parse((d.registeredAt ?? d.assignedAt)!);
        if (d.deregisteredAt && from !== null && from < end && Date.parse(d.deregisteredAt) >= start) live = true;
        if (d.deregisteredAt) from = null;
      }
      if (from !== null && from < end) live = true;
      if (live) communityIds.push(communityId);
    }
    return { communityIds, everCommunityIds };
  }

  async gather(unitId: string, year: number, served?: Pick<UnitYear, 'communityIds' | 'everCommunityIds'>): Promise<UnitYear> {
    const { start, end } = yearWindow(year);
    const inYear = (instant: string) => Date.parse(instant) >= start && Date.parse(instant) < end;
    const { communityIds, everCommunityIds } = served ?? (await this.registrations(unitId, year));

    let meetingsHeld = 0;
    let meetingsAttended = 0;
    for (const communityId of communityIds) {
      for (const events of group(await this.scan({ communityId, categories: [meeting.category] })).values()) {
        const m = fold(meeting.decider, events.map((e) => ({ type: e.type, data: e.data }) as meeting.MeetingEvent));
        if (m.status !== 'closed' || !inYear(m.scheduledAt)) continue;
        meetingsHeld += 1;
        if (m.attendees.some((a) => a.unitId === unitId)) meetingsAttended += 1;
      }
    }

    const done = new Set<string>();
    for (const e of await this.scan({ categories: [task.category], eventTypes: ['TaskVerified', 'TaskReopenedForRework'] })) {
      const d = e.data as { taskId: string; responsible?: { unitId: string | null }; verifiedAt?: string };
      if (e.type === 'TaskVerified' && d.responsible?.unitId === unitId && inYear(d.verifiedAt!)) done.add(d.taskId);
      if (e.type === 'TaskReopenedForRework') done.delete(d.taskId);
    }

    const evaluations: assessment.EvaluationInput[] = [];
    for (const e of await this.scan({ categories: [evaluationRound.category], eventTypes: ['EvaluationRoundClosed'] })) {
      const d = e.data as evaluationRound.EvaluationRoundClosed['data'];
      const ofYear = d.period.kind === 'year' ? d.period.year === year : inYear(d.period.until);
      const result = d.results.find((r) => r.direction === 'community_to_unit' && r.subject.kind === 'unit' && r.subject.id === unitId);
      if (ofYear && result) evaluations.push({ roundId: d.roundId, counts: { ...result.counts } });
    }

    return {
      communityIds,
      everCommunityIds,
      facts: { registered: communityIds.length > 0, meetingsHeld, meetingsAttended, tasksDone: done.size },
      evaluations,
    };
  }

  private async scan(filter: LogFilter): Promise<RecordedEvent[]> {
    const out: RecordedEvent[] = [];
    for (let after = 0; ; ) {
      const page = await this.store.readAll({ after, maxCount: PAGE, filter });
      out.push(...page);
      if (page.length < PAGE) return out;
      after = page[page.length - 1].position;
    }
  }
}

function group(events: RecordedEvent[]): Map<string, RecordedEvent[]> {
  const by = new Map<string, RecordedEvent[]>();
  for (const e of events) by.set(e.streamId, [...(by.get(e.streamId) ?? []), e]);
  return by;
}
