import type { need } from '@cobuild/domain';
import type { ProjectionEvent } from '@cobuild/event-store';
import { maskFreeText as text, maskName, maskPhone, publicNeedTitle } from '../masking';
import { changed, sortNumber, type DocumentProjection } from '../runtime/document-projection';

/**
 * One row of the needs list (需求清单); the requester is masked (张* · 138****5678), and so is personal
 * data in the free text: the title is the public title the secretary confirmed, else the need's
 * own with personal data masked. The need's own GET shows it whole to staff.
 */
export interface NeedListItem {
  id: string;
  communityId: string;
  title: string;
  category: string;
  urgency: need.Urgency;
  source: need.NeedSource;
  requestingUnitId: string | null;
  status: need.NeedStatus;
  grid: string | null;
  wantedBy: string | null;
  submittedAt: string;
  listedAt: string | null;
  /** tasks matched to the need and not released, in matching order */
  taskIds: string[];
  /** of those, the ones verified (验收) */
  verifiedTaskIds: string[];
  beneficiaries: { description: string; count: number | null };
  requester: { name: string; phone: string | null };
  mergedInto: string | null;
  /** the last reason given (rejected, withdrawn, closed unfulfilled) */
  reason: string | null;
  /** log position of the last event that changed the row */
  position: number;
}

export const URGENCY_RANK: Record<need.Urgency, number> = { urgent: 0, high: 1, normal: 2, low: 3 };

const without = (ids: string[], id: string) => ids.filter((x) => x !== id);
const withId = (ids: string[], id: string) => (ids.includes(id) ? ids : [...ids, id]);

function evolve(doc: NeedListItem | null, e: ProjectionEvent): NeedListItem | null {
  const d = e.data as Record<string, any>;
  if (e.type === 'NeedSubmitted') {
    const s = d as need.NeedDetails;
    return {
      id: s.needId,
      communityId: s.communityId,
      title: publicNeedTitle({ title: s.title }),
      category: s.category,
      urgency: s.urgency,
      source: s.source,
      requestingUnitId: s.requestingUnitId ?? null,
      status: 'submitted',
      grid: s.location?.gridId ?? null,
      wantedBy: s.wantedBy ?? null,
      submittedAt: s.submittedAt,
      listedAt: null,
      taskIds: [],
      verifiedTaskIds: [],
      beneficiaries: { description: text(s.beneficiaries.description), count: s.beneficiaries.count ?? null },
      requester: { name: maskName(s.requester.name), phone: maskPhone(s.requester.phone ?? null) },
      mergedInto: null,
      reason: null,
      position: e.position,
    };
  }
  if (!doc) return null;
  switch (e.type) {
    case 'NeedPublicTitleConfirmed':
      return changed(doc, e.position, { title: d.publicTitle });
    case 'NeedListed':
      return changed(doc, e.position, { status: 'listed', listedAt: d.listedAt ?? null });
    case 'NeedRejected':
      return changed(doc, e.position, { status: 'rejected', reason: text(d.reason) });
    case 'NeedMerged':
      return changed(doc, e.position, { status: 'merged', mergedInto: d.intoNeedId });
    case 'NeedUrgencyChanged':
      return changed(doc, e.position, { urgency: d.to });
    case 'NeedMatched':
      return changed(doc, e.position, { status: 'matched', taskIds: withId(doc.taskIds, d.taskId), verifiedTaskIds: without(doc.verifiedTaskIds, d.taskId) });
    case 'NeedMatchReleased':
      return changed(doc, e.position, { taskIds: without(doc.taskIds, d.taskId), verifiedTaskIds: without(doc.verifiedTaskIds, d.taskId) });
    case 'NeedReturnedToList':
      return changed(doc, e.position, { status: 'listed' });
    case 'NeedTaskVerified':
      return changed(doc, e.position, { verifiedTaskIds: withId(doc.verifiedTaskIds, d.taskId) });
    case 'NeedFulfilled':
      return changed(doc, e.position, { status: 'fulfilled' });
    case 'NeedTaskReopened':
      return changed(doc, e.position, { status: doc.status === 'fulfilled' ? 'matched' : doc.status, verifiedTaskIds: without(doc.verifiedTaskIds, d.taskId) });
    case 'NeedWithdrawn':
      return changed(doc, e.position, { status: 'withdrawn', reason: text(d.reason) });
    case 'NeedClosedUnfulfilled':
      return changed(doc, e.position, { status: 'closed', reason: text(d.reason) });
    default:
      return doc;
  }
}

/**
 * 需求清单: one document per need, ordered by urgency (urgent, high, normal, low) then age
 * (oldest first), then id — the order of need.compareNeedsForList.
 */
export const needsListProjection: DocumentProjection<NeedListItem> = {
  name: 'needs-list',
  // 2: free text with personal data masked; the confirmed public title
  version: 2,
  categories: ['need'],
  keysOf: (e) => (typeof e.data.needId === 'string' ? [e.data.needId] : []),
  evolve: (doc, e) => evolve(doc, e),
  index: (doc) => ({
    communityId: doc.communityId,
    status: doc.status,
    sort: [String(URGENCY_RANK[doc.urgency] ?? 9), sortNumber(Date.parse(doc.submittedAt))],
  }),
};
