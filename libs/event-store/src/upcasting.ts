import type { JsonObject, ProjectionEvent } from './event-store.port';

/**
 * Upcasters turn an old event schema into the next one on read; stored events are never rewritten.
 * Register one per (type, fromVersion); they chain until no upcaster applies.
 */
export interface Upcaster {
  type: string;
  fromVersion: number;
  /** `event`: the event being read (a full RecordedEvent from readAll/readStream, a ProjectionEvent for the projector) */
  upcast(data: JsonObject, event: Readonly<ProjectionEvent>): JsonObject;
}

export class UpcasterRegistry {
  private readonly byKey = new Map<string, Upcaster>();

  constructor(upcasters: readonly Upcaster[] = []) {
    for (const u of upcasters) this.register(u);
  }

  register(u: Upcaster): this {
    const key = `${u.type}@${u.fromVersion}`;
    if (this.byKey.has(key)) throw new Error(`Two upcasters for ${key}`);
    this.byKey.set(key, u);
    return this;
  }

  apply<E extends ProjectionEvent>(event: E): E {
    let current = event;
    for (let guard = 0; guard < 1000; guard++) {
      const u = this.byKey.get(`${current.type}@${current.schemaVersion}`);
      if (!u) return current;
      current = { ...current, data: u.upcast(current.data, current), schemaVersion: current.schemaVersion + 1 };
    }
    throw new Error(`Upcaster loop for ${event.type}`);
  }
}
