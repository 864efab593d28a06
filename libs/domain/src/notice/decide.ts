import { assertNever } from '../shared/decider';
import { conflict, forbidden, invalid, notFound } from '../shared/domain-error';
import type { Role } from '../shared/message';
import { millis, optionalText, requireId, requireInstant, requireText } from '../guards';
import type { AnswerObjection, CloseNotice, NoticeCommand, PublishNotice, RaiseObjection } from './commands';
import type { NoticeEvent, NoticeKind } from './events';
import type { NoticeState } from './state';

export const NOTICE_KINDS: readonly NoticeKind[] = ['periodic_lists', 'meeting_decisions', 'completions', 'evaluation_results'];
/** A cap on objections per notice, so one notice cannot be flooded without bound. */
export const MAX_OBJECTIONS_PER_NOTICE = 1000;
/** who answers objections: the community's secretary and staff, and the street above them */
export const ANSWERING_ROLES: readonly Role[] = ['community_secretary', 'community_staff', 'street_admin'];

export function decideNotice(command: NoticeCommand, state: NoticeState): NoticeEvent[] {
  switch (command.type) {
    case 'PublishNotice':
      return publish(command, state);
    case 'RaiseObjection':
      return raise(command, state);
    case 'AnswerObjection':
      return answer(command, state);
    case 'CloseNotice':
      return close(command, state);
    default:
      return assertNever(command);
  }
}

function publish(command: PublishNotice, state: NoticeState): NoticeEvent[] {
  const { data, meta } = command;
  if (state.status !== 'none') throw conflict('NOTICE.ALREADY_PUBLISHED', `notice ${data.noticeId} is already published`);
  if (!NOTICE_KINDS.includes(data.kind)) {
    throw invalid('NOTICE.INVALID_KIND', `kind must be one of ${NOTICE_KINDS.join(', ')}`, { field: 'kind' });
  }
  if (typeof data.logPosition !== 'string' || !/^(0|[1-9]\d{0,19})$/.test(data.logPosition)) {
    throw invalid('NOTICE.INVALID_LOG_POSITION', 'logPosition must be a non-negative integer in decimal digits', { field: 'logPosition' });
  }
  if (typeof data.digest !== 'string' || !/^[0-9a-f]{64}$/.test(data.digest)) {
    throw invalid('NOTICE.INVALID_DIGEST', 'digest must be a SHA-256 in lowercase hex (64 characters)', { field: 'digest' });
  }
  const objectionPeriodEndsAt = requireInstant(data.objectionPeriodEndsAt, 'NOTICE.INVALID_PERIOD', 'objectionPeriodEndsAt');
  if (millis(objectionPeriodEndsAt) <= meta.now.getTime()) {
    throw invalid('NOTICE.DEADLINE_IN_PAST', 'the objection period must end after publication', { field: 'objectionPeriodEndsAt' });
  }
  return [
    {
      type: 'NoticePublished',
      data: {
        noticeId: requireId(data.noticeId, 'NOTICE.INVALID_ID', 'noticeId'),
        communityId: requireId(data.communityId, 'NOTICE.INVALID_ID', 'communityId'),
        kind: data.kind,
        title: requireText(data.title, 'NOTICE.TITLE_REQUIRED', 'title', 200),
        logPosition: data.logPosition,
        digest: data.digest,
        subjectId: data.subjectId == null ? null : requireId(data.subjectId, 'NOTICE.INVALID_ID', 'subjectId'),
        publishedAt: meta.now.toISOString(),
        objectionPeriodEndsAt,
      },
    },
  ];
}

function raise(command: RaiseObjection, state: NoticeState): NoticeEvent[] {
  const notice = requirePublished(state, command.data.noticeId);
  if (notice.status === 'closed') throw conflict('NOTICE.CLOSED', 'the notice is closed; objections are no longer taken');
  if (command.meta.now.getTime() >= millis(notice.objectionPeriodEndsAt)) {
    throw conflict('NOTICE.PERIOD_ENDED', `the objection period ended at ${notice.objectionPeriodEndsAt}`);
  }
  const objectionId = requireId(command.data.objectionId, 'NOTICE.INVALID_ID', 'objectionId');
  if (notice.objections.some((o) => o.objectionId === objectionId)) {
    throw conflict('NOTICE.OBJECTION_ALREADY_RAISED', `objection ${objectionId} was already raised`);
  }
  if (notice.objections.length >= MAX_OBJECTIONS_PER_NOTICE) {
    throw conflict('NOTICE.TOO_MANY_OBJECTIONS', `a notice takes at most ${MAX_OBJECTIONS_PER_NOTICE} objections`);
  }
  return [
    {
      type: 'ObjectionRaised',
      data: {
        noticeId: notice.noticeId,
        communityId: notice.communityId,
        objectionId,
        text: requireText(command.data.text, 'NOTICE.OBJECTION_TEXT_REQUIRED', 'text', 2000),
        contact: optionalText(command.data.contact, 'NOTICE.INVALID_CONTACT', 'contact', 100),
        raisedAt: command.meta.now.toISOString(),
      },
    },
  ];
}

/** Each objection is answered once; answers are still taken after close for objections left open. */
function answer(command: AnswerObjection, state: NoticeState): NoticeEvent[] {
  const notice = requirePublished(state, command.data.noticeId);
  if (!ANSWERING_ROLES.includes(command.meta.actor.role)) {
    throw forbidden('NOTICE.NOT_SECRETARY', 'objections are answered by the community secretary or staff');
  }
  const objection = notice.objections.find((o) => o.objectionId === command.data.objectionId);
  if (!objection) throw notFound('NOTICE.OBJECTION_NOT_FOUND', `objection ${command.data.objectionId} was not raised on this notice`);
  if (objection.answered) throw conflict('NOTICE.OBJECTION_ALREADY_ANSWERED', `objection ${objection.objectionId} is already answered`);
  return [
    {
      type: 'ObjectionAnswered',
      data: {
        noticeId: notice.noticeId,
        communityId: notice.communityId,
        objectionId: objection.objectionId,
        answer: requireText(command.data.answer, 'NOTICE.ANSWER_REQUIRED', 'answer', 5000),
        answeredAt: command.meta.now.toISOString(),
      },
    },
  ];
}

function close(command: CloseNotice, state: NoticeState): NoticeEvent[] {
  const notice = requirePublished(state, command.data.noticeId);
  if (notice.status === 'closed') return [];
  if (command.meta.now.getTime() < millis(notice.objectionPeriodEndsAt)) {
    throw conflict('NOTICE.PERIOD_NOT_ENDED', `the objection period runs until ${notice.objectionPeriodEndsAt}`);
  }
  return [
    {
      type: 'NoticeClosed',
      data: {
        noticeId: notice.noticeId,
        communityId: notice.communityId,
        closedAt: command.meta.now.toISOString(),
        objectionCount: notice.objections.length,
        unansweredObjectionIds: notice.objections.filter((o) => !o.answered).map((o) => o.objectionId),
      },
    },
  ];
}

function requirePublished(state: NoticeState, noticeId: string) {
  if (state.status === 'none') throw notFound('NOTICE.NOT_FOUND', `notice ${noticeId} is not published`);
  return state;
}
