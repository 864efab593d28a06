/**
 * node --experimental-vm-modules node_modules/jest/bin/jest.js --testMatch '**' test/load/memory.probe.ts --forceExit
 * (through ts-jest: Nest needs the decorators' metadata, which tsx does not emit) — does the API keep anything per request? The API on
 * PostgreSQL (in process, its projector run between rounds), a steady mix of commands and queries in
 * rounds; after each round a full GC and the heap that survives it. A leak shows as a heap growing
 * round after round; caches show as growth that stops at their bound. Prints one line per round.
 */
import { randomUUID } from 'node:crypto';
import { Harness } from '../e2e/harness';

const ROUNDS = Number(process.env.PROBE_ROUNDS ?? 12);
const PER_ROUND = Number(process.env.PROBE_REQUESTS ?? 300);
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose_gc');
const gc = runInNewContext('gc') as () => void;

const body = () => ({
  needId: randomUUID(),
  source: 'resident',
  title: '3号楼加装扶手',
  description: '楼道无扶手，老人上下楼困难',
  category: '助老',
  urgency: 'high',
  beneficiaries: { description: '3号楼老人', count: 12 },
  location: { gridId: 'g3', address: '和平路3号' },
  requester: { name: '张三', phone: '13812345678' },
});

it('heap after GC, round after round', async () => {
  const h = await Harness.start('postgres');
  try {
    const w = await h.world();
    const secretary = await h.as('community_secretary', w.communities[0]);
    const mb = (n: number) => (n / 2 ** 20).toFixed(1);
    for (let round = 0; round < ROUNDS; round++) {
      for (let i = 0; i < PER_ROUND; i += 3) {
        const created = await h.expectOk(h.post(`/communities/${w.communities[0]}/needs`, secretary, body()));
        await h.expectOk(h.get(`/needs/${created.body.id}`, secretary));
        await h.expectOk(h.get(`/communities/${w.communities[0]}/lists/needs?limit=20`, secretary));
      }
      await h.projected();
      gc();
      gc();
      const m = process.memoryUsage();
      if (process.env.PROBE_SNAPSHOTS && (round === 1 || round === ROUNDS - 1)) require('node:v8').writeHeapSnapshot(`/tmp/probe-${round}.heapsnapshot`);
      console.log(`round ${round + 1}: ${(round + 1) * PER_ROUND} requests, heap after GC ${mb(m.heapUsed)} MB, rss ${mb(m.rss)} MB`);
    }
  } finally {
    await h.close();
  }
}, 1_800_000);
