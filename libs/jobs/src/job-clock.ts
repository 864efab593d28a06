/**
 * The jobs' time source. `now()` is what processors and rules' schedules see; `delayUntil` turns
 * a target instant of that clock into a real delay for the queue. The system clock maps 1:1; an
 * accelerated clock (tests, demos) runs a whole reminder schedule of weeks in seconds against a
 * real queue with real delays.
 */
export interface JobClock {
  now(): Date;
  /** real milliseconds from now until the clock shows `at` (0 when it already has) */
  delayUntil(at: Date): number;
}

export const JOB_CLOCK = Symbol('JOB_CLOCK');

export const systemJobClock: JobClock = {
  now: () => new Date(),
  delayUntil: (at) => Math.max(at.getTime() - Date.now(), 0),
};

/** A clock that starts at `start` and runs `factor` times faster than real time (e.g. 1 day a second: 86 400). */
export function acceleratedClock(start: Date, factor: number, realNow: () => number = Date.now): JobClock {
  if (!(factor > 0)) throw new Error('an accelerated clock needs a positive factor');
  const realStart = realNow();
  const now = () => new Date(start.getTime() + (realNow() - realStart) * factor);
  return { now, delayUntil: (at) => Math.max(Math.ceil((at.getTime() - now().getTime()) / factor), 0) };
}
