import type { EventStore, LogFilter, RecordedEvent } from '@cobuild/event-store';

/**
 * The global log page by page, as stored (no upcasting), in constant memory over any length. The
 * next page is already being read while the caller works on the current one.
 */
export async function* logPages(
  store: Pick<EventStore, 'readAll'>,
  options: { after?: number; until?: number; filter?: LogFilter; pageSize?: number } = {},
): AsyncGenerator<RecordedEvent[]> {
  const until = options.until ?? Number.MAX_SAFE_INTEGER;
  const pageSize = options.pageSize ?? 2000;
  const read = (after: number) => store.readAll({ after, maxCount: pageSize, filter: options.filter, upcast: false });
  let next = read(options.after ?? 0);
  for (;;) {
    const page = await next;
    const within = page.filter((e) => e.position <= until);
    const more = page.length === pageSize && within.length === page.length;
    if (more) next = read(page[page.length - 1].position);
    if (within.length > 0) yield within;
    if (!more) return;
  }
}
