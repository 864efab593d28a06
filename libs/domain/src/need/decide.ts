import { millis, optionalText, requireId, requireInstant, requireText } from '../guards';
import { assertNever } from '../shared/decider';
import { conflict, invalid, notFound } from '../shared/domain-error';
import { personalDataKinds } from '../privacy';
import type {
  ChangeNeedUrgency,
  ConfirmNeedPublicTitle,
  CloseNeedUnfulfilled,
  ListNeed,
  MatchNeed,
  MergeNeed,
  NeedCommand,
  RecordNeedTaskReopened,
  RecordNeedTaskVerified,
  RejectNeed,
  ReleaseNeedMatch,
  SubmitNeed,
  WithdrawNeed,
} from './commands';
import { NEED_SOURCES, URGENCIES, type NeedEvent, type NeedStatus, type Urgency } from './events';
import { MATCHABLE_NEED_STATUSES, type ExistingNeed, type NeedState } from './state';

const INPUT = 'NEED.INVALID_INPUT';

export function decideNeed(command: NeedCommand, state: NeedState): NeedEvent[] {
  switch (command.type) {
    case 'SubmitNeed':
      return submit(command, state);
    case 'ConfirmNeedPublicTitle':
      return confirmPublicTitle(command, state);
    case 'ListNeed':
      return list(command, state);
    case 'RejectNeed':
      return reject(command, state);
    case 'MergeNeed':
      return merge(command, state);
    case 'ChangeNeedUrgency':
      return changeUrgency(command, state);
    case 'MatchNeed':
      return match(command, state);
    case 'ReleaseNeedMatch':
      return releaseMatch(command, state);
    case 'RecordNeedTaskVerified':
      return recordTaskVerified(command, state);
    case 'RecordNeedTaskReopened':
      return recordTaskReopened(command, state);
    case 'WithdrawNeed':
      return withdraw(command, state);
    case 'CloseNeedUnfulfilled':
      return closeUnfulfilled(command, state);
    default:
      return assertNever(command);
  }
}

function submit(command: SubmitNeed, state: NeedState): NeedEvent[] {
  const { data, meta } = command;
  if (state.status !== 'none') throw conflict('NEED.ALREADY_EXISTS', `need ${data.needId} already exists`);
  const needId = requireId(data.needId, 'NEED.INVALID_ID', 'needId');
  const communityId = requireId(data.communityId, 'NEED.INVALID_ID', 'communityId');
  if (!NEED_SOURCES.includes(data.source)) {
    throw invalid(INPUT, `source must be one of ${NEED_SOURCES.join(', ')}`, { field: 'source' });
  }
  const requestingUnitId =
    data.requestingUnitId == null ? null : requireId(data.requestingUnitId, 'NEED.INVALID_ID', 'requestingUnitId');
  if (data.source === 'unit' && requestingUnitId === null) {
    throw invalid(INPUT, 'a need raised by a unit names the unit', { field: 'requestingUnitId' });
  }
  const urgency = requireUrgency(data.urgency);
  const count = data.beneficiaries?.count ?? null;
  if (count !== null && !(Number.isInteger(count) && count > 0)) {
    throw invalid(INPUT, 'beneficiaries.count must be a positive whole number', { field: 'beneficiaries.count' });
  }
  const wantedBy = data.wantedBy == null ? null : requireInstant(data.wantedBy, INPUT, 'wantedBy');
  if (wantedBy !== null && millis(wantedBy) <= meta.now.getTime()) {
    throw invalid('NEED.DEADLINE_IN_PAST', 'wantedBy must be in the future', { field: 'wantedBy' });
  }
  const gridId = data.location?.gridId == null ? null : requireId(data.location.gridId, 'NEED.INVALID_ID', 'location.gridId');
  return [
    {
      type: 'NeedSubmitted',
      data: {
        needId,
        communityId,
        source: data.source,
        requestingUnitId,
        title: requireText(data.title, INPUT, 'title', 200),
        description: requireText(data.description, INPUT, 'description', 5000),
        category: requireText(data.category, INPUT, 'category', 100),
        urgency,
        beneficiaries: {
          description: requireText(data.beneficiaries?.description, INPUT, 'beneficiaries.description', 500),
          count,
        },
        location: { gridId, address: optionalText(data.location?.address, INPUT, 'location.address', 500) },
        wantedBy,
        requester: {
          name: requireText(data.requester?.name, INPUT, 'requester.name', 100),
          phone: optionalText(data.requester?.phone, INPUT, 'requester.phone', 40),
        },
        submittedAt: meta.now.toISOString(),
      },
    },
  ];
}

