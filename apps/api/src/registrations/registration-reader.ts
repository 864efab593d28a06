import { Inject, Injectable } from '@nestjs/common';
import { fold, member, notFound, pairing, unitRegistration } from '@cobuild/domain';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@cobuild/event-store';
import { CommunityDirectory, type CommunityPlace } from '../commands/community-directory';

const PAGE = 1000;

/** A member as the GET endpoint shows it: the folded state plus the phone and the feedback sent. */
export type MemberView = Exclude<member.MemberState, { status: 'none' }> & {
  phone: string | null;
  feedback: Array<{ feedbackId: string; homeUnitId: string; period: string; text: string; taskIds: string[]; sentAt: string }>;
};

/**
 * Current state of unit registrations, members and pairing agreements, folded from their streams,
 * and the cross-aggregate context their commands need (a unit's active registrations).
 */
@Injectable()
export class RegistrationReader {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly directory: CommunityDirectory,
  ) {}

  private async fold<S>(decider: { evolve(s: S, e: never): S; initialState(): S }, streamId: string): Promise<{ state: S; revision: number; events: RecordedEvent[] }> {
    const events = await this.store.readStream(streamId);
    const state = fold(decider as never, events.map((e) => ({ type: e.type, data: e.data }) as never)) as S;
    return { state, revision: events.length - 1, events };
  }

  unitRegistration(unitId: string, communityId: string) {
    return this.fold<unitRegistration.UnitRegistrationState>(unitRegistration.decider, unitRegistration.streamNameFor(unitId, communityId));
  }

  pairing(pairingId: string) {
    return this.fold<pairing.PairingState>(pairing.decider, pairing.streamName(pairingId));
  }

  async member(memberId: string): Promise<{ view: MemberView | null; revision: number }> {
    const { state, revision, events } = await this.fold<member.MemberState>(member.decider, member.streamName(memberId));
    if (state.status === 'none') return { view: null, revision };
    let phone: string | null = null;
    const feedback: MemberView['feedback'] = [];
    for (const e of events) {
      if (e.type === 'MemberRegistered') phone = (e.data as member.MemberRegistered['data']).phone;
      if (e.type === 'MemberFeedbackSent') {
        const d = e.data as member.MemberFeedbackSent['data'];
        feedback.push({ feedbackId: d.feedbackId, homeUnitId: d.homeUnitId, period: d.period, text: d.text, taskIds: d.taskIds, sentAt: d.sentAt });
      }
    }
    return { view: { ...state, phone, feedback }, revision };
  }

  /**
   * Where a member lives now, as a scope target. The command handler authorises against the
   * community of a stream's first event; a member who left and registered elsewhere lives in
   * another one now, so member commands name the current one explicitly.
   */
  async memberPlace(memberId: string): Promise<CommunityPlace | Record<string, never>> {
    const { state } = await this.fold<member.MemberState>(member.decider, member.streamName(memberId));
    return state.status === 'none' ? {} : this.directory.place(state.communityId);
  }

  /**
   * The communities where a unit holds an active registration (context for RegisterUnit).
   * Pages the unitRegistration category and folds the unit's streams: exact, but it reads the
   * whole category — a registrations projection should answer this once one exists.
   */
  async activeCommunitiesOf(unitId: string): Promise<string[]> {
    const byStream = new Map<string, unitRegistration.UnitRegistrationEvent[]>();
    for (let after = 0; ; ) {
      const page = await this.store.readAll({ after, maxCount: PAGE, filter: { categories: [unitRegistration.category] } });
      for (const e of page) {
        if ((e.data as { unitId?: unknown }).unitId !== unitId) continue;
        const list = byStream.get(e.streamId) ?? [];
        list.push({ type: e.type, data: e.data } as unitRegistration.UnitRegistrationEvent);
        byStream.set(e.streamId, list);
      }
      if (page.length < PAGE) break;
      after = page[page.length - 1].position;
    }
    const communities: string[] = [];
    for (const events of byStream.values()) {
      const s = fold(unitRegistration.decider, events);
      if (s.status === 'registered') communities.push(s.communityId);
    }
    return communities.sort();
  }

  /** A member's home unit must be a unit that has reported somewhere (双报到). */
  async requireKnownUnit(unitId: string, field: string): Promise<void> {
    if ((await this.activeCommunitiesOf(unitId)).length === 0) {
      throw notFound('MEMBER.HOME_UNIT_NOT_REGISTERED', `unit ${unitId} is not registered at any community`, { field });
    }
  }
}
