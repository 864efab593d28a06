import { community, reminder } from '@cobuild/domain';
import type { RecordedEvent } from '@cobuild/event-store';
import { QUEUES, YEAR_END_REMINDER_JOB, localYear, type YearEndReminderJob } from '@cobuild/jobs';
import type { JobProcessor, ProcessorContext } from '../job-processor';
import { loadState } from './load-state';
import { REMINDER_ACTOR } from './task-reminder.processor';

type Who = { kind: 'unit' | 'member'; id: string };
const PAGE = 1000;

const JOINS = ['UnitRegistered', 'UnitAssignedToCommunity', 'MemberRegistered'];
const LEAVES = ['UnitDeregistered', 'MemberLeft'];

/**
 * Folded from the log (the worker holds no read models): the units and members registered in the
 * community now, and who answered for a task verified in `year` (local) anywhere — the same
 * "at least one practical thing" the scorecards read model shows (a verified task counts for its
 * responsible unit or member).
 */
async function nothingDone(ctx: ProcessorContext, communityId: string, year: number): Promise<Who[]> {
  const registered = new Map<string, Who>();
  const done = new Set<string>();
  const keyOf = (w: Who) => `${w.kind}/${w.id}`;
  const filter = { categories: ['unitRegistration', 'member', 'task'], eventTypes: [...JOINS, ...LEAVES, 'TaskVerified'] };
  for (let after = 0; ; ) {
    const page: RecordedEvent[] = await ctx.store.readAll({ after, maxCount: PAGE, filter });
    for (const e of page) {
      const d = e.data as Record<string, any>;
      if (e.type === 'TaskVerified') {
        const r = d.responsible as { kind: string; unitId?: string; memberId?: string } | undefined;
        if (localYear(String(d.verifiedAt ?? e.metadata.occurredAt), ctx.timeZone) !== year || !r) continue;
        if (r.kind === 'unit' && r.unitId) done.add(keyOf({ kind: 'unit', id: r.unitId }));
        if (r.kind === 'member' && r.memberId) done.add(keyOf({ kind: 'member', id: r.memberId }));
        continue;
      }
      if (d.communityId !== communityId) continue;
      const who: Who = d.unitId ? { kind: 'unit', id: d.unitId } : { kind: 'member', id: d.memberId };
      if (JOINS.includes(e.type)) registered.set(keyOf(who), who);
      else registered.delete(keyOf(who));
    }
    if (page.length < PAGE) break;
    after = page[page.length - 1].position;
  }
  return [...registered.values()].filter((w) => !done.has(keyOf(w)));
}

/**
 * 每年至少办一件实事: on 1 December (by default) each registered unit and member of the community
 * with no task verified this year gets a `year-end` reminder, once per year however many
 * communities it is registered in (`reminder-yearly-<year>-<kind>-<id>`). A job for a year already
 * past (a first dispatch over an old log, a worker down for long) reminds no one.
 */
export const yearEndReminderProcessor: JobProcessor<YearEndReminderJob> = {
  queue: QUEUES.reminders,
  name: YEAR_END_REMINDER_JOB,
  async process(job, ctx) {
    const { communityId, year } = job.data;
    if (year < localYear(ctx.clock.now(), ctx.timeZone)) return `stale: ${year} is past`;
    const c = await loadState(ctx, community.decider, community.streamName(communityId));
    if (c.status !== 'registered') return 'community unknown';
    const who = await nothingDone(ctx, communityId, year);
    let sent = 0;
    for (const w of who) {
      const reminderId = `yearly-${year}-${w.kind}-${w.id}`;
      const r = await ctx.handler.handle(
        reminder.decider,
        reminder.streamName(reminderId),
        { type: 'SendReminder', data: { reminderId, kind: 'year-end', communityId, taskId: null, year, recipients: [w], deadline: null, jobId: job.id } },
        { actor: REMINDER_ACTOR, now: ctx.clock.now(), correlationId: job.id, idempotencyKey: `job:${job.id}/${w.kind}/${w.id}` },
        { communityId: () => communityId },
      );
      if (r.events.length && !r.replayed) sent++;
    }
    return `sent ${sent} of ${who.length} with nothing done in ${year}`;
  },
};