/** What of a need the public would read that may hold personal data: its title, description and beneficiaries. */
export const needPersonalData = (need: Pick<ExistingNeed, 'title' | 'description' | 'beneficiaries'>) =>
  personalDataKinds(need.title, need.description, need.beneficiaries.description);

function list(command: ListNeed, state: NeedState): NeedEvent[] {
  const need = requireStatus(state, command.data.needId, ['submitted']);
  const found = needPersonalData(need);
  if (found.length > 0 && need.publicTitle === null) {
    throw conflict(
      'NEED.PUBLIC_TITLE_REQUIRED',
      `need ${need.needId} holds personal data (${found.join(', ')}): the secretary confirms a public title before it is listed`,
      { personalData: found },
    );
  }
  return [
    { type: 'NeedListed', data: { needId: need.needId, communityId: need.communityId, listedAt: command.meta.now.toISOString() } },
  ];
}

function confirmPublicTitle(command: ConfirmNeedPublicTitle, state: NeedState): NeedEvent[] {
  const need = requireStatus(state, command.data.needId, ['submitted', 'listed', 'matched', 'fulfilled']);
  const publicTitle = requireText(command.data.publicTitle, INPUT, 'publicTitle', 200);
  const found = personalDataKinds(publicTitle);
  if (found.length > 0) {
    throw invalid('NEED.PUBLIC_TITLE_HAS_PERSONAL_DATA', `the public title holds personal data (${found.join(', ')})`, { field: 'publicTitle', personalData: found });
  }
  if (publicTitle === need.publicTitle) return [];
  return [
    {
      type: 'NeedPublicTitleConfirmed',
      data: { needId: need.needId, communityId: need.communityId, publicTitle, confirmedAt: command.meta.now.toISOString() },
    },
  ];
}

function reject(command: RejectNeed, state: NeedState): NeedEvent[] {
  const need = requireStatus(state, command.data.needId, ['submitted']);
  const reason = requireReason(command.data.reason);
  return [{ type: 'NeedRejected', data: { needId: need.needId, communityId: need.communityId, reason } }];
}

function merge(command: MergeNeed, state: NeedState): NeedEvent[] {
  const need = requireStatus(state, command.data.needId, ['submitted', 'listed']);
  const into = command.data.into;
  if (!into) throw notFound('NEED.MERGE_TARGET_NOT_FOUND', 'the need to merge into does not exist', { field: 'into' });
  if (into.needId === need.needId) {
    throw invalid('NEED.MERGE_INTO_SELF', 'a need cannot be merged into itself', { field: 'into' });
  }
  if (into.communityId !== need.communityId) {
    throw conflict('NEED.MERGE_TARGET_OTHER_COMMUNITY', 'a need can only be merged into a need of the same community', {
      intoNeedId: into.needId,
    });
  }
  if (!(['submitted', 'listed', 'matched'] as NeedStatus[]).includes(into.status)) {
    throw conflict('NEED.MERGE_TARGET_CLOSED', `need ${into.needId} is ${into.status} and cannot absorb a duplicate`, {
      intoNeedId: into.needId,
      status: into.status,
    });
  }
  return [
    {
      type: 'NeedMerged',
      data: {
        needId: need.needId,
        communityId: need.communityId,
        intoNeedId: into.needId,
        note: optionalText(command.data.note, INPUT, 'note', 1000),
      },
    },
  ];
}

function changeUrgency(command: ChangeNeedUrgency, state: NeedState): NeedEvent[] {
  const need = requireStatus(state, command.data.needId, ['submitted', 'listed', 'matched']);
  const urgency = requireUrgency(command.data.urgency);
  const reason = requireReason(command.data.reason);
  if (urgency === need.urgency) return [];
  return [
    {
      type: 'NeedUrgencyChanged',
      data: { needId: need.needId, communityId: need.communityId, from: need.urgency, to: urgency, reason },
    },
  ];
}

function match(command: MatchNeed, state: NeedState): NeedEvent[] {
  const need = requireExisting(state, command.data.needId);
  const taskId = requireId(command.data.taskId, 'NEED.INVALID_ID', 'taskId');
  if (need.tasks[taskId] !== undefined) return []; // a retried formation: already matched to this task
  requireStatus(state, need.needId, MATCHABLE_NEED_STATUSES);
  return [{ type: 'NeedMatched', data: { needId: need.needId, communityId: need.communityId, taskId } }];
}

