import {
  chainHash,
  ConcurrencyError,
  contentDigest,
  DuplicateEventIdError,
  InvalidAppendError,
  type EventStore,
  type RecordedEvent,
  type StreamAppend,
} from '../src';
import { newEvent, uniqueStream } from './fixtures';
import type { ContractTarget } from './event-store.contract';

/** what a refusal must leave untouched: every stream's events, and the log's head */
async function snapshot(store: EventStore, streams: string[]) {
  return {
    head: await store.headPosition(),
    streams: await Promise.all(streams.map(async (s) => (await store.readStream(s)).map((e) => e.id))),
  };
}

function expectChained(events: RecordedEvent[]) {
  let prev: string | null = null;
  events.forEach((e, i) => {
    expect(e.revision).toBe(i);
    expect(e.prevHash).toBe(prev);
    expect(e.hash).toBe(chainHash(prev, e.streamId, e.revision, contentDigest(e)));
    prev = e.hash;
  });
}

/** `appendToStreams`: several streams, all or nothing. Part of the one contract every adapter meets. */
export function multiStreamAppendContract(target: ContractTarget): void {
  describe(`multi-stream append (all or nothing): ${target.name}`, () => {
    let store: EventStore;
    beforeAll(async () => {
      store = await target.create();
    });
    afterAll(async () => {
      await store?.close();
    });

    it('writes every stream at once: consecutive positions in the order given, each stream chained from its head', async () => {
      const [a, b, c] = [uniqueStream('pledge'), uniqueStream('need'), uniqueStream('task')];
      await store.append(a, [newEvent(), newEvent()], { expectedRevision: 'no_stream' });
      await store.append(b, [newEvent()], { expectedRevision: 'no_stream' });
      const r = await store.appendToStreams([
        { streamId: a, events: [newEvent(), newEvent()], expectedRevision: 1 },
        { streamId: b, events: [newEvent()], expectedRevision: 'stream_exists' },
        { streamId: c, events: [newEvent(), newEvent(), newEvent()], expectedRevision: 'no_stream' },
      ]);
      expect(r.idempotent).toBe(false);
      expect(r.streams.map((s) => [s.streamId, s.nextRevision])).toEqual([
        [a, 3],
        [b, 1],
        [c, 2],
      ]);
      const positions = r.streams.flatMap((s) => s.positions);
      expect(positions).toHaveLength(6);
      positions.forEach((p, i) => expect(p).toBe(positions[0] + i));
      expect(r.position).toBe(positions[5]);
      for (const s of [a, b, c]) expectChained(await store.readStream(s));
      const page = await store.readAll({ after: positions[0] - 1, maxCount: 6 });
      expect(page.map((e) => e.streamId)).toEqual([a, a, b, c, c, c]);
    });

    it('refuses all of it when one stream is not at its expected revision: no stream changes, the head stays', async () => {
      const [a, b, c] = [uniqueStream('pledge'), uniqueStream('pledge'), uniqueStream('task')];
      await store.append(a, [newEvent()], { expectedRevision: 'no_stream' });
      await store.append(b, [newEvent(), newEvent()], { expectedRevision: 'no_stream' });
      const before = await snapshot(store, [a, b, c]);
      const err = await store
        .appendToStreams([
          { streamId: a, events: [newEvent()], expectedRevision: 0 },
          { streamId: b, events: [newEvent()], expectedRevision: 0 },
          { streamId: c, events: [newEvent()], expectedRevision: 'no_stream' },
        ])
        .catch((e) => e);
      expect(err).toBeInstanceOf(ConcurrencyError);
      expect(err).toMatchObject({ streamId: b, expected: 0, actual: 1 });
      expect(await snapshot(store, [a, b, c])).toEqual(before);
      expect(await store.streamExists(c)).toBe(false);
    });

    it('answers a retry of the same ids with the originals, writing nothing; refuses when only some ids are recorded', async () => {
      const [a, b] = [uniqueStream('pledge'), uniqueStream('task')];
      const appends: StreamAppend[] = [
        { streamId: a, events: [newEvent(), newEvent()], expectedRevision: 'no_stream' },
        { streamId: b, events: [newEvent()], expectedRevision: 'no_stream' },
      ];
      const first = await store.appendToStreams(appends);
      await store.append(a, [newEvent()], { expectedRevision: 1 });
      const retry = await store.appendToStreams(appends);
      expect(retry).toEqual({ ...first, idempotent: true });
      const before = await snapshot(store, [a, b]);
      const partial = await store
        .appendToStreams([
          { streamId: a, events: [appends[0].events[0], newEvent()], expectedRevision: 'any' },
          { streamId: b, events: [newEvent()], expectedRevision: 'any' },
        ])
        .catch((e) => e);
      expect(partial).toBeInstanceOf(DuplicateEventIdError);
      expect(await snapshot(store, [a, b])).toEqual(before);
    });

    it('refuses an id recorded in another stream, writing nothing', async () => {
      const used = newEvent();
      await store.append(uniqueStream(), [used], { expectedRevision: 'no_stream' });
      const [a, b] = [uniqueStream('pledge'), uniqueStream('task')];
      const head = await store.headPosition();
      await expect(
        store.appendToStreams([
          { streamId: a, events: [newEvent()], expectedRevision: 'no_stream' },
          { streamId: b, events: [used], expectedRevision: 'no_stream' },
        ]),
      ).rejects.toBeInstanceOf(DuplicateEventIdError);
      expect(await store.streamExists(a)).toBe(false);
      expect(await store.streamExists(b)).toBe(false);
      expect(await store.headPosition()).toBe(head);
    });

    it('refuses bad input before writing: no stream, a stream twice, an id twice, a bad event', async () => {
      const a = uniqueStream();
      const e = newEvent();
      const head = await store.headPosition();
      for (const bad of [
        [],
        [
          { streamId: a, events: [newEvent()], expectedRevision: 'any' },
          { streamId: a, events: [newEvent()], expectedRevision: 'any' },
        ],
        [
          { streamId: a, events: [e], expectedRevision: 'any' },
          { streamId: uniqueStream(), events: [e], expectedRevision: 'any' },
        ],
        [{ streamId: a, events: [{ ...newEvent(), type: 'bad type' }], expectedRevision: 'any' }],
        [{ streamId: a, events: [], expectedRevision: 'any' }],
      ] as StreamAppend[][])
        await expect(store.appendToStreams(bad)).rejects.toBeInstanceOf(InvalidAppendError);
      expect(await store.streamExists(a)).toBe(false);
      expect(await store.headPosition()).toBe(head);
    });

    it('lets exactly one of many racing writers (multi-stream and single) win a shared stream; losers leave their other streams unwritten', async () => {
      const shared = uniqueStream('pledge');
      await store.append(shared, [newEvent()], { expectedRevision: 'no_stream' });
      const own = Array.from({ length: 8 }, () => uniqueStream('task'));
      const results = await Promise.allSettled([
        ...own.map((s) =>
          store.appendToStreams([
            { streamId: s, events: [newEvent()], expectedRevision: 'no_stream' },
            { streamId: shared, events: [newEvent()], expectedRevision: 0 },
          ]),
        ),
        ...Array.from({ length: 4 }, () => store.append(shared, [newEvent()], { expectedRevision: 0 })),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(ConcurrencyError);
      const sharedEvents = await store.readStream(shared);
      expect(sharedEvents).toHaveLength(2);
      expectChained(sharedEvents);
      const written = (await Promise.all(own.map((s) => store.streamExists(s)))).filter(Boolean).length;
      expect(written).toBe(results.slice(0, own.length).filter((r) => r.status === 'fulfilled').length);
    });

    it('does not deadlock when racing writers name the same streams in opposite orders, and keeps every chain whole', async () => {
      const [a, b] = [uniqueStream('pledge'), uniqueStream('need')];
      const writes = Array.from({ length: 16 }, (_, i) =>
        store.appendToStreams(
          (i % 2 === 0 ? [a, b] : [b, a]).map((streamId) => ({ streamId, events: [newEvent()], expectedRevision: 'any' as const })),
        ),
      );
      const single = Array.from({ length: 8 }, () => store.append(a, [newEvent()], { expectedRevision: 'any' }));
      await Promise.all([...writes, ...single]);
      const [ea, eb] = [await store.readStream(a), await store.readStream(b)];
      expect(ea).toHaveLength(24);
      expect(eb).toHaveLength(16);
      expectChained(ea);
      expectChained(eb);
    });

    it('is delivered to a subscriber once, in order, like any other append', async () => {
      const community = `community-${Math.random().toString(36).slice(2)}`;
      const seen: RecordedEvent[] = [];
      const sub = store.subscribe(async (batch) => void seen.push(...batch), { after: await store.headPosition(), filter: { communityId: community } });
      try {
        const streams = [uniqueStream('pledge'), uniqueStream('task')];
        const r = await store.appendToStreams(
          streams.map((streamId) => ({ streamId, events: [newEvent('X', {}, { communityId: community })], expectedRevision: 'no_stream' as const })),
        );
        const deadline = Date.now() + 15_000;
        while (seen.length < 2 && Date.now() < deadline) await new Promise((res) => setTimeout(res, 10));
        expect(seen.map((e) => e.position)).toEqual(r.streams.flatMap((s) => s.positions));
      } finally {
        await sub.stop();
      }
    });
  });
}
