import type { EventStore, LogFilter, RecordedEvent } from '@cobuild/event-store';

/** The global log page by page, as stored (no upcasting): constant memory over any length. */
export async function* logPages(
  store: Pick<EventStore, 'readAll'>,
  options: { after?: number; until?: number; filter?: LogFilter; pageSize?: number } = {},
): AsyncGenerator<RecordedEvent[]> {
  let after = options.after ?? 0;
  const until = options.until ?? Number.MAX_SAFE_INTEGER;
  for (;;) {
    const page = await store.readAll({ after, maxCount: options.pageSize ?? 2000, filter: options.filter, upcast: false });
    const within = page.filter((e) => e.position <= until);
    if (within.length > 0) yield within;
    if (page.length === 0 || within.length < page.length) return;
    after = page[page.length - 1].position;
  }
}
