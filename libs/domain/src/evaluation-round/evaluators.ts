import { forbidden, invalid, notFound, conflict } from '../shared/domain-error';
import type { Actor } from '../shared/message';
import type { TaskContext } from './commands';
import type { Direction, Evaluator, RoundScope, Subject, SubjectKind } from './events';

/** Which subjects each direction rates. */
export const SUBJECT_KINDS: Record<Direction, readonly SubjectKind[]> = {
  community_to_unit: ['unit'],
  unit_to_community: ['community', 'street'],
  resident_to_member: ['member'],
  task_work: ['task'],
  task_coordination: ['task'],
};

const notAnEvaluator = (direction: Direction, why: string) =>
  forbidden('ROUND.NOT_AN_EVALUATOR_FOR_DIRECTION', `not an evaluator for ${direction}: ${why}`, { direction });

interface Round {
  scope: RoundScope;
  appointedEvaluatorIds: string[];
}

/**
 * Decides who the evaluator is for this direction, from the actor's role (and, for units, the
 * actor's unitId), the round's appointed evaluators and, per task, the task context.
 */
export function evaluatorFor(direction: Direction, actor: Actor, subject: Subject, round: Round, task: TaskContext | null): Evaluator {
  const appointed = () => {
    if (actor.role === 'evaluator' && round.appointedEvaluatorIds.length > 0 && !round.appointedEvaluatorIds.includes(actor.id)) {
      throw notAnEvaluator(direction, 'the evaluator is not appointed to this round');
    }
  };
  const asUnit = (): Evaluator => {
    if (actor.role !== 'unit_contact' || !actor.unitId) throw notAnEvaluator(direction, 'only a unit contact speaking for a unit');
    return { kind: 'unit', id: actor.unitId };
  };
  switch (direction) {
    case 'community_to_unit':
      if (!['community_secretary', 'community_staff', 'evaluator'].includes(actor.role)) {
        throw notAnEvaluator(direction, 'only the community and its evaluators rate units');
      }
      appointed();
      return { kind: 'person', id: actor.id };
    case 'unit_to_community':
      return asUnit();
    case 'resident_to_member':
      if (actor.role !== 'evaluator') throw notAnEvaluator(direction, "only residents' representatives rate members");
      appointed();
      if (actor.id === subject.id) throw notAnEvaluator(direction, 'a member does not rate themselves');
      return { kind: 'person', id: actor.id };
    case 'task_work': {
      const t = requireVerifiedTask(subject, round, task);
      const isCommunity = actor.role === 'community_secretary' || actor.role === 'community_staff';
      if (!isCommunity && !t.requesterIds.includes(actor.id)) {
        throw notAnEvaluator(direction, "only the task's requesters and the community rate the work");
      }
      return { kind: 'person', id: actor.id };
    }
    case 'task_coordination': {
      const t = requireVerifiedTask(subject, round, task);
      const unit = asUnit();
      if (unit.id !== t.responsibleUnitId) throw notAnEvaluator(direction, "only the task's responsible unit rates the coordination");
      return unit;
    }
    default: {
      const unknown: never = direction;
      throw invalid('ROUND.INVALID_DIRECTION', `unknown direction ${String(unknown)}`, { field: 'direction' });
    }
  }
}

function requireVerifiedTask(subject: Subject, round: Round, task: TaskContext | null): TaskContext {
  if (!task || task.taskId !== subject.id) throw notFound('ROUND.TASK_NOT_FOUND', `task ${subject.id} is unknown`);
  if (!task.verified) throw conflict('ROUND.TASK_NOT_VERIFIED', `task ${subject.id} is not verified; only verified tasks are rated`);
  if (round.scope.level === 'community' && task.communityId !== round.scope.id) {
    throw conflict('ROUND.SUBJECT_OUT_OF_SCOPE', `task ${subject.id} belongs to another community`);
  }
  return task;
}

/** A community round rates its own community only; a street round rates its own street (and its communities). */
export function requireSubjectInScope(direction: Direction, subject: Subject, scope: RoundScope): void {
  if (!SUBJECT_KINDS[direction].includes(subject.kind)) {
    throw invalid('ROUND.SUBJECT_NOT_FOR_DIRECTION', `${direction} does not rate a ${subject.kind}`, { field: 'subject.kind' });
  }
  const outOfScope =
    (subject.kind === 'street' && (scope.level !== 'street' || subject.id !== scope.id)) ||
    (subject.kind === 'community' && scope.level === 'community' && subject.id !== scope.id);
  if (outOfScope) throw conflict('ROUND.SUBJECT_OUT_OF_SCOPE', `${subject.kind} ${subject.id} is outside the round's scope`);
}
