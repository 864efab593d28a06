import type { Direction, SubjectResult } from './events';
import type { CurrentRating } from './state';

const DIRECTION_ORDER: readonly Direction[] = ['community_to_unit', 'unit_to_community', 'resident_to_member', 'task_work', 'task_coordination'];

const round = (value: number, decimals: number): number => {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
};

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Aggregates the current ratings per (direction, subject), in a stable order. */
export function aggregateResults(ratings: readonly CurrentRating[]): SubjectResult[] {
  const groups = new Map<string, CurrentRating[]>();
  for (const r of ratings) {
    const key = JSON.stringify([r.direction, r.subject.kind, r.subject.id]);
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const results = [...groups.values()].map((group): SubjectResult => {
    const counts = { satisfied: 0, basically_satisfied: 0, dissatisfied: 0 };
    const sums = new Map<string, { sum: number; n: number }>();
    for (const r of group) {
      counts[r.rating] += 1;
      for (const [criterion, score] of Object.entries(r.criterionScores)) {
        const acc = sums.get(criterion) ?? { sum: 0, n: 0 };
        sums.set(criterion, { sum: acc.sum + score, n: acc.n + 1 });
      }
    }
    const total = group.length;
    const meanCriterionScores = Object.fromEntries(
      [...sums.entries()].sort(([a], [b]) => compare(a, b)).map(([criterion, { sum, n }]) => [criterion, round(sum / n, 2)]),
    );
    return {
      direction: group[0].direction,
      subject: { ...group[0].subject },
      counts,
      total,
      satisfactionRate: round((counts.satisfied + counts.basically_satisfied) / total, 4),
      satisfiedRate: round(counts.satisfied / total, 4),
      meanCriterionScores,
    };
  });
  return results.sort(
    (a, b) =>
      DIRECTION_ORDER.indexOf(a.direction) - DIRECTION_ORDER.indexOf(b.direction) ||
      compare(a.subject.kind, b.subject.kind) ||
      compare(a.subject.id, b.subject.id),
  );
}
