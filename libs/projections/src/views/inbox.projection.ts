import type { ProjectionEvent } from '@cobuild/event-store';
import { sortNumber, type DocumentProjection } from '../runtime/document-projection';

/**
 * 待办: what is addressed to a unit, a member, a functional department or a street — tasks assigned
 * or reassigned to them, claims confirmed or refused, their tasks gone overdue, escalations, and
 * the reminders the worker delivered (`ReminderSent`: a deadline coming, an assignment waiting to be
 * accepted, an escalation proposed to the street, a rating due before a round closes, nothing
 * done this year ahead of year end).
 * Keys: `inbox:<unitId>`, `inbox:<memberId>`, `inbox:dept:<departmentId>`, `inbox:street:<streetId>`,
 * `inbox:person:<personId>` (an appointed evaluator).
 * Newest first; the latest ITEMS_KEPT items are kept. No read state (no events for it yet).
 */
export const ITEMS_KEPT = 500;

export interface InboxItem {
  /** the event's id */
  id: string;
  type: string;
  /** null for reminders not about a task */
  taskId: string | null;
  communityId: string;
  position: number;
  occurredAt: string;
  deadline: string | null;
  reason: string | null;
  escalationId: string | null;
  /** for `ReminderSent`: which reminder (`due-3d`, `due-today`, `accept`, `escalation-proposed`, …) */
  reminder: string | null;
  /** for a `rating-due` reminder: the evaluation round */
  roundId: string | null;
}

export interface InboxDoc {
  key: string;
  owner: { kind: 'unit' | 'member' | 'department' | 'street' | 'person'; id: string };
  /** newest first */
  items: InboxItem[];
  /** items ever addressed here (also those no longer kept) */
  total: number;
  lastPosition: number;
}

type Data = Record<string, any>;

const personal = (r: Data | undefined): string[] => {
  if (r?.kind === 'unit' && r.unitId) return [`inbox:${r.unitId}`];
  if (r?.kind === 'member' && r.memberId) return [`inbox:${r.memberId}`];
  return [];
};

const target = (to: Data | undefined): string[] => {
  if (to?.kind === 'department' && to.departmentId) return [`inbox:dept:${to.departmentId}`];
  if (to?.kind === 'street' && to.streetId) return [`inbox:street:${to.streetId}`];
  return [];
};

export const inboxKeyOf = (owner: InboxDoc['owner']): string =>
  owner.kind === 'department' ? `inbox:dept:${owner.id}`
  : owner.kind === 'street' ? `inbox:street:${owner.id}`
  : owner.kind === 'person' ? `inbox:person:${owner.id}`
  : `inbox:${owner.id}`;

function keysOf(e: ProjectionEvent): string[] {
  const d = e.data as Data;
  switch (e.type) {
    case 'TaskAssigned':
    case 'TaskClaimConfirmed':
    case 'TaskBecameOverdue':
      return personal(d.responsible);
    case 'TaskReassigned':
      return [...new Set([...personal(d.responsible), ...personal(d.previousResponsible)])];
    case 'TaskClaimRejected':
      return personal(d.claimant);
    case 'TaskEscalated':
      return target(d.to);
    case 'ReminderSent':
      return [...new Set((d.recipients as Array<{ kind: InboxDoc['owner']['kind']; id: string }>).map((r) => inboxKeyOf(r)))];
    default:
      return [];
  }
}

function ownerOf(key: string, e: ProjectionEvent): InboxDoc['owner'] {
  if (key.startsWith('inbox:dept:')) return { kind: 'department', id: key.slice('inbox:dept:'.length) };
  if (key.startsWith('inbox:street:')) return { kind: 'street', id: key.slice('inbox:street:'.length) };
  if (key.startsWith('inbox:person:')) return { kind: 'person', id: key.slice('inbox:person:'.length) };
  const id = key.slice('inbox:'.length);
  const d = e.data as Data;
  if (e.type === 'ReminderSent') return (d.recipients as Array<InboxDoc['owner']>).find((r) => inboxKeyOf(r) === key) ?? { kind: 'unit', id };
  const people = [d.responsible, d.previousResponsible, d.claimant] as Array<Data | undefined>;
  return people.some((r) => r?.kind === 'member' && r.memberId === id) ? { kind: 'member', id } : { kind: 'unit', id };
}

export const inboxProjection: DocumentProjection<InboxDoc> = {
  name: 'inbox',
  version: 3,
  categories: ['task', 'reminder'],
  keysOf,
  evolve(doc, e, key) {
    const d = e.data as Data;
    const prev = doc ?? { key, owner: ownerOf(key, e), items: [], total: 0, lastPosition: 0 };
    const item: InboxItem = {
      id: e.id,
      type: e.type === 'TaskReassigned' && `inbox:${(d.responsible as Data)?.unitId ?? (d.responsible as Data)?.memberId}` !== key ? 'TaskReassignedAway' : e.type,
      taskId: d.taskId ?? null,
      communityId: d.communityId,
      position: e.position,
      occurredAt: e.metadata.occurredAt,
      deadline: d.deadline ?? null,
      reason: d.reason ?? null,
      escalationId: d.escalationId ?? null,
      reminder: e.type === 'ReminderSent' ? d.kind : null,
      roundId: d.roundId ?? null,
    };
    return { ...prev, items: [item, ...prev.items].slice(0, ITEMS_KEPT), total: prev.total + 1, lastPosition: e.position };
  },
  index: (doc) => ({ communityId: null, status: doc.owner.kind, sort: [sortNumber(doc.lastPosition), doc.key] }),
};
