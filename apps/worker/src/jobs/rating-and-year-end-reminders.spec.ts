import { randomUUID } from 'node:crypto';
import { evaluationRound, member, unitRegistration, type Actor } from '@cobuild/domain';
import { createEventStore, type EventStore, type RecordedEvent } from '@cobuild/event-store';
import { acceleratedClock, localHourOnDay, type JobClock } from '@cobuild/jobs';
import { CommandHandler } from '../../../common/src/commands/command-handler';
import { startJobs, type Jobs } from './jobs-runtime';
import { redisClient, whenReady } from './queue-backend';
import { secretary, TaskFixture, unitContact } from './testing/task-fixture';

const REDIS_URL = process.env.COBUILD_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const PREFIX = `test-rating-yearly-${process.pid}`;
/** one day of the job clock passes in 1 s of real time (everything is set up in beforeAll, days before the first reminder) */
const FACTOR = 86_400;
const TZ = 'Asia/Shanghai';

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 45_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('rating-due and year-end reminders (embedded store, real Redis, accelerated clock)', () => {
  let store: EventStore;
  let jobs: Jobs;
  let clock: JobClock;
  let fixture: TaskFixture;
  let handler: CommandHandler;
  let closeAt: string;
  let roundId: string;
  let closedId: string;
  const run = (decider: any, stream: string, type: string, data: Record<string, unknown>, actor: Actor = secretary) =>
    handler.handle(decider, stream, { type, data } as never, { actor, now: clock.now(), correlationId: randomUUID() }, { communityId: () => fixture.communityId });

  beforeAll(async () => {
    store = await createEventStore({ kind: 'embedded' });
    // 2026-11-20 09:00 Shanghai: the rating reminder is 5 days (about 5 s) away, 1 December 11 days
    clock = acceleratedClock(new Date('2026-11-20T01:00:00Z'), FACTOR);
    fixture = new TaskFixture(store);
    handler = new CommandHandler(store);
    await fixture.community(clock.now());
    const c = fixture.communityId;
    // a round closing in 8 days with three appointed evaluators, e1 has rated; another round closed at once
    const open = (roundId: string, plannedCloseAt: string) =>
      run(evaluationRound.decider, evaluationRound.streamName(roundId), 'OpenEvaluationRound', {
        roundId, scope: { level: 'community', id: c }, period: { kind: 'year', year: 2026 }, directions: ['community_to_unit'], criteria: [],
        appointedEvaluatorIds: ['e1', 'e2', 'e3'], plannedCloseAt,
      });
    closeAt = localHourOnDay(clock.now(), 8, 18, TZ).toISOString();
    roundId = `r-${randomUUID().slice(0, 8)}`;
    await open(roundId, closeAt);
    await run(evaluationRound.decider, evaluationRound.streamName(roundId), 'SubmitRating', {
      roundId, direction: 'community_to_unit', subject: { kind: 'unit', id: 'u1' }, rating: 'satisfied',
    }, { id: 'e1', role: 'evaluator' });
    closedId = `r-${randomUUID().slice(0, 8)}`;
    await open(closedId, closeAt);
    await run(evaluationRound.decider, evaluationRound.streamName(closedId), 'CloseEvaluationRound', { roundId: closedId });

    // units u1, u2 and member m1 registered; u1 does one practical thing this year
    const details = { unitName: '市第一人民医院', partyOrganisationName: '市第一人民医院党委', contactPerson: { name: '王芳', phone: '0971-1234567' }, superiorDepartment: '市卫生健康委员会' };
    for (const unitId of ['u1', 'u2']) {
      await run(unitRegistration.decider, unitRegistration.streamNameFor(unitId, c), 'RegisterUnit', { unitId, communityId: c, ...details, activeCommunityIds: [] });
    }
    await run(member.decider, member.streamName('m1'), 'RegisterMember', { memberId: 'm1', name: '张伟', homeUnitId: 'u2', residenceCommunityId: c, skills: ['义诊'] });
    const { taskId } = await fixture.assignedTask(clock.now(), 5);
    await fixture.run(taskId, 'AcceptTask', { taskId }, clock.now(), unitContact);
    await fixture.run(taskId, 'CompleteTask', { taskId, summary: '已安装', evidence: [{ kind: 'photo', uri: 'https://example.org/1.jpg' }] }, clock.now(), unitContact);
    await fixture.run(taskId, 'VerifyTask', { taskId }, clock.now());

    jobs = await startJobs(store, { backend: { kind: 'redis', url: REDIS_URL, prefix: PREFIX }, timeZone: TZ, clock, retryMs: 100 });
  });
  afterAll(async () => {
    await jobs.stop();
    const client = redisClient(REDIS_URL);
    await whenReady(client);
    const keys = await client.keys(`${PREFIX}:*`);
    if (keys.length) await client.del(...keys);
    client.disconnect();
    await store.close();
  });

  const reminders = async (kind: string) => (await store.readAll({ filter: { categories: ['reminder'] } })).filter((e) => e.data.kind === kind);

  it('reminds each appointed evaluator who has not rated, once, 3 days before the round closes; a closed round reminds no one', async () => {
    const c = fixture.communityId;
    const sent = await until('both rating reminders', async () => {
      const r = (await reminders('rating-due')).filter((e) => e.data.roundId === roundId);
      return r.length >= 2 && r;
    });
    // wait past the close: nothing more arrives (a re-run, the closed round)
    await until('the planned close to pass', async () => clock.now().getTime() > Date.parse(closeAt) + 86_400_000);
    await jobs.dispatcher.caughtUp();
    const all = await reminders('rating-due');
    expect(all.filter((e) => e.data.roundId === closedId)).toEqual([]);
    const ours = all.filter((e) => e.data.roundId === roundId);
    expect(ours).toHaveLength(2);
    expect(ours.map((e) => (e.data.recipients as Array<{ id: string }>)[0].id).sort()).toEqual(['e2', 'e3']);
    expect(ours[0].data).toMatchObject({ communityId: c, recipients: [{ kind: 'person' }], deadline: closeAt, channel: 'inbox' });
    // sent 3 local days before the close, at 09:00 local (by the job clock)
    expect(Date.parse(String((sent as RecordedEvent[])[0].data.sentAt))).toBeGreaterThanOrEqual(localHourOnDay(closeAt, -3, 9, TZ).getTime());
  });

  it('on 1 December reminds the registered units and members with no task verified this year, once each', async () => {
    const c = fixture.communityId;
    const decemberFirst = localHourOnDay('2026-12-01T01:00:00Z', 0, 9, TZ).getTime();
    await until('the year-end reminders', async () => {
      const r = (await reminders('year-end')).filter((e) => e.data.communityId === c);
      return r.length >= 2 && r;
    });
    // a while after: still once each (the chain planned 2027's check, not another 2026 one)
    await until('two more days', async () => clock.now().getTime() > decemberFirst + 2 * 86_400_000);
    await jobs.dispatcher.caughtUp();
    const yearly = (await reminders('year-end')).filter((e) => e.data.communityId === c);
    expect(yearly.map((e) => e.streamId).sort()).toEqual(['reminder-yearly-2026-member-m1', 'reminder-yearly-2026-unit-u2']);
    expect(yearly.find((e) => e.streamId.endsWith('unit-u2'))!.data).toMatchObject({ year: 2026, recipients: [{ kind: 'unit', id: 'u2' }], channel: 'inbox' });
    expect(Math.min(...yearly.map((e) => Date.parse(String(e.data.sentAt))))).toBeGreaterThanOrEqual(decemberFirst);
  });
});
