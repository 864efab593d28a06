import type { ProjectionEvent } from '@cobuild/event-store';
import { PageSource } from './page-source';

/** a log of `n` events at positions 1..n, streams cycling through need-, task- and pledge- */
function log(n: number): ProjectionEvent[] {
  const kinds = ['need', 'task', 'pledge'];
  return Array.from({ length: n }, (_, i) => ({
    id: `e${i + 1}`,
    type: 'Happened',
    schemaVersion: 1,
    streamId: `${kinds[i % 3]}-${i % 7}`,
    position: i + 1,
    data: {},
    metadata: { occurredAt: '2026-01-01T00:00:00.000Z' },
  }));
}

function reader(events: ProjectionEvent[]) {
  const reads: number[] = [];
  const read = async (after: number, maxCount: number) => {
    reads.push(after);
    return events.filter((e) => e.position > after).slice(0, maxCount);
  };
  return { read, reads };
}

const flush = () => new Promise((r) => setImmediate(r));

describe('PageSource', () => {
  it('hands each read model the indexes of its categories, in log order, below the page end', async () => {
    const { read } = reader(log(10));
    const page = await new PageSource(read, 4, 10, null).after(0);
    expect(page.upTo).toBe(4);
    expect(Array.from(page.select(['need']))).toEqual([0, 3]);
    expect(Array.from(page.select(['pledge', 'need']))).toEqual([0, 2, 3]);
    expect(Array.from(page.select(['evaluation']))).toEqual([]);
    const categories = ['task'] as const;
    expect(page.select(categories)).toBe(page.select(categories)); // found once per page
  });

  it('leaves out events past the head of the round on a short page', async () => {
    const events = log(6);
    const { read } = reader(events);
    // the round started at head 5; event 6 was committed since
    const page = await new PageSource(read, 10, 5, null).after(0);
    expect(page.to).toBe(5);
    expect(page.upTo).toBe(5);
    expect(Array.from(page.select(['need', 'task', 'pledge']))).toEqual([0, 1, 2, 3, 4]);
  });

  it('reads up to `depth` full pages ahead of the furthest generation, no more', async () => {
    const { read, reads } = reader(log(100));
    const pages = new PageSource(read, 10, 100, null, 3);
    await pages.after(0);
    for (let i = 0; i < 5; i++) await flush();
    expect(reads).toEqual([0, 10, 20, 30]);
    await pages.after(10);
    for (let i = 0; i < 5; i++) await flush();
    expect(reads).toEqual([0, 10, 20, 30, 40]);
  });

  it('carries the full pages from the lowest generation on over to the next round, and reads none twice', async () => {
    const { read, reads } = reader(log(100));
    const first = new PageSource(read, 10, 100, null, 2);
    await first.after(0);
    await first.after(10);
    for (let i = 0; i < 5; i++) await flush();
    first.release(20);
    const kept = await first.leftOver([20, 20]);
    expect([...kept.keys()].sort((a, b) => a - b)).toEqual([20, 30]);
    const second = new PageSource(read, 10, 100, kept, 2);
    const page = await second.after(20);
    expect(page.events[0].position).toBe(21);
    expect(reads.filter((x) => x === 20)).toHaveLength(1);
  });

  it('does not carry a short page over (events may have been committed after it was read)', async () => {
    const { read } = reader(log(15));
    const pages = new PageSource(read, 10, 15, null, 2);
    await pages.after(0);
    const short = await pages.after(10);
    expect(short.events).toHaveLength(5);
    const kept = await pages.leftOver([15]);
    expect(kept.size).toBe(0);
  });
});
