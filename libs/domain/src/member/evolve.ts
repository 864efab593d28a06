import type { MemberEvent } from './events';
import type { MemberState } from './state';

export function evolveMember(state: MemberState, event: MemberEvent): MemberState {
  switch (event.type) {
    case 'MemberRegistered': {
      const d = event.data;
      return {
        status: 'registered',
        memberId: d.memberId,
        name: d.name,
        homeUnitId: d.homeUnitId,
        communityId: d.communityId,
        skills: [...d.skills],
        registeredAt: d.registeredAt,
        feedbackIds: state.status === 'none' ? [] : state.feedbackIds,
      };
    }
    case 'MemberSkillsUpdated':
      return state.status === 'registered' ? { ...state, skills: [...event.data.skills] } : state;
    case 'MemberHomeUnitChanged':
      return state.status === 'registered' ? { ...state, homeUnitId: event.data.homeUnitId } : state;
    case 'MemberLeft': {
      if (state.status !== 'registered') return state;
      const { registeredAt: _r, ...facts } = state;
      return { ...facts, status: 'left', reason: event.data.reason, leftAt: event.data.leftAt };
    }
    case 'MemberFeedbackSent':
      return state.status === 'none' ? state : { ...state, feedbackIds: [...state.feedbackIds, event.data.feedbackId] };
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}
