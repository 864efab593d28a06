import { createHash } from 'node:crypto';
import type { RecordedEvent } from '@cobuild/event-store';
import { snapshotLine } from '@cobuild/audit';

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

describe('the notice snapshot line (docs/notices.md, "Digest")', () => {
  it('is the canonical JSON of the stored event: keys sorted, stored schema version, lower-case id, chain hash; no recordedAt or prevHash', () => {
    expect(snapshotLine(event)).toBe(
      '{"data":{"communityId":"c1","listedAt":"2026-11-23T02:00:00.000Z","needId":"n1"},' +
        '"hash":"' + 'ab'.repeat(32) + '","id":"0a1b2c3d-0000-4000-8000-000000000001",' +
        '"metadata":{"actor":{"id":"a1","role":"community_secretary"},"causationId":null,"communityId":"c1","correlationId":"k","idempotencyKey":null,"occurredAt":"2026-11-23T02:00:00.000Z"},' +
        '"position":42,"revision":1,"schemaVersion":1,"streamId":"need-n1","type":"NeedListed"}',
    );
  });

  it('gives the digest a third party recomputes from the lines, each followed by a newline', () => {
    const digest = createHash('sha256').update(`${snapshotLine(event)}\n`, 'utf8').digest('hex');
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    expect(createHash('sha256').update('', 'utf8').digest('hex')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});
