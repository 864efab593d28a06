import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEventStore } from '../src';
import { newEvent, uniqueStream } from './fixtures';

describe('embedded store in a data folder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cobuild-es-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('survives a restart: events, revisions, positions and the hash chain carry on', async () => {
    const stream = uniqueStream();
    const first = await createEventStore({ kind: 'embedded', dataDir: dir });
    await first.append(stream, [newEvent(), newEvent()], { expectedRevision: 'no_stream' });
    await first.close();

    const second = await createEventStore({ kind: 'embedded', dataDir: dir });
    try {
      const before = await second.readStream(stream);
      expect(before.map((e) => e.revision)).toEqual([0, 1]);
      const r = await second.append(stream, [newEvent()], { expectedRevision: 1 });
      expect(r).toMatchObject({ nextRevision: 2, position: 3 });
      const [, , third] = await second.readStream(stream);
      expect(third.prevHash).toBe(before[1].hash);
    } finally {
      await second.close();
    }
  });

  it('refuses a second process on the same data folder while the first holds it', async () => {
    const { spawnSync } = await import('node:child_process');
    const first = await createEventStore({ kind: 'embedded', dataDir: dir });
    try {
      // another process (same code, through tsx) must be refused with a clear message
      const other = spawnSync(
        process.execPath,
        ['-e', `require('tsx/cjs'); require('${join(__dirname, '../src/index.ts')}').createEventStore({ kind: 'embedded', dataDir: '${dir}' }).then(() => { console.log('opened'); process.exit(0) }, (e) => { console.log(e.code + ' ' + e.message); process.exit(3) })`],
        { encoding: 'utf8', timeout: 60_000 },
      );
      expect(other.status).toBe(3);
      expect(other.stdout).toContain('STORE.UNAVAILABLE');
      expect(other.stdout).toContain('is in use by process');
    } finally {
      await first.close();
    }
    // released on close: it opens again
    const again = await createEventStore({ kind: 'embedded', dataDir: dir });
    await again.close();
  });
});
