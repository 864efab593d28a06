import { execFileSync } from 'node:child_process';
import { createEventStore, type EventStore, type NewEvent, type RecordedEvent } from '@cobuild/event-store';
import { snapshotLine, takeCommunitySnapshot } from '@cobuild/audit';

const event: RecordedEvent = {
  id: '0A1B2C3D-0000-4000-8000-000000000001',
  type: 'NeedListed',
  schemaVersion: 2,
  storedSchemaVersion: 1,
  data: { needId: 'n1', communityId: 'c1', listedAt: '2026-11-23T02:00:00.000Z' },
  metadata: { occurredAt: '2026-11-23T02:00:00.000Z', communityId: 'c1', actor: { role: 'community_secretary', id: 'a1' }, correlationId: 'k', causationId: null, idempotencyKey: null },
  streamId: 'need-n1',
  revision: 1,
  position: 42,
  recordedAt: '2026-11-23T02:00:00.100Z',
  hash: 'ab'.repeat(32),
  prevHash: 'cd'.repeat(32),
};

/** docs/audit.md's worked example: stream need-n1 of community c-heping, two events */
const metadata = (n: number, occurredAt: string) => ({
  actor: { id: 'sec-1', role: 'community_secretary' }, communityId: 'c-heping', correlationId: `req-${n}`,
  causationId: null, idempotencyKey: null, occurredAt, requestId: `req-${n}`,
});
const DOC_EVENTS: NewEvent[] = [
  { id: '0B4C7E4E-8C1B-4F0E-9A57-3D2B1C0A9F01', type: 'NeedSubmitted', schemaVersion: 1,
    data: { needId: 'n1', title: '楼道扶手', urgency: 'high', beneficiaries: { count: 12 } }, metadata: metadata(1, '2026-03-01T02:00:00.000Z') },
  { id: '5f9d2a10-7b3e-4c61-8d45-0e6f1a2b3c4d', type: 'NeedListed', schemaVersion: 1,
    data: { needId: 'n1', listedAt: '2026-03-10T00:00:00.000Z' }, metadata: metadata(2, '2026-03-10T00:00:00.000Z') },
];
/** the digest docs/audit.md ("The notice digest") publishes for those two events at P = 2, worked out by hand there */
const DOC_DIGEST = '6342c68d1b9d48fd7bb74942466eeb8745f2d3f3ac9604ad7c98471eac24a555';

/**
 * An independent implementation (Python's json + hashlib, as in docs/audit.md's reference
 * re-implementation): it recomputes every event's chain hash from its content (so it does not
 * trust the store's hashes), then the community's notice digest up to position P.
 */
const PYTHON = String.raw`
import hashlib, json, sys
jcs = lambda v: json.dumps(v, sort_keys=True, separators=(',', ':'), ensure_ascii=False)
sha = lambda s: hashlib.sha256(s.encode('utf-8')).hexdigest()
community, until = sys.argv[1], int(sys.argv[2])
heads, lines = {}, ''
for line in sys.stdin:
    e = json.loads(line)
    prev = heads.get(e['streamId'], '')
    content = sha(jcs({'type': e['type'], 'schemaVersion': e['storedSchemaVersion'], 'data': e['data'], 'metadata': e['metadata'], 'id': e['id'].lower()}))
    h = sha(f"{prev}\n{e['streamId']}\n{e['revision']}\n{content}")
    heads[e['streamId']] = h
    if e['metadata'].get('communityId') == community and e['position'] <= until:
        lines += jcs({'position': e['position'], 'streamId': e['streamId'], 'revision': e['revision'], 'id': e['id'].lower(),
                      'type': e['type'], 'schemaVersion': e['storedSchemaVersion'], 'data': e['data'], 'metadata': e['metadata'], 'hash': h}) + '\n'
print(sha(lines))
`;
function pythonDigest(events: RecordedEvent[], communityId: string, until: number): string {
  const input = events.map((e) => JSON.stringify(e)).join('\n') + '\n';
  return execFileSync('python3', ['-c', PYTHON, communityId, String(until)], { input, encoding: 'utf8' }).trim();
}

describe('the notice snapshot line (docs/notices.md, "Digest")', () => {
  it('is the canonical JSON of the stored event: keys sorted, stored schema version, lower-case id, chain hash; no recordedAt or prevHash', () => {
    expect(snapshotLine(event)).toBe(
      '{"data":{"communityId":"c1","listedAt":"2026-11-23T02:00:00.000Z","needId":"n1"},' +
        '"hash":"' + 'ab'.repeat(32) + '","id":"0a1b2c3d-0000-4000-8000-000000000001",' +
        '"metadata":{"actor":{"id":"a1","role":"community_secretary"},"causationId":null,"communityId":"c1","correlationId":"k","idempotencyKey":null,"occurredAt":"2026-11-23T02:00:00.000Z"},' +
        '"position":42,"revision":1,"schemaVersion":1,"streamId":"need-n1","type":"NeedListed"}',
    );
  });
});

describe('the notice digest of a stored snapshot (embedded store)', () => {
  let store: EventStore;
  beforeEach(async () => {
    store = await createEventStore({ kind: 'embedded' });
    await store.append('need-n1', DOC_EVENTS, { expectedRevision: 'no_stream' });
  });
  afterEach(() => store.close());

  it('is the digest docs/audit.md works out by hand and the one an independent Python implementation computes', async () => {
    const snapshot = await takeCommunitySnapshot(store, 'c-heping');
    expect(snapshot).toEqual({ logPosition: '2', digest: DOC_DIGEST, eventCount: 2 });
    expect(pythonDigest(await store.readAll({ upcast: false }), 'c-heping', 2)).toBe(DOC_DIGEST);
  });

  it('covers only the community\'s events up to the head, as the independent implementation does', async () => {
    const other = { ...metadata(3, '2026-03-11T00:00:00.000Z'), communityId: 'c-other' };
    await store.append('need-n2', [{ id: '7c1e1f7a-1111-4c61-8d45-0e6f1a2b3c4d', type: 'NeedSubmitted', schemaVersion: 1,
      data: { needId: 'n2', title: '路灯', urgency: 'low', beneficiaries: { count: 3 } }, metadata: other }], { expectedRevision: 'no_stream' });
    await store.append('need-n1', [{ id: '9a8b7c6d-2222-4c61-8d45-0e6f1a2b3c4d', type: 'NeedWithdrawn', schemaVersion: 1,
      data: { needId: 'n1', reason: '重复' }, metadata: metadata(4, '2026-03-12T00:00:00.000Z') }], { expectedRevision: 1 });
    const snapshot = await takeCommunitySnapshot(store, 'c-heping');
    expect(snapshot.logPosition).toBe('4');
    expect(snapshot.eventCount).toBe(3);
    expect(snapshot.digest).not.toBe(DOC_DIGEST);
    const log = await store.readAll({ upcast: false });
    expect(snapshot.digest).toBe(pythonDigest(log, 'c-heping', 4));
    // P = 3 leaves the third c-heping event (position 4) out: the digest of the worked example again
    expect(pythonDigest(log, 'c-heping', 3)).toBe(DOC_DIGEST);
    expect((await takeCommunitySnapshot(store, 'c-other')).digest).toBe(pythonDigest(log, 'c-other', 4));
  });
});
