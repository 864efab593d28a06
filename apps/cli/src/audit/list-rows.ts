import type { Writable } from 'node:stream';
import { once } from 'node:events';
import { LIST_NAMES, type ListName, type ThreeLists } from '@cobuild/audit';

/** One row of any of the three lists, flattened to the same columns (the table and the CSV). */
export interface ListRow {
  list: ListName;
  id: string;
  status: string;
  title: string;
  category: string;
  unit: string;
  quantity: string;
  date: string;
  deadline: string;
  links: string;
}

export const LIST_LABELS: Record<ListName, string> = { needs: '需求清单 needs', resources: '资源清单 resources', tasks: '项目清单 tasks' };

const COLUMNS: Array<[keyof ListRow, string]> = [
  ['list', '清单'],
  ['id', '编号'],
  ['status', '状态'],
  ['title', '名称'],
  ['category', '类别'],
  ['unit', '单位'],
  ['quantity', '数量'],
  ['date', '日期'],
  ['deadline', '期限'],
  ['links', '关联'],
];

const s = (v: unknown) => (v === null || v === undefined ? '' : String(v));

/** every row of the three lists, list by list, each in its list order */
export function* listRows(lists: ThreeLists): Generator<ListRow> {
  for (const n of lists.needs)
    yield { list: 'needs', id: n.id, status: n.status, title: n.title, category: `${n.category} · ${n.urgency}`, unit: n.requestingUnitId ?? n.source, quantity: s(n.beneficiaries?.count), date: n.submittedAt, deadline: s(n.wantedBy), links: n.taskIds.join(' ') };
  for (const r of lists.resources)
    yield {
      list: 'resources', id: r.id, status: r.status, title: r.description, category: r.type,
      unit: `${r.pledger.kind}:${'memberId' in r.pledger ? r.pledger.memberId : r.pledger.unitId}`,
      quantity: `${r.capacity.remaining}/${r.capacity.pledged} ${r.capacity.measure}`, date: r.pledgedAt, deadline: s(r.availability.until), links: r.allocations.map((a) => a.taskId).join(' '),
    };
  for (const t of lists.tasks)
    yield {
      list: 'tasks', id: t.id, status: t.status, title: t.title, category: t.origin, unit: s(t.responsibleUnitId),
      quantity: t.progress.percentComplete === null ? '' : `${t.progress.percentComplete}%`, date: t.createdAt, deadline: s(t.deadline), links: t.needIds.join(' '),
    };
}

/** RFC 4180 quoting; a leading = + - @ is defused so a spreadsheet never runs a cell as a formula */
export function csvField(v: string): string {
  const safe = /^[=+\-@\t\r]/.test(v) && !/^-?\d/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const CSV_HEADER = COLUMNS.map(([k]) => k).join(',');

/** writes the rows as CSV (a header, then one line a row), waiting for the stream to drain */
export async function writeCsv(out: Writable, rows: Iterable<ListRow>): Promise<number> {
  let n = 0;
  if (!out.write(`${CSV_HEADER}\r\n`)) await once(out, 'drain');
  for (const r of rows) {
    n++;
    if (!out.write(`${COLUMNS.map(([k]) => csvField(r[k])).join(',')}\r\n`)) await once(out, 'drain');
  }
  return n;
}

/** terminal width of a string: CJK and full-width characters take two columns */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1;
  return w;
}

function fit(text: string, width: number): string {
  if (displayWidth(text) <= width) return text + ' '.repeat(width - displayWidth(text));
  let out = '';
  for (const ch of text) {
    if (displayWidth(out + ch) > width - 1) break;
    out += ch;
  }
  out += '…';
  return out + ' '.repeat(Math.max(0, width - displayWidth(out)));
}

/** a readable table per list (dates in the community's time zone), or "（空）" for an empty list */
export function renderTables(lists: ThreeLists, timeZone: string): string {
  const day = new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const date = (iso: string) => (iso ? day.format(new Date(iso)) : '');
  const rows = [...listRows(lists)].map((r) => ({ ...r, date: date(r.date), deadline: date(r.deadline) }));
  const cols = COLUMNS.filter(([k]) => k !== 'list');
  let out = '';
  for (const name of LIST_NAMES) {
    const mine = rows.filter((r) => r.list === name);
    out += `\n${LIST_LABELS[name]} (${mine.length})\n`;
    if (mine.length === 0) {
      out += '  （空）\n';
      continue;
    }
    const widths = cols.map(([k, label]) => Math.min(k === 'title' ? 28 : 40, Math.max(displayWidth(label), ...mine.map((r) => displayWidth(r[k])))));
    const line = (cells: string[]) => `  ${cells.map((c, i) => fit(c, widths[i])).join('  ').trimEnd()}\n`;
    out += line(cols.map(([, label]) => label));
    out += line(widths.map((w) => '─'.repeat(w)));
    for (const r of mine) out += line(cols.map(([k]) => r[k]));
  }
  return out;
}
