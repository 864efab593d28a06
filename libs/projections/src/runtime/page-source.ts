import { categoryOf, type ProjectionEvent } from '@cobuild/event-store';

/** a page of the log as the generations apply it: events[0, to) and the position it takes them to */
export interface Page {
  events: ProjectionEvent[];
  to: number;
  upTo: number;
  /** the indexes (< to, ascending) of the events in these categories: found once per page, not per generation and event */
  select(categories: readonly string[]): ArrayLike<number>;
}

/** full pages read ahead and not applied in their round, for the next one */
export type ReadAhead = Map<number, Promise<Page>>;

/**
 * The pages of one round of the projector, by the position they start after. Generations at the
 * same checkpoint share a page (read once, its categories found once); a full page reads the next
 * one while it is being applied. Pages, unfiltered: the projections pick their categories in
 * memory (a category filter over most of the log makes PostgreSQL collect every later row of
 * those categories for each page: rebuilds went quadratic).
 */
export class PageSource {
  private readonly pages = new Map<number, Promise<Page>>();
  private read = 0;
  /** the furthest position a generation asked for a page after */
  private furthest = -1;
  /** the page whose end the read-ahead waits for, to read the one after it (-1: none) */
  private extending = -1;

  constructor(
    private readonly readLog: (after: number, maxCount: number) => Promise<ProjectionEvent[]>,
    private readonly size: number,
    /** the head when the round started: a short page takes its generations there */
    private readonly head: number,
    ahead: ReadAhead | null,
    /** full pages read ahead of the furthest generation's */
    private readonly depth = 1,
  ) {
    // only full pages carry over: a short one may predate events committed since
    for (const [after, page] of ahead ?? []) this.pages.set(after, page);
  }

  /** the page after this position */
  after(position: number): Promise<Page> {
    let page = this.pages.get(position);
    if (!page) {
      page = this.load(position);
      this.pages.set(position, page);
    }
    this.furthest = Math.max(this.furthest, position);
    // read the next pages while this one is applied (`depth` pages ahead of the furthest generation, no more)
    this.readAhead();
    return page;
  }

  /** extends the pages being read from the last one, while fewer than `depth` lie ahead of the furthest generation */
  private readAhead(): void {
    let ahead = 0;
    let last = -1;
    for (const after of this.pages.keys()) {
      if (after > this.furthest) ahead++;
      if (after > last) last = after;
    }
    if (ahead >= this.depth || last < 0 || this.extending === last) return;
    this.extending = last;
    this.pages.get(last)!.then(
      (q) => {
        if (this.extending === last) this.extending = -1;
        // only a full page has a next one to read now (a short one reached the head)
        if (q.events.length !== this.size || this.pages.has(q.upTo)) return;
        this.pages.set(q.upTo, this.load(q.upTo));
        this.readAhead();
      },
      () => undefined,
    );
  }

  /** forgets the pages every generation still running has passed */
  release(minPosition: number): void {
    for (const after of this.pages.keys()) if (after < minPosition) this.pages.delete(after);
  }

  /** events read from the log this round */
  get eventsRead(): number {
    return this.read;
  }

  /** the full pages from the lowest of these positions (where the generations stopped) on, for the next round */
  async leftOver(positions: number[]): Promise<ReadAhead> {
    const kept: ReadAhead = new Map();
    const lowest = Math.min(...positions);
    for (const [at, page] of this.pages) {
      if (at < lowest) continue;
      if (await page.then((p) => p.events.length === this.size, () => false)) kept.set(at, page);
    }
    return kept;
  }

  private load(after: number): Promise<Page> {
    const page = this.readLog(after, this.size).then((events): Page => {
      this.read += events.length;
      const full = events.length === this.size;
      const upTo = full ? events[events.length - 1].position : this.head;
      let to = events.length;
      // a short page read after the round started may hold events past the head: they wait for the next round
      while (to > 0 && events[to - 1].position > upTo) to--;
      return selectable(events, to, upTo);
    });
    page.catch(() => undefined); // a page read ahead that nobody asks for must not go unhandled
    return page;
  }
}

function selectable(events: ProjectionEvent[], to: number, upTo: number): Page {
  // each event's category as a small number (categories in order of first appearance)
  const ids = new Map<string, number>();
  const categoryOfEvent = new Uint16Array(to);
  for (let i = 0; i < to; i++) {
    const c = categoryOf(events[i].streamId);
    let id = ids.get(c);
    if (id === undefined) ids.set(c, (id = ids.size));
    categoryOfEvent[i] = id;
  }
  const selected = new Map<readonly string[], ArrayLike<number>>();
  return {
    events,
    to,
    upTo,
    select(categories) {
      let found = selected.get(categories);
      if (!found) {
        const wanted = new Uint8Array(ids.size);
        for (const c of categories) {
          const id = ids.get(c);
          if (id !== undefined) wanted[id] = 1;
        }
        const indexes = new Int32Array(to);
        let n = 0;
        for (let i = 0; i < to; i++) if (wanted[categoryOfEvent[i]] === 1) indexes[n++] = i;
        found = indexes.subarray(0, n);
        selected.set(categories, found);
      }
      return found;
    },
  };
}

/** at most n of these at a time (transactions on the pool the API shares) */
export class Slots {
  private free: number;
  private readonly waiting: Array<() => void> = [];

  constructor(n: number) {
    this.free = Math.max(1, n);
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await fn();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    }
  }
}