function releaseMatch(command: ReleaseNeedMatch, state: NeedState): NeedEvent[] {
  const need = requireExisting(state, command.data.needId);
  const taskId = requireId(command.data.taskId, 'NEED.INVALID_ID', 'taskId');
  const reason = requireReason(command.data.reason);
  const progress = need.tasks[taskId];
  if (progress === undefined) return []; // never matched, or already released: compensation is idempotent
  if (progress === 'verified') {
    throw conflict('NEED.TASK_VERIFIED', `task ${taskId} is verified; reopen it for rework before releasing it`, { taskId });
  }
  const ids = { needId: need.needId, communityId: need.communityId };
  const events: NeedEvent[] = [{ type: 'NeedMatchReleased', data: { ...ids, taskId, reason } }];
  const remaining = Object.entries(need.tasks).filter(([id]) => id !== taskId);
  if (remaining.length === 0) {
    events.push({ type: 'NeedReturnedToList', data: ids });
  } else if (remaining.every(([, p]) => p === 'verified')) {
    events.push({ type: 'NeedFulfilled', data: { ...ids, fulfilledAt: command.meta.now.toISOString() } });
  }
  return events;
}

function recordTaskVerified(command: RecordNeedTaskVerified, state: NeedState): NeedEvent[] {
  const need = requireExisting(state, command.data.needId);
  const taskId = command.data.taskId;
  const progress = need.tasks[taskId];
  if (progress === undefined) {
    throw conflict('NEED.TASK_NOT_MATCHED', `task ${taskId} is not matched to need ${need.needId}`, { taskId });
  }
  if (progress === 'verified') return [];
  const ids = { needId: need.needId, communityId: need.communityId };
  const events: NeedEvent[] = [{ type: 'NeedTaskVerified', data: { ...ids, taskId } }];
  const othersVerified = Object.entries(need.tasks).every(([id, p]) => id === taskId || p === 'verified');
  if (othersVerified) events.push({ type: 'NeedFulfilled', data: { ...ids, fulfilledAt: command.meta.now.toISOString() } });
  return events;
}

function recordTaskReopened(command: RecordNeedTaskReopened, state: NeedState): NeedEvent[] {
  const need = requireExisting(state, command.data.needId);
  const taskId = command.data.taskId;
  const reason = requireReason(command.data.reason);
  const progress = need.tasks[taskId];
  if (progress === undefined) {
    throw conflict('NEED.TASK_NOT_MATCHED', `task ${taskId} is not matched to need ${need.needId}`, { taskId });
  }
  if (progress === 'open') return [];
  return [{ type: 'NeedTaskReopened', data: { needId: need.needId, communityId: need.communityId, taskId, reason } }];
}

function withdraw(command: WithdrawNeed, state: NeedState): NeedEvent[] {
  const need = requireNoActiveTasks(state, command.data.needId);
  requireStatus(state, need.needId, ['submitted', 'listed']);
  const reason = requireReason(command.data.reason);
  return [{ type: 'NeedWithdrawn', data: { needId: need.needId, communityId: need.communityId, reason } }];
}

function closeUnfulfilled(command: CloseNeedUnfulfilled, state: NeedState): NeedEvent[] {
  const need = requireNoActiveTasks(state, command.data.needId);
  requireStatus(state, need.needId, ['listed']);
  const reason = requireReason(command.data.reason);
  return [{ type: 'NeedClosedUnfulfilled', data: { needId: need.needId, communityId: need.communityId, reason } }];
}

// ── guards ────────────────────────────────────────────────────────────────────

function requireExisting(state: NeedState, needId: string): ExistingNeed {
  if (state.status === 'none') throw notFound('NEED.NOT_FOUND', `need ${needId} does not exist`);
  return state;
}

function requireStatus(state: NeedState, needId: string, allowed: readonly NeedStatus[]): ExistingNeed {
  const need = requireExisting(state, needId);
  if (!allowed.includes(need.status)) {
    throw conflict('NEED.WRONG_STATUS', `need ${needId} is ${need.status}; expected ${allowed.join(' or ')}`, {
      status: need.status,
      expected: allowed,
    });
  }
  return need;
}

function requireNoActiveTasks(state: NeedState, needId: string): ExistingNeed {
  const need = requireExisting(state, needId);
  const open = Object.entries(need.tasks)
    .filter(([, p]) => p === 'open')
    .map(([id]) => id);
  if (need.status === 'matched' && open.length > 0) {
    throw conflict('NEED.HAS_ACTIVE_TASKS', `need ${needId} is served by open tasks; cancel them first`, { taskIds: open });
  }
  return need;
}

function requireUrgency(value: unknown): Urgency {
  if (!URGENCIES.includes(value as Urgency)) {
    throw invalid(INPUT, `urgency must be one of ${URGENCIES.join(', ')}`, { field: 'urgency' });
  }
  return value as Urgency;
}

function requireReason(value: unknown): string {
  return requireText(value, 'NEED.REASON_REQUIRED', 'reason', 2000);
}
