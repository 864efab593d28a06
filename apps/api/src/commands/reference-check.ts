import { Inject, Injectable } from '@nestjs/common';
import { DomainError, evaluationRound, fold, meeting, member, pledge, references, task, unitRegistration } from '@cobuild/domain';
import { EVENT_STORE, StreamStateCache, type EventStore, type Folder } from '@cobuild/event-store';
import { CommunityDirectory } from './community-directory';

type Place = references.Place;
const PAGE = 1000;

/**
 * The command path's reference check (see libs/domain/src/references): for each thing a command
 * names, load where it is from its own streams — never from a read model or a cache that could be
 * behind (the folded-state cache is not: it reads each stream's tail, checked by hash) — and refuse the command with the rule's code when it lies outside the command's scope.
 * Called by the CommandGateway after the scope check and before the decider, so nothing is appended.
 */
@Injectable()
export class ReferenceCheck {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly directory: CommunityDirectory,
    private readonly states: StreamStateCache,
  ) {}

  async check(command: { type: string; data: unknown }, scope: references.ReferenceScope): Promise<void> {
    for (const reference of references.referencesOf(command)) {
      const refusal = references.refusalOf(reference, scope, await this.placesOf(reference, scope));
      if (refusal) throw refusal;
    }
  }

  private async placesOf(reference: references.Reference, scope: references.ReferenceScope): Promise<Place[] | null> {
    const { id } = reference;
    switch (reference.kind) {
      case 'unit':
        return this.unitPlaces(id, scope);
      case 'member': {
        const s = await this.folded(member.decider, member.streamName(id));
        return s.status === 'registered' ? [await this.communityPlace(s.communityId)] : null;
      }
      case 'community':
        return this.existing(() => this.directory.place(id)).then((p) => (p ? [p] : null));
      case 'street':
        // a street is in a scope when it is the street of the scope's community (or the scope's street)
        return [{ communityId: null, streetId: id }];
      case 'pledge': {
        const s = await this.folded(pledge.decider, pledge.streamName(id));
        return s.status === 'none' ? null : [await this.communityPlace(s.communityId)];
      }
      case 'task': {
        const s = await this.folded(task.decider, task.streamName(id));
        return s.status === 'none' ? null : [await this.communityPlace(s.communityId)];
      }
      case 'meeting': {
        const s = await this.folded(meeting.decider, meeting.streamName(id));
        if (s.status === 'none') return null;
        return s.communityId !== null ? [await this.communityPlace(s.communityId)] : [{ communityId: null, streetId: s.streetId }];
      }
      case 'round': {
        const s = await this.folded(evaluationRound.decider, evaluationRound.streamName(id));
        if (s.status === 'none') return null;
        return s.scope.level === 'community' ? [await this.communityPlace(s.scope.id)] : [{ communityId: null, streetId: s.scope.id }];
      }
      default:
        return null;
    }
  }

  /** Where a unit is registered (双报到): at the scope's community, or (street/district scope) anywhere. */
  private async unitPlaces(unitId: string, scope: references.ReferenceScope): Promise<Place[] | null> {
    if (scope.communityId) {
      const s = await this.folded(unitRegistration.decider, unitRegistration.streamNameFor(unitId, scope.communityId));
      return s.status === 'registered' ? [await this.communityPlace(s.communityId)] : null;
    }
    const byStream = new Map<string, unitRegistration.UnitRegistrationEvent[]>();
    for (let after = 0; ; ) {
      const page = await this.store.readAll({ after, maxCount: PAGE, filter: { categories: [unitRegistration.category] } });
      for (const e of page) {
        if ((e.data as { unitId?: unknown }).unitId !== unitId) continue;
        byStream.set(e.streamId, [...(byStream.get(e.streamId) ?? []), { type: e.type, data: e.data } as unitRegistration.UnitRegistrationEvent]);
      }
      if (page.length < PAGE) break;
      after = page[page.length - 1].position;
    }
    const places: Place[] = [];
    for (const events of byStream.values()) {
      const s = fold(unitRegistration.decider, events);
      if (s.status === 'registered') places.push(await this.communityPlace(s.communityId));
    }
    return places.length > 0 ? places : null;
  }

  private async communityPlace(communityId: string | null): Promise<Place> {
    if (communityId === null) return { communityId: null, streetId: null };
    return (await this.existing(() => this.directory.place(communityId))) ?? { communityId, streetId: null };
  }

  private async existing<T>(read: () => Promise<T>): Promise<T | null> {
    try {
      return await read();
    } catch (e) {
      if (e instanceof DomainError && e.kind === 'not_found') return null;
      throw e;
    }
  }

  private async folded<S>(decider: Folder<S>, streamId: string): Promise<S> {
    return (await this.states.load(this.store, decider, streamId)).state;
  }
}
