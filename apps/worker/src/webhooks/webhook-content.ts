import { community, evaluationRound, fold, notice, street, unitRegistration } from '@cobuild/domain';
import type { EventStore } from '@cobuild/event-store';
import { asOf, needsListProjection, queryDocuments, resourcesListProjection, tasksListProjection, type DocumentProjection } from '@cobuild/projections';
import { noticeWebhookBody, superiorReportBody } from '../../../../libs/jobs/src/notices/notice-content';

/** Reads from the log what a webhook body is built from (the pure builders are in libs/jobs/src/notices). */
export class WebhookContent {
  constructor(private readonly store: EventStore) {}

  async districtOfCommunity(communityId: string): Promise<string | null> {
    const [first] = await this.store.readStream(community.streamName(communityId), { maxCount: 1 });
    return first?.type === 'CommunityRegistered' ? String(first.data.districtId) : null;
  }

  async districtOfStreet(streetId: string): Promise<string | null> {
    const [first] = await this.store.readStream(street.streamName(streetId), { maxCount: 1 });
    return first?.type === 'StreetRegistered' ? String(first.data.districtId) : null;
  }

  /** the notice's body, or null when no such notice was published */
  async notice(noticeId: string): Promise<{ body: Record<string, unknown>; published: notice.NoticePublished['data'] } | null> {
    const [first] = await this.store.readStream(notice.streamName(noticeId), { maxCount: 1 });
    if (!first || first.type !== 'NoticePublished') return null;
    const published = first.data as notice.NoticePublished['data'];
    const position = Number(published.logPosition);
    const lists = {
      needs: await this.list(needsListProjection, published.communityId, position),
      resources: await this.list(resourcesListProjection, published.communityId, position),
      tasks: await this.list(tasksListProjection, published.communityId, position),
    };
    return { body: noticeWebhookBody(published, lists), published };
  }

  /** one unit's results of a closed round and its superior department, or null when the round is not closed or the unit unknown */
  async superiorReport(roundId: string, unitId: string): Promise<{ body: Record<string, unknown>; department: string } | null> {
    const events = await this.store.readStream(evaluationRound.streamName(roundId));
    const closed = events.find((e) => e.type === 'EvaluationRoundClosed');
    if (!closed) return null;
    const data = closed.data as evaluationRound.EvaluationRoundClosed['data'];
    const details = await this.unitDetails(unitId, data.communityId);
    if (!details) return null;
    const body = superiorReportBody(data, { unitId, unitName: details.unitName, superiorDepartment: details.superiorDepartment, communityId: details.communityId });
    return { body, department: details.superiorDepartment };
  }

  /** the unit's registration at the round's community, or (street rounds) its first registration anywhere */
  private async unitDetails(unitId: string, communityId: string | null) {
    const fromStream = async (streamId: string) => {
      const state = fold(unitRegistration.decider, (await this.store.readStream(streamId)).map((e) => ({ type: e.type, data: e.data }) as unitRegistration.UnitRegistrationEvent));
      return 'unitName' in state ? (state as unknown as { unitName: string; superiorDepartment: string; communityId: string }) : null;
    };
    if (communityId) return fromStream(unitRegistration.streamNameFor(unitId, communityId));
    for (let after = 0; ; ) {
      const page = await this.store.readAll({ after, maxCount: 1000, filter: { categories: [unitRegistration.category], eventTypes: ['UnitRegistered', 'UnitAssignedToCommunity'] } });
      const hit = page.find((e) => e.data.unitId === unitId);
      if (hit) return fromStream(hit.streamId);
      if (page.length < 1000) return null;
      after = page[page.length - 1].position;
    }
  }

  private async list<D>(projection: DocumentProjection<D>, communityId: string, position: number): Promise<D[]> {
    return queryDocuments(await asOf(this.store, projection, communityId, position), { communityId, limit: Number.MAX_SAFE_INTEGER }).items;
  }
}
