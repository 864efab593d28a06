import type { Command, Instant } from '../shared/message';
import type { NeedSource, NeedStatus, Urgency } from './events';

/** Personal data of whoever asked: kept whole in events, masked by public projections. */
export interface RequesterInput {
  name: string;
  /** mobile or landline; null when the requester gave none */
  phone: string | null;
}

export type SubmitNeed = Command<
  'SubmitNeed',
  {
    needId: string;
    communityId: string;
    source: NeedSource;
    /** the unit that raised the need; required when source is 'unit', otherwise null */
    requestingUnitId?: string | null;
    title: string;
    description: string;
    /** free classification, e.g. 'elderly care', '助老', 'environment' */
    category: string;
    urgency: Urgency;
    /** who benefits, e.g. '12 elderly residents of building 3'; count when known */
    beneficiaries: { description: string; count?: number | null };
    location: { gridId?: string | null; address?: string | null };
    /** the date by which the requester wants it; must be after meta.now when set */
    wantedBy?: Instant | null;
    requester: RequesterInput;
  }
>;

/** The community accepts the need onto its public needs list. */
export type ListNeed = Command<'ListNeed', { needId: string }>;
/**
 * The secretary confirms the title the public sees (公示) in place of the need's own, which is
 * required before listing when the title or description holds personal data (libs/domain/src/privacy).
 */
export type ConfirmNeedPublicTitle = Command<'ConfirmNeedPublicTitle', { needId: string; publicTitle: string }>;
export type RejectNeed = Command<'RejectNeed', { needId: string; reason: string }>;

/**
 * Merge a duplicate into another need. `into` is a snapshot of the surviving need loaded by the
 * command handler (null when it does not exist).
 */
export type MergeNeed = Command<
  'MergeNeed',
  {
    needId: string;
    into: { needId: string; communityId: string; status: NeedStatus } | null;
    note?: string | null;
  }
>;

export type ChangeNeedUrgency = Command<'ChangeNeedUrgency', { needId: string; urgency: Urgency; reason: string }>;

/** Process step of task formation: the need is matched to a task (idempotent per taskId). */
export type MatchNeed = Command<'MatchNeed', { needId: string; taskId: string }>;

/**
 * Process step after a task is declined or cancelled: the task
 * no longer serves the need. When no task is left the need returns to the list.
 */
export type ReleaseNeedMatch = Command<'ReleaseNeedMatch', { needId: string; taskId: string; reason: string }>;

/** Process step after a task is verified (验收). When every task is verified the need is fulfilled. */
export type RecordNeedTaskVerified = Command<'RecordNeedTaskVerified', { needId: string; taskId: string }>;

/** Process step after a verified task is reopened for rework: a fulfilled need is matched again. */
export type RecordNeedTaskReopened = Command<
  'RecordNeedTaskReopened',
  { needId: string; taskId: string; reason: string }
>;

export type WithdrawNeed = Command<'WithdrawNeed', { needId: string; reason: string }>;
export type CloseNeedUnfulfilled = Command<'CloseNeedUnfulfilled', { needId: string; reason: string }>;

export type NeedCommand =
  | SubmitNeed
  | ListNeed
  | ConfirmNeedPublicTitle
  | RejectNeed
  | MergeNeed
  | ChangeNeedUrgency
  | MatchNeed
  | ReleaseNeedMatch
  | RecordNeedTaskVerified
  | RecordNeedTaskReopened
  | WithdrawNeed
  | CloseNeedUnfulfilled;
