import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEventStore, StreamStateCache, type EventStore } from '@cobuild/event-store';
import { community } from '@cobuild/domain';
import { newEvent } from '../../../../libs/event-store/test/fixtures';
import { COMMUNITY_PLACES_KEPT, CommunityDirectory } from './community-directory';

/** The directory's places are kept in an LRU: a long-running API asked about ever more communities stays at its bound. */
describe('CommunityDirectory memory', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cobuild-directory-'));
  let store: EventStore;
  beforeAll(async () => {
    store = await createEventStore({ kind: 'embedded', dataDir: dir, schema: 'cobuild_events', maxEventBytes: 1 << 20 });
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function register(communityId: string, streetId: string): Promise<void> {
    const data = { communityId, name: `社区${communityId}`, streetId, districtId: 'd1', configuration: { timeZone: 'Asia/Shanghai', objectionPeriodWorkingDays: 5, noticeFrequency: 'monthly' } };
    await store.append(community.streamName(communityId), [newEvent('CommunityRegistered', data, { communityId })], { expectedRevision: 'no_stream' });
  }

  it('keeps at most its bound of places, however many communities are asked about, and answers evicted ones from the log', async () => {
    const ids = Array.from({ length: 25 }, (_, i) => `c${i}-${randomUUID().slice(0, 8)}`);
    for (const [i, id] of ids.entries()) await register(id, `s${i}`);
    const directory = new CommunityDirectory(store, new StreamStateCache(), 10);
    for (const [i, id] of ids.entries()) {
      expect(await directory.place(id)).toEqual({ communityId: id, streetId: `s${i}`, districtId: 'd1' });
      expect(directory.places.size).toBeLessThanOrEqual(10);
    }
    expect(directory.places.size).toBe(10);
    // the first community was evicted: read again from its stream, right
    expect(directory.places.get(ids[0])).toBeUndefined();
    expect(await directory.place(ids[0])).toEqual({ communityId: ids[0], streetId: 's0', districtId: 'd1' });
    expect(directory.places.size).toBe(10);
  });

  it('has the documented default bound', () => {
    expect(new CommunityDirectory(store, new StreamStateCache()).places.capacity).toBe(COMMUNITY_PLACES_KEPT);
  });
});
