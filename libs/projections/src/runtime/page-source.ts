import { categoryOf, type ProjectionEvent } from '@cobuild/event-store';

/** a page of the log as the generations apply it: events[0, to), each event's category, and the position it takes them to */
export interface Page {
  events: ProjectionEvent[];
  categories: string[];
  to: number;
  upTo: number;
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

  constructor(
    private readonly readLog: (after: number, maxCount: number) => Promise<ProjectionEvent[]>,
    private readonly size: number,
    /** the head when the round started: a short page takes its generations there */
    private readonly head: number,
    ahead: ReadAhead | null,
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
    // read the next page while this one is applied (one page ahead of the furthest generation, no more)
    return page.then((p) => {
      if (p.events.length === this.size && !this.pages.has(p.upTo)) this.pages.set(p.upTo, this.load(p.upTo));
      return p;
    });
  }

  /** forgets the pages every generation still running has passed */
  release(minPosition: number): void {
    for (const after of this.pages.keys()) if (after < minPosition) this.pages.delete(after);
  }

  /** events read from the log this round */
  get eventsRead(): number {
    return this.read;
  }

  /** the full pages at these positions (where the generations stopped), for the next round */
  async leftOver(positions: number[]): Promise<ReadAhead> {
    const kept: ReadAhead = new Map();
    for (const at of new Set(positions)) {
      const page = this.pages.get(at);
      if (page && (await page.then((p) => p.events.length === this.size, () => false))) kept.set(at, page);
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
      return { events, categories: events.map((e) => categoryOf(e.streamId)), to, upTo };
    });
    page.catch(() => undefined); // a page read ahead that nobody asks for must not go unhandled
    return page;
  }
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
