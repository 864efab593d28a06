import { canonicalJson } from '../../event-store/src/canonical-json';
import { LIST_NAMES, type ListName, type ThreeLists } from './lists-at';

export interface FieldChange {
  /** dotted path into the row, e.g. `status` or `capacity.remaining` (arrays compare whole) */
  field: string;
  before: unknown;
  after: unknown;
}

export interface ListChanges<D = Record<string, unknown>> {
  added: D[];
  removed: D[];
  changed: Array<{ id: string; fields: FieldChange[] }>;
}

export type ListsDiff = { [K in ListName]: ListChanges<ThreeLists[K][number]> };

/** bookkeeping that changes whenever an event touches a row, not a change of the row itself */
const IGNORED = new Set(['position']);

/**
 * What changed between two moments of a community's lists: rows added, rows removed, and for each
 * row in both the fields whose values differ (before → after), in list order of the later moment.
 */
export function diffLists(before: ThreeLists, after: ThreeLists): ListsDiff {
  const out = {} as Record<ListName, ListChanges<any>>;
  for (const name of LIST_NAMES) {
    const old = new Map((before[name] as Array<{ id: string }>).map((r) => [r.id, r]));
    const now = new Map((after[name] as Array<{ id: string }>).map((r) => [r.id, r]));
    const changes: ListChanges<any> = { added: [], removed: [], changed: [] };
    for (const [id, row] of now) {
      const was = old.get(id);
      if (!was) changes.added.push(row);
      else {
        const fields = fieldChanges(was, row);
        if (fields.length) changes.changed.push({ id, fields });
      }
    }
    for (const [id, row] of old) if (!now.has(id)) changes.removed.push(row);
    out[name] = changes;
  }
  return out as ListsDiff;
}

export function fieldChanges(before: unknown, after: unknown, path = ''): FieldChange[] {
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k) => (path === '' && IGNORED.has(k) ? [] : fieldChanges(before[k], after[k], path ? `${path}.${k}` : k)));
  }
  return canonicalJson(before ?? null) === canonicalJson(after ?? null) ? [] : [{ field: path, before: before ?? null, after: after ?? null }];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
