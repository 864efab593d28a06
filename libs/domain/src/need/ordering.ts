import type { Instant } from '../shared/message';
import type { Urgency } from './events';

const RANK: Record<Urgency, number> = { urgent: 0, high: 1, normal: 2, low: 3 };

/** The needs list's order: urgency (urgent first), then age (oldest first), then id for a total order. */
export function compareNeedsForList(
  a: { urgency: Urgency; submittedAt: Instant; needId: string },
  b: { urgency: Urgency; submittedAt: Instant; needId: string },
): number {
  return (
    RANK[a.urgency] - RANK[b.urgency] ||
    Date.parse(a.submittedAt) - Date.parse(b.submittedAt) ||
    (a.needId < b.needId ? -1 : a.needId > b.needId ? 1 : 0)
  );
}
