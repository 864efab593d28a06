import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { fold, meeting, need, pledge, task, type Actor } from '@cobuild/domain';
import { PgDriver, SqlEventStore } from '@cobuild/event-store';
import { CommandHandler } from '../../../common/src/commands/command-handler';
import { SchemaJanitor, TEST_POSTGRES_URL } from '../../../../libs/event-store/test/postgres-test-db';
import type { FormTaskCommand } from './task-formation';

/**
 * kill -9 in the middle of task formation, at every step: a child process forms a task and
 * SIGKILLs itself right after the k-th statement of the formation's transaction (k = 1, 2, … up to
 * just before COMMIT). After each death nothing of that formation exists — no allocation, no need
 * matched, no task, no meeting decision, the log's head where it was — with no retry and no
 * clean-up job. Then a child that lives forms it whole.
 */
const secretary: Actor = { id: 'sec-1', role: 'community_secretary' };
const janitor = new SchemaJanitor();

describe('task formation killed (SIGKILL) at every step of its transaction (PostgreSQL)', () => {
  let store: SqlEventStore;
  let schema: string;
  beforeAll(async () => {
    schema = janitor.next('killed');
    store = await SqlEventStore.open(new PgDriver({ connectionString: TEST_POSTGRES_URL }), { schema });
  });
  afterAll(async () => {
    await store.close();
    await janitor.dropAll();
  });

  const form = (input: FormTaskCommand, killAt: number) =>
    new Promise<{ signal: NodeJS.Signals | null; out: string }>((resolve) => {
      const child = spawn(process.execPath, ['--require', 'tsx/cjs', join(__dirname, 'testing/dying-formation.ts')], {
        env: { ...process.env, PG_URL: TEST_POSTGRES_URL, PG_SCHEMA: schema, FORMATION: JSON.stringify(input), KILL_AT: String(killAt) },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      child.once('exit', (_code, signal) => resolve({ signal, out }));
    });

  it('leaves nothing behind wherever it dies, and forms the task whole when it lives', async () => {
    const handler = new CommandHandler(store);
    const ctx = () => ({ actor: secretary, now: new Date(), correlationId: randomUUID() });
    const run = (decider: any, streamId: string, type: string, data: Record<string, unknown>) =>
      handler.handle(decider, streamId, { type, data }, ctx(), { communityId: () => 'c1' });
    const [needId, dryNeedId, pledgeA, pledgeB, meetingId, taskId] = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    for (const id of [needId, dryNeedId]) {
      await run(need.decider, need.streamName(id), 'SubmitNeed', {
        needId: id, communityId: 'c1', source: 'resident', title: '加装扶手', description: '楼道无扶手', category: '助老', urgency: 'high',
        beneficiaries: { description: '老人' }, location: {}, requester: { name: '张三', phone: null },
      });
      await run(need.decider, need.streamName(id), 'ListNeed', { needId: id });
    }
    for (const pledgeId of [pledgeA, pledgeB]) {
      await run(pledge.decider, pledge.streamName(pledgeId), 'PledgeResource', {
        pledgeId, communityId: 'c1', pledger: { kind: 'unit', unitId: 'u1' }, type: 'venue', description: '会议室',
        capacity: { quantity: 100, measure: 'm2' }, availability: { from: '2026-01-01T00:00:00Z', until: null }, contact: { name: '李四' },
      });
      await run(pledge.decider, pledge.streamName(pledgeId), 'ConfirmPledge', { pledgeId });
    }
    await run(meeting.decider, meeting.streamName(meetingId), 'ConveneMeeting', {
      meetingId, level: 'community', communityId: 'c1', streetId: null, title: '联席会议', scheduledAt: '2026-12-15T01:30:00Z', chairUnitId: 'u1',
    });
    const input: FormTaskCommand = {
      taskId, communityId: 'c1', title: '加装扶手', description: '共建', needIds: [needId], meetingId, assignment: null,
      allocations: [
        { allocationId: `${taskId}-a1`, pledgeId: pledgeA, quantity: 30 },
        { allocationId: `${taskId}-a2`, pledgeId: pledgeB, quantity: 20 },
        { allocationId: `${taskId}-a3`, pledgeId: pledgeA, quantity: 10 },
      ],
    };
    const streams = [pledge.streamName(pledgeA), pledge.streamName(pledgeB), need.streamName(needId), task.streamName(taskId), meeting.streamName(meetingId)];
    const snapshot = async () => ({ head: await store.headPosition(), streams: await Promise.all(streams.map(async (s) => (await store.readStream(s)).map((e) => e.id))) });
    const before = await snapshot();
    expect(before.streams[4]).toHaveLength(1); // the meeting exists

    // a first life, to count the statements of the formation's transaction
    const dryTask = randomUUID();
    const dry = await form({ ...input, taskId: dryTask, needIds: [dryNeedId], allocations: input.allocations.map((a, i) => ({ ...a, allocationId: `${dryTask}-a${i + 1}` })) }, 0);
    expect(dry.signal).toBeNull();
    const { statements } = JSON.parse(dry.out) as { statements: number };
    expect(statements).toBeGreaterThanOrEqual(8); // a lock per stream (5), the heads, the ids, the positions, the insert, the notify
    const baseline = await snapshot();

    for (let k = 1; k <= statements; k++) {
      const death = await form(input, k);
      expect(death.signal).toBe('SIGKILL');
      // the server notices the dead connection and rolls back: nothing of it, ever, and the locks are free again
      expect(await snapshot()).toEqual(baseline);
    }

    const life = await form(input, 0);
    expect(life.signal).toBeNull();
    expect(JSON.parse(life.out).events).toEqual(['TaskProposed']);
    const after = await snapshot();
    expect(after.streams.map((s, i) => s.length - baseline.streams[i].length)).toEqual([2, 1, 1, 1, 1]);
    const a = fold(pledge.decider, (await store.readStream(pledge.streamName(pledgeA))).map((e) => ({ type: e.type, data: e.data })) as never) as pledge.PledgeState;
    expect(a.status !== 'none' && Object.values(a.allocations).filter((x) => x.taskId === taskId).map((x) => x.quantity)).toEqual([30, 10]);
  }, 240_000);
});
