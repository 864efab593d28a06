import type { NeedDetails, NeedStatus } from './events';

/** Per task serving the need: still open, or verified (验收). */
export type NeedTaskProgress = 'open' | 'verified';

export type NeedState =
  | { status: 'none' }
  | (NeedDetails & {
      status: NeedStatus;
      /** tasks matched to the need and not released, by task id */
      tasks: Record<string, NeedTaskProgress>;
      /** set when merged */
      mergedInto: string | null;
      /** the last reason given (rejected, withdrawn, closed unfulfilled) */
      reason: string | null;
      /** the title the public sees, confirmed by the secretary (null: none confirmed) */
      publicTitle: string | null;
    });

export type ExistingNeed = Exclude<NeedState, { status: 'none' }>;

export const initialNeedState = (): NeedState => ({ status: 'none' });

/** States in which the need is on the public list and may be matched to (more) tasks. */
export const MATCHABLE_NEED_STATUSES: readonly NeedStatus[] = ['listed', 'matched'];
/** States from which nothing but reading is possible. */
export const FINAL_NEED_STATUSES: readonly NeedStatus[] = ['rejected', 'merged', 'withdrawn', 'closed'];
