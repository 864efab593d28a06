import type { Event, Instant, Role } from '../shared/message';

/**
 * community_to_unit: community and evaluators rate a unit's social responsibility (履行社会责任);
 * unit_to_community: a unit rates the community's or street's service quality;
 * resident_to_member: residents' representatives rate a member's kept pledge (评诺);
 * task_work: per verified task, the requester and the community rate the work;
 * task_coordination: per verified task, the responsible unit rates the community's coordination.
 */
export type Direction = 'community_to_unit' | 'unit_to_community' | 'resident_to_member' | 'task_work' | 'task_coordination';

/** 满意 / 基本满意 / 不满意 */
export type Rating = 'satisfied' | 'basically_satisfied' | 'dissatisfied';

export type SubjectKind = 'unit' | 'community' | 'street' | 'member' | 'task';
export type Subject = { kind: SubjectKind; id: string };

export type RoundScope = { level: 'street' | 'community'; id: string };
export type RoundPeriod = { kind: 'year'; year: number } | { kind: 'custom'; label: string; from: Instant; until: Instant };

/** who rates: a person, or a unit speaking through its contact */
export type Evaluator = { kind: 'person' | 'unit'; id: string };

export type RatingCounts = { satisfied: number; basically_satisfied: number; dissatisfied: number };

/** The aggregated result for one subject in one direction. */
export type SubjectResult = {
  direction: Direction;
  subject: Subject;
  counts: RatingCounts;
  total: number;
  /** (满意 + 基本满意) / total, rounded to 4 decimals */
  satisfactionRate: number;
  /** 满意 / total, rounded to 4 decimals */
  satisfiedRate: number;
  /** mean of the scores given per criterion (only criteria scored at least once), rounded to 2 decimals */
  meanCriterionScores: Record<string, number>;
};

/** 双向评价: an evaluation round opened for a street or community and a period. */
export type EvaluationRoundOpened = Event<
  'EvaluationRoundOpened',
  {
    roundId: string;
    scope: RoundScope;
    /** the community when the round is held by a community, else null */
    communityId: string | null;
    period: RoundPeriod;
    directions: Direction[];
    criteria: string[];
    appointedEvaluatorIds: string[];
    plannedCloseAt: Instant | null;
    openedAt: Instant;
  }
>;

/** A rating (满意/基本满意/不满意, optional criterion scores and comment); supersedes the evaluator's earlier rating of the subject. */
export type RatingSubmitted = Event<
  'RatingSubmitted',
  {
    roundId: string;
    scope: RoundScope;
    /** the round's community, or the task's community for per-task ratings, else null */
    communityId: string | null;
    direction: Direction;
    subject: Subject;
    evaluator: Evaluator;
    evaluatorRole: Role;
    rating: Rating;
    criterionScores: Record<string, number>;
    comment: string | null;
    /** true when this rating replaces the same evaluator's earlier rating of the subject */
    supersedesPrevious: boolean;
    submittedAt: Instant;
  }
>;

/** The round closed; carries the aggregated results per (direction, subject). */
export type EvaluationRoundClosed = Event<
  'EvaluationRoundClosed',
  {
    roundId: string;
    scope: RoundScope;
    communityId: string | null;
    period: RoundPeriod;
    closedAt: Instant;
    /** ratings counted (superseded ones excluded) */
    ratingCount: number;
    results: SubjectResult[];
  }
>;

export type EvaluationRoundEvent = EvaluationRoundOpened | RatingSubmitted | EvaluationRoundClosed;

export const evaluationRoundEventVersions: Record<EvaluationRoundEvent['type'], number> = {
  EvaluationRoundOpened: 1,
  RatingSubmitted: 1,
  EvaluationRoundClosed: 1,
};
