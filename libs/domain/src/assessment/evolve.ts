import type { AssessmentEvent } from './events';
import type { AssessmentState } from './state';

export function evolveAssessment(state: AssessmentState, event: AssessmentEvent): AssessmentState {
  switch (event.type) {
    case 'AssessmentComputed': {
      const { computedAt: _at, ...result } = event.data;
      return { status: 'computed', result: JSON.parse(JSON.stringify(result)) };
    }
    case 'AssessmentFinalized':
      return state.status === 'computed' ? { status: 'finalized', result: state.result } : state;
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}
