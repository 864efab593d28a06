import type { JobRule } from '../job-plan';
import { nextLocalDate } from '../local-time';
import { QUEUES } from '../queues';

/** The job of one community's yearly check: who of its units and members has nothing done this year. */
export interface YearEndReminderJob {
  communityId: string;
  /** the local year checked */
  year: number;
}

export const YEAR_END_REMINDER_JOB = 'year-end-reminder';

/**
 * Events that plan a community's next check (每年至少办一件实事): its registration, a unit or member
 * registering there, a task verified there, and the check's own reminders (a year's reminders plan
 * the next year's check). Each plans the first `yearEndReminderDate` (default 12-01) at
 * `reminderHour` local strictly after the event; the job id is per community and year, so every
 * event of a year plans the same job once.
 */
const PLANS = {
  community: ['CommunityRegistered'],
  unitRegistration: ['UnitRegistered', 'UnitAssignedToCommunity'],
  member: ['MemberRegistered'],
  task: ['TaskVerified'],
  reminder: ['ReminderSent'],
} as const;

export const yearEndJobId = (communityId: string, year: number) => `reminder/yearly-${year}/community-${communityId}`;

export const yearEndRemindersRule: JobRule = {
  name: 'year-end-reminders',
  filter: { categories: Object.keys(PLANS), eventTypes: Object.values(PLANS).flat() },
  plan(e, { settings, timeZone }) {
    const d = e.data as { communityId?: string | null; kind?: string };
    if (!d.communityId || (e.type === 'ReminderSent' && d.kind !== 'year-end')) return [];
    const next = nextLocalDate(e.metadata.occurredAt, settings.yearEndReminderDate, settings.reminderHour, timeZone);
    return [
      {
        kind: 'add',
        job: {
          queue: QUEUES.reminders,
          name: YEAR_END_REMINDER_JOB,
          jobId: yearEndJobId(d.communityId, next.year),
          group: null,
          runAt: next.at.toISOString(),
          data: { communityId: d.communityId, year: next.year } satisfies YearEndReminderJob,
        },
      },
    ];
  },
};
