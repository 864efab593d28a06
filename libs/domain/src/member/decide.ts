import { assertNever } from '../shared/decider';
import { conflict, invalid, notFound } from '../shared/domain-error';
import { optionalText, requireId, requireIdList, requireText } from '../guards';
import type { ChangeMemberHomeUnit, MemberCommand, RecordMemberLeaving, RegisterMember, SendMemberFeedback, UpdateMemberSkills } from './commands';
import type { MemberEvent } from './events';
import type { MemberState } from './state';

export const MAX_SKILLS = 20;

export function decideMember(command: MemberCommand, state: MemberState): MemberEvent[] {
  switch (command.type) {
    case 'RegisterMember':
      return register(command, state);
    case 'UpdateMemberSkills':
      return updateSkills(command, state);
    case 'ChangeMemberHomeUnit':
      return changeHomeUnit(command, state);
    case 'RecordMemberLeaving':
      return leave(command, state);
    case 'SendMemberFeedback':
      return sendFeedback(command, state);
    default:
      return assertNever(command);
  }
}

function register(command: RegisterMember, state: MemberState): MemberEvent[] {
  const { data } = command;
  if (state.status === 'registered') {
    throw conflict('MEMBER.ALREADY_REGISTERED', `member ${data.memberId} is already registered at ${state.communityId}`);
  }
  const memberId = requireId(data.memberId, 'MEMBER.INVALID_ID', 'memberId');
  if (state.status === 'left' && state.memberId !== memberId) {
    throw invalid('MEMBER.STREAM_MISMATCH', 'the command names another member than this stream holds', { field: 'memberId' });
  }
  const phone = optionalText(data.phone, 'MEMBER.INVALID_PHONE', 'phone', 30);
  if (phone !== null && !/^[0-9+\-() ]{5,30}$/.test(phone)) {
    throw invalid('MEMBER.INVALID_PHONE', 'the phone may hold digits, spaces, +, - and brackets only', { field: 'phone' });
  }
  return [
    {
      type: 'MemberRegistered',
      data: {
        memberId,
        name: requireText(data.name, 'MEMBER.NAME_REQUIRED', 'name', 50),
        phone,
        homeUnitId: requireId(data.homeUnitId, 'MEMBER.INVALID_ID', 'homeUnitId'),
        communityId: requireId(data.residenceCommunityId, 'MEMBER.INVALID_ID', 'residenceCommunityId'),
        skills: requireSkills(data.skills),
        registeredAt: command.meta.now.toISOString(),
      },
    },
  ];
}

function updateSkills(command: UpdateMemberSkills, state: MemberState): MemberEvent[] {
  const member = requireRegistered(state, command.data.memberId);
  const skills = requireSkills(command.data.skills);
  const added = skills.filter((s) => !member.skills.includes(s));
  const removed = member.skills.filter((s) => !skills.includes(s));
  if (added.length === 0 && removed.length === 0 && skills.join('\n') === member.skills.join('\n')) return [];
  return [{ type: 'MemberSkillsUpdated', data: { memberId: member.memberId, communityId: member.communityId, skills, added, removed } }];
}

function changeHomeUnit(command: ChangeMemberHomeUnit, state: MemberState): MemberEvent[] {
  const member = requireRegistered(state, command.data.memberId);
  const homeUnitId = requireId(command.data.homeUnitId, 'MEMBER.INVALID_ID', 'homeUnitId');
  if (homeUnitId === member.homeUnitId) return [];
  return [
    {
      type: 'MemberHomeUnitChanged',
      data: { memberId: member.memberId, communityId: member.communityId, homeUnitId, previousHomeUnitId: member.homeUnitId },
    },
  ];
}

function leave(command: RecordMemberLeaving, state: MemberState): MemberEvent[] {
  const member = requireRegistered(state, command.data.memberId);
  const reason = requireText(command.data.reason, 'MEMBER.REASON_REQUIRED', 'reason');
  return [
    { type: 'MemberLeft', data: { memberId: member.memberId, communityId: member.communityId, reason, leftAt: command.meta.now.toISOString() } },
  ];
}

function sendFeedback(command: SendMemberFeedback, state: MemberState): MemberEvent[] {
  const member = requireRegistered(state, command.data.memberId);
  const feedbackId = requireId(command.data.feedbackId, 'MEMBER.INVALID_ID', 'feedbackId');
  if (member.feedbackIds.includes(feedbackId)) {
    throw conflict('MEMBER.FEEDBACK_ALREADY_SENT', `feedback ${feedbackId} was already sent`);
  }
  return [
    {
      type: 'MemberFeedbackSent',
      data: {
        memberId: member.memberId,
        communityId: member.communityId,
        homeUnitId: member.homeUnitId,
        feedbackId,
        period: requireText(command.data.period, 'MEMBER.PERIOD_REQUIRED', 'period', 20),
        text: requireText(command.data.text, 'MEMBER.FEEDBACK_TEXT_REQUIRED', 'text', 5000),
        taskIds: requireIdList(command.data.taskIds ?? [], 'MEMBER.INVALID_ID', 'taskIds'),
        sentAt: command.meta.now.toISOString(),
      },
    },
  ];
}

function requireRegistered(state: MemberState, memberId: string) {
  if (state.status !== 'registered') {
    throw notFound('MEMBER.NOT_REGISTERED', `member ${memberId} is not registered at a community`);
  }
  return state;
}

/** Trimmed, non-empty, unique skill labels, at most MAX_SKILLS. */
function requireSkills(value: unknown): string[] {
  if (!Array.isArray(value)) throw invalid('MEMBER.INVALID_SKILLS', 'skills must be a list', { field: 'skills' });
  const skills = value.map((s) => requireText(s, 'MEMBER.INVALID_SKILLS', 'skills', 50));
  if (new Set(skills).size !== skills.length) {
    throw invalid('MEMBER.INVALID_SKILLS', 'skills must not repeat', { field: 'skills' });
  }
  if (skills.length > MAX_SKILLS) {
    throw invalid('MEMBER.INVALID_SKILLS', `at most ${MAX_SKILLS} skills`, { field: 'skills' });
  }
  return skills;
}
