import { randomUUID } from 'node:crypto';
import {
  chainHash,
  ConcurrencyError,
  contentDigest,
  DuplicateEventIdError,
  EventTooLargeError,
  InvalidAppendError,
  UpcasterRegistry,
  type EventStore,
  type NewEvent,
  type RecordedEvent,
} from '../src';
import { metadata, newEvent, uniqueStream } from './fixtures';
import { multiStreamAppendContract } from './multi-stream-append.contract';

export interface ContractTarget {
  name: string;
  /** a fresh, empty store (its own schema / database); upcasters optional */
  create(options?: { upcasters?: UpcasterRegistry; maxEventBytes?: number }): Promise<EventStore>;
}

/** The one contract every EventStore adapter must meet, run unchanged against each. */
export function eventStoreContract(target: ContractTarget): void {
  multiStreamAppendContract(target);
  describe(`EventStore contract: ${target.name}`, () => {
    let store: EventStore;
    beforeAll(async () => {
      store = await target.create();
    });
    afterAll(async () => {
      await store?.close();
    });

    describe('append with expected revision', () => {
      it('creates a stream with no_stream and returns revisions and increasing positions', async () => {
        const s = uniqueStream();
        const r = await store.append(s, [newEvent(), newEvent(), newEvent()], { expectedRevision: 'no_stream' });
        expect(r.nextRevision).toBe(2);
        expect(r.positions).toHaveLength(3);
        expect(r.positions[0]).toBeLessThan(r.positions[1]);
        expect(r.positions[1]).toBeLessThan(r.positions[2]);
        expect(r.position).toBe(r.positions[2]);
        expect(r.idempotent).toBe(false);
        const again = await store.append(s, [newEvent()], { expectedRevision: 2 });
        expect(again.nextRevision).toBe(3);
        expect(again.position).toBeGreaterThan(r.position);
      });

      it('rejects a wrong exact revision with a ConcurrencyError carrying the actual one, writing nothing', async () => {
        const s = uniqueStream();
        await store.append(s, [newEvent(), newEvent()], { expectedRevision: 'no_stream' });
        const err = await store.append(s, [newEvent()], { expectedRevision: 0 }).catch((e) => e);
        expect(err).toBeInstanceOf(ConcurrencyError);
        expect(err).toMatchObject({ code: 'STORE.CONCURRENCY', streamId: s, expected: 0, actual: 1 });
        expect(await store.readStream(s)).toHaveLength(2);
      });

      it('enforces no_stream, stream_exists and accepts any', async () => {
        const s = uniqueStream();
        await expect(store.append(s, [newEvent()], { expectedRevision: 'stream_exists' })).rejects.toMatchObject({
          code: 'STORE.CONCURRENCY',
          actual: -1,
        });
        expect(await store.streamExists(s)).toBe(false);
        await store.append(s, [newEvent()], { expectedRevision: 'any' });
        await expect(store.append(s, [newEvent()], { expectedRevision: 'no_stream' })).rejects.toBeInstanceOf(
          ConcurrencyError,
        );
        const r = await store.append(s, [newEvent()], { expectedRevision: 'stream_exists' });
        expect(r.nextRevision).toBe(1);
        expect(await store.streamExists(s)).toBe(true);
      });

      it('lets exactly one of many concurrent writers at the same revision win', async () => {
        const s = uniqueStream();
        await store.append(s, [newEvent()], { expectedRevision: 'no_stream' });
        const results = await Promise.allSettled(
          Array.from({ length: 8 }, () => store.append(s, [newEvent()], { expectedRevision: 0 })),
        );
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        for (const r of results.filter((r) => r.status === 'rejected'))
          expect((r as PromiseRejectedResult).reason).toBeInstanceOf(ConcurrencyError);
        expect(await store.readStream(s)).toHaveLength(2);
      });
    });

    describe('idempotent event ids', () => {
      it('treats a retried append of the same ids as a no-op returning the original positions', async () => {
        const s = uniqueStream();
        const events = [newEvent(), newEvent()];
        const first = await store.append(s, events, { expectedRevision: 'no_stream' });
        await store.append(s, [newEvent()], { expectedRevision: 1 });
        const retry = await store.append(s, events, { expectedRevision: 'no_stream' });
        expect(retry).toEqual({ ...first, idempotent: true });
        expect(await store.readStream(s)).toHaveLength(3);
      });

      it('rejects a batch where only some ids exist, writing nothing', async () => {
        const s = uniqueStream();
        const e = newEvent();
        await store.append(s, [e], { expectedRevision: 'no_stream' });
        const err = await store.append(s, [e, newEvent()], { expectedRevision: 'any' }).catch((x) => x);
        expect(err).toBeInstanceOf(DuplicateEventIdError);
        expect(await store.readStream(s)).toHaveLength(1);
      });

      it('rejects an id already used in another stream', async () => {
        const e = newEvent();
        await store.append(uniqueStream(), [e], { expectedRevision: 'no_stream' });
        const other = uniqueStream();
        await expect(store.append(other, [e], { expectedRevision: 'any' })).rejects.toBeInstanceOf(DuplicateEventIdError);
        expect(await store.streamExists(other)).toBe(false);
      });
    });

    describe('reading', () => {
      let s: string;
      let appended: NewEvent[];
      beforeAll(async () => {
        s = uniqueStream('task');
        appended = Array.from({ length: 5 }, (_, i) => newEvent('TaskProgressReported', { n: i }));
        await store.append(s, appended, { expectedRevision: 'no_stream' });
      });

      it('reads a stream forwards and backwards, from a revision, with a max count', async () => {
        expect((await store.readStream(s)).map((e) => e.data.n)).toEqual([0, 1, 2, 3, 4]);
        expect((await store.readStream(s, { direction: 'backwards' })).map((e) => e.revision)).toEqual([4, 3, 2, 1, 0]);
        expect((await store.readStream(s, { fromRevision: 2, maxCount: 2 })).map((e) => e.revision)).toEqual([2, 3]);
        expect(
          (await store.readStream(s, { direction: 'backwards', fromRevision: 3, maxCount: 2 })).map((e) => e.revision),
        ).toEqual([3, 2]);
        expect(await store.readStream(uniqueStream())).toEqual([]);
      });

      it('returns every field and the metadata as written', async () => {
        const [first] = await store.readStream(s, { maxCount: 1 });
        expect(first).toMatchObject({
          id: appended[0].id,
          type: 'TaskProgressReported',
          schemaVersion: 1,
          storedSchemaVersion: 1,
          data: appended[0].data,
          metadata: appended[0].metadata,
          streamId: s,
          revision: 0,
          prevHash: null,
        });
        expect(first.metadata).toEqual(appended[0].metadata);
        expect(Date.parse(first.recordedAt)).not.toBeNaN();
        // ISO-8601 in UTC to the millisecond, as Date#toISOString writes it, and recent
        expect(first.recordedAt).toBe(new Date(first.recordedAt).toISOString());
        expect(Math.abs(Date.now() - Date.parse(first.recordedAt))).toBeLessThan(10 * 60_000);
        expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
      });

      it('chains every event to its predecessor with the documented hash', async () => {
        const events = await store.readStream(s);
        let prev: string | null = null;
        for (const e of events) {
          expect(e.prevHash).toBe(prev);
          expect(e.hash).toBe(chainHash(prev, e.streamId, e.revision, contentDigest(e)));
          prev = e.hash;
        }
      });

      it('keeps one unbroken chain whatever the expected revision of each append', async () => {
        const chained = uniqueStream();
        await store.append(chained, [newEvent(), newEvent()], { expectedRevision: 'no_stream' });
        await store.append(chained, [newEvent()], { expectedRevision: 'any' });
        await store.append(chained, [newEvent()], { expectedRevision: 'stream_exists' });
        await store.readStream(chained);
        await store.append(chained, [newEvent(), newEvent()], { expectedRevision: 3 });
        await store.append(chained, [newEvent()], { expectedRevision: 5 });
        const events = await store.readStream(chained);
        expect(events.map((e) => e.revision)).toEqual([0, 1, 2, 3, 4, 5, 6]);
        let prev: string | null = null;
        for (const e of events) {
          expect(e.prevHash).toBe(prev);
          expect(e.hash).toBe(chainHash(prev, e.streamId, e.revision, contentDigest(e)));
          prev = e.hash;
        }
      });

      it('reads the global log after a position, in order, with filters', async () => {
        const community = `community-${randomUUID()}`;
        const head = (await store.readAll({ maxCount: 100000 })).at(-1)?.position ?? 0;
        const needStream = uniqueStream('need');
        const pledgeStream = uniqueStream('pledge');
        await store.append(needStream, [newEvent('NeedSubmitted', {}, { communityId: community })], {
          expectedRevision: 'any',
        });
        await store.append(pledgeStream, [newEvent('ResourcePledged', {}, { communityId: community })], {
          expectedRevision: 'any',
        });
        await store.append(uniqueStream('need'), [newEvent('NeedSubmitted', {}, { communityId: 'elsewhere' })], {
          expectedRevision: 'any',
        });
        const after = await store.readAll({ after: head });
        expect(after.length).toBeGreaterThanOrEqual(3);
        expect(after.map((e) => e.position)).toEqual([...after.map((e) => e.position)].sort((a, b) => a - b));
        expect(after.every((e) => e.position > head)).toBe(true);
        const mine = await store.readAll({ after: head, filter: { communityId: community } });
        expect(mine.map((e) => e.streamId)).toEqual([needStream, pledgeStream]);
        const needs = await store.readAll({ after: head, filter: { communityId: community, categories: ['need'] } });
        expect(needs.map((e) => e.streamId)).toEqual([needStream]);
        const byType = await store.readAll({ after: head, filter: { eventTypes: ['ResourcePledged'] } });
        expect(byType.map((e) => e.streamId)).toEqual([pledgeStream]);
        expect(await store.readAll({ after: head, maxCount: 1 })).toHaveLength(1);
        expect(await store.headPosition()).toBeGreaterThanOrEqual(after.at(-1)!.position);
      });
    });

    describe('bad input gets a typed error and writes nothing', () => {
      const cases: Array<[string, () => [string, NewEvent[], unknown], string]> = [
        ['an empty stream name', () => ['', [newEvent()], 'any'], 'streamId'],
        ['a stream name with spaces', () => ['need 1', [newEvent()], 'any'], 'streamId'],
        ['no events', () => [uniqueStream(), [], 'any'], 'events'],
        ['a negative revision', () => [uniqueStream(), [newEvent()], -1], 'expectedRevision'],
        ['a fractional revision', () => [uniqueStream(), [newEvent()], 1.5], 'expectedRevision'],
        ['an id that is not a UUID', () => [uniqueStream(), [{ ...newEvent(), id: 'x' }], 'any'], 'events[0].id'],
        ['a repeated id in one batch', () => {
          const e = newEvent();
          return [uniqueStream(), [e, e], 'any'];
        }, 'events[1].id'],
        ['data that is not an object', () => [uniqueStream(), [{ ...newEvent(), data: [] as never }], 'any'], 'events[0].data'],
        ['a Date in data', () => [uniqueStream(), [newEvent('X', { at: new Date() })], 'any'], 'events[0].data.at'],
        ['a function in data', () => [uniqueStream(), [newEvent('X', { f: () => 1 })], 'any'], 'events[0].data.f'],
        ['NaN in data', () => [uniqueStream(), [newEvent('X', { n: NaN })], 'any'], 'events[0].data.n'],
        ['undefined in data', () => [uniqueStream(), [newEvent('X', { u: undefined })], 'any'], 'events[0].data.u'],
        ['a NUL character', () => [uniqueStream(), [newEvent('X', { s: 'a\u0000b' })], 'any'], 'events[0].data.s'],
        ['a lone surrogate', () => [uniqueStream(), [newEvent('X', { s: 'a\ud800b' })], 'any'], 'events[0].data.s'],
        ['a lone low surrogate in a key', () => [uniqueStream(), [newEvent('X', { m: { '\udc00': 1 } })], 'any'], 'events[0].data.m'],
        ['a missing actor', () => [uniqueStream(), [{ ...newEvent(), metadata: { ...metadata(), actor: undefined as never } }], 'any'], 'events[0].metadata'],
        ['a bad occurredAt', () => [uniqueStream(), [{ ...newEvent(), metadata: metadata({ occurredAt: 'yesterday' }) }], 'any'], 'events[0].metadata.occurredAt'],
        ['schema version 0', () => [uniqueStream(), [{ ...newEvent(), schemaVersion: 0 }], 'any'], 'events[0].schemaVersion'],
      ];
      it.each(cases)('%s', async (_name, make, field) => {
        const before = await store.headPosition();
        const [s, events, expected] = make();
        const err = await store.append(s, events, { expectedRevision: expected as never }).catch((e) => e);
        expect(err).toBeInstanceOf(InvalidAppendError);
        expect(err.field.startsWith(field)).toBe(true);
        expect(err.code).toBe('STORE.INVALID_INPUT');
        expect(await store.headPosition()).toBe(before);
      });

      it('an event over the size limit', async () => {
        const small = await target.create({ maxEventBytes: 2048 });
        try {
          const s = uniqueStream();
          const err = await small
            .append(s, [newEvent(), newEvent('X', { blob: 'x'.repeat(4096) })], { expectedRevision: 'any' })
            .catch((e) => e);
          expect(err).toBeInstanceOf(EventTooLargeError);
          expect(err).toMatchObject({ code: 'STORE.EVENT_TOO_LARGE', limit: 2048 });
          expect(await small.streamExists(s)).toBe(false);
        } finally {
          await small.close();
        }
      });

      it('the size limit in UTF-8 bytes of the data and metadata JSON, exact at the boundary', async () => {
        // 3-byte characters: the limit is in bytes, not in characters
        const e = newEvent('X', { text: '楼道灯坏了'.repeat(200) });
        const size = Buffer.byteLength(JSON.stringify(e.data)) + Buffer.byteLength(JSON.stringify(e.metadata));
        const under = await target.create({ maxEventBytes: size - 1 });
        const exact = await target.create({ maxEventBytes: size });
        try {
          const err = await under.append(uniqueStream(), [e], { expectedRevision: 'any' }).catch((x) => x);
          expect(err).toMatchObject({ code: 'STORE.EVENT_TOO_LARGE', limit: size - 1 });
          await expect(exact.append(uniqueStream(), [e], { expectedRevision: 'any' })).resolves.toMatchObject({ nextRevision: 0 });
        } finally {
          await under.close();
          await exact.close();
        }
      });

      it('a negative revision or position to read from', async () => {
        await expect(store.readStream(uniqueStream(), { fromRevision: -1 })).rejects.toBeInstanceOf(InvalidAppendError);
        await expect(store.readAll({ after: -5 })).rejects.toBeInstanceOf(InvalidAppendError);
        await expect(store.readStream('')).rejects.toBeInstanceOf(InvalidAppendError);
      });
    });

    describe('schema versions', () => {
      it('upcasts old events on read and never rewrites them', async () => {
        const upcasters = new UpcasterRegistry([
          { type: 'NeedSubmitted', fromVersion: 1, upcast: (d) => ({ ...d, urgency: d.urgent ? 'urgent' : 'normal' }) },
          { type: 'NeedSubmitted', fromVersion: 2, upcast: ({ urgent: _u, ...d }) => d },
        ]);
        const up = await target.create({ upcasters });
        try {
          const s = uniqueStream();
          await up.append(s, [{ ...newEvent('NeedSubmitted', { urgent: true }), schemaVersion: 1 }], {
            expectedRevision: 'no_stream',
          });
          await up.append(s, [{ ...newEvent('NeedSubmitted', { urgency: 'low' }), schemaVersion: 3 }], {
            expectedRevision: 0,
          });
          const [old, current] = await up.readStream(s);
          expect(old).toMatchObject({ schemaVersion: 3, storedSchemaVersion: 1, data: { title: '楼道灯坏了', urgency: 'urgent' } });
          expect(old.data).not.toHaveProperty('urgent');
          expect(current).toMatchObject({ schemaVersion: 3, storedSchemaVersion: 3, data: { urgency: 'low' } });
          const [raw] = await up.readStream(s, { upcast: false });
          expect(raw).toMatchObject({ schemaVersion: 1, data: { urgent: true } });
          const [viaLog] = (await up.readAll({ filter: { eventTypes: ['NeedSubmitted'] }, maxCount: 1 }));
          expect(viaLog.schemaVersion).toBe(3);
        } finally {
          await up.close();
        }
      });
    });

    describe('catch-up subscription', () => {
      it('delivers history from a checkpoint, then keeps going live, each event once in order', async () => {
        const community = `community-${randomUUID()}`;
        const s = uniqueStream();
        const firstTwo = await store.append(s, [newEvent('A', {}, { communityId: community }), newEvent('B', {}, { communityId: community })], {
          expectedRevision: 'no_stream',
        });
        const seen: RecordedEvent[] = [];
        let caughtUp = 0;
        const sub = store.subscribe(async (batch) => void seen.push(...batch), {
          after: firstTwo.positions[0],
          filter: { communityId: community },
          batchSize: 2,
          onCaughtUp: () => void caughtUp++,
        });
        try {
          await waitFor(() => seen.length === 1);
          for (let i = 0; i < 5; i++)
            await store.append(s, [newEvent(`Live${i}`, {}, { communityId: community })], { expectedRevision: 1 + i });
          await waitFor(() => seen.length === 6);
          expect(seen.map((e) => e.type)).toEqual(['B', 'Live0', 'Live1', 'Live2', 'Live3', 'Live4']);
          expect(sub.position).toBe(seen.at(-1)!.position);
          expect(caughtUp).toBeGreaterThan(0);
        } finally {
          await sub.stop();
        }
        await store.append(s, [newEvent('AfterStop', {}, { communityId: community })], { expectedRevision: 6 });
        // a running subscription from the same checkpoint delivers AfterStop: it is there to deliver,
        // and the stopped one did not (instead of sleeping "long enough")
        const witness: RecordedEvent[] = [];
        const live = store.subscribe(async (batch) => void witness.push(...batch), { after: seen.at(-1)!.position, filter: { communityId: community } });
        try {
          await waitFor(() => witness.some((e) => e.type === 'AfterStop'));
        } finally {
          await live.stop();
        }
        expect(seen).toHaveLength(6);
      });

      it('stops and reports when the handler fails, keeping the checkpoint before the failed batch', async () => {
        const community = `community-${randomUUID()}`;
        await store.append(uniqueStream(), [newEvent('A', {}, { communityId: community })], { expectedRevision: 'any' });
        let error: unknown;
        const sub = store.subscribe(
          async () => {
            throw new Error('projection failed');
          },
          { filter: { communityId: community }, onError: (e) => (error = e) },
        );
        await waitFor(() => error !== undefined);
        expect((error as Error).message).toBe('projection failed');
        expect(sub.position).toBe(0);
        await sub.stop();
      });

      it('sees every event of many concurrent writers exactly once, in position order', async () => {
        const community = `community-${randomUUID()}`;
        const seen: RecordedEvent[] = [];
        const sub = store.subscribe(async (batch) => void seen.push(...batch), {
          after: await store.headPosition(),
          filter: { communityId: community },
          batchSize: 7,
        });
        try {
          const writers = Array.from({ length: 12 }, async (_, w) => {
            const s = uniqueStream('task');
            for (let i = 0; i < 10; i++) {
              const batch = Array.from({ length: (i % 3) + 1 }, () => newEvent('W', { w, i }, { communityId: community }));
              await store.append(s, batch, { expectedRevision: 'any' });
            }
          });
          await Promise.all(writers);
          const expected = (await store.readAll({ filter: { communityId: community }, maxCount: 10000 })).length;
          expect(expected).toBe(12 * 19); // per writer: 1+2+3 three times, then 1
          // a marker appended after every writer finished: delivered in position order, it comes after any duplicate
          await store.append(uniqueStream('task'), [newEvent('Marker', {}, { communityId: community })], { expectedRevision: 'no_stream' });
          await waitFor(() => seen.some((e) => e.type === 'Marker'));
          expect(seen.at(-1)!.type).toBe('Marker');
          seen.pop();
          expect(seen).toHaveLength(expected);
          expect(new Set(seen.map((e) => e.id)).size).toBe(expected);
          const positions = seen.map((e) => e.position);
          expect(positions).toEqual([...positions].sort((a, b) => a - b));
        } finally {
          await sub.stop();
        }
      });
    });
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function waitFor(predicate: () => boolean, timeoutMs = 15000): Promise<void> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await sleep(10);
  }
}
