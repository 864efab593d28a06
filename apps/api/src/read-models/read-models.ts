import { Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import {
  positionAt,
  ReadStore,
  scorecardAsOf,
  scorecardsProjection,
  scorecardSources,
  type DocumentProjection,
  type ListPage,
  type ListQuery,
  type ScorecardsDocument,
  type ScorecardView,
  type SubjectKind,
} from '@cobuild/projections';
import { EVENT_STORE, type EventStore } from '@cobuild/event-store';
import { badQuery } from './read-moment';

/**
 * Queries over the read models: live (from the projector's tables, after waiting for
 * `minPosition` so a caller reads its own writes); a scorecard also as of a log position or an
 * instant (folded from the log). The lists as of a moment are `listsAsOf` (@cobuild/audit).
 */
@Injectable()
export class ReadModels {
  constructor(
    @Inject(ReadStore) private readonly read: ReadStore | null,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  private get tables(): ReadStore {
    if (!this.read) throw new ServiceUnavailableException({ code: 'READ.UNAVAILABLE', detail: 'Read models need a SQL event store (embedded or PostgreSQL)' });
    return this.read;
  }

  /** waits (up to `timeoutMs`) until the projection has applied the log up to `minPosition` */
  async waitFor(projection: DocumentProjection<any>, minPosition: number | undefined, timeoutMs = 5000): Promise<number> {
    const start = Date.now();
    if (minPosition !== undefined && minPosition > 0) {
      // a position the log has not reached names no write of the caller: waiting for it can only time out
      const head = await this.store.headPosition();
      if (minPosition > head)
        throw badQuery('minPosition', 'max', `minPosition must not be past the log's head (${head}): pass the position a command answered`);
    }
    for (;;) {
      const position = await this.position(projection);
      if (minPosition === undefined || position >= minPosition) return position;
      if (Date.now() - start > timeoutMs)
        throw new ServiceUnavailableException({ code: 'READ.NOT_YET_PROJECTED', detail: `The read model is at position ${position}, not yet ${minPosition}; try again` });
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  async position(projection: DocumentProjection<any>): Promise<number> {
    const active = await this.tables.active(projection.name);
    const cp = (await this.tables.checkpoints()).find((c) => c.projection === projection.name && c.generation === active);
    return cp?.position ?? 0;
  }

  async list<D>(projection: DocumentProjection<D>, q: ListQuery, minPosition?: number): Promise<ListPage<D> & { position: number }> {
    const position = await this.waitFor(projection, minPosition);
    return { ...(await this.tables.list(projection, q)), position };
  }

  async get<D>(projection: DocumentProjection<D>, key: string, minPosition?: number): Promise<D | null> {
    await this.waitFor(projection, minPosition);
    return this.tables.get(projection, key);
  }

  async getMany<D>(projection: DocumentProjection<D>, keys: string[]): Promise<Map<string, D>> {
    return this.tables.getMany(projection, keys);
  }

  /**
   * a unit's or member's scorecard as it stood at a position or an instant, folded from the log
   * (the live read model, once it has reached that position, says which communities and streams to read)
   */
  async scorecardAsOf(kind: SubjectKind, id: string, year: number, at: { position?: number; time?: Date }): Promise<{ card: ScorecardView | null; position: number }> {
    const position = at.position ?? (at.time ? await positionAt(this.store, at.time) : await this.store.headPosition());
    await this.waitFor(scorecardsProjection, position);
    const sources = await scorecardSources((keys) => this.getMany<ScorecardsDocument>(scorecardsProjection, keys), kind, id, year);
    return { card: await scorecardAsOf(this.store, sources, kind, id, year, position), position };
  }
}
