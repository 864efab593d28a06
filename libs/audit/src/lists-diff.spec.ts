import { diffLists, fieldChanges } from './lists-diff';
import { parseMoment } from './moment';
import type { ThreeLists } from './lists-at';

const lists = (needs: unknown[], tasks: unknown[] = []): ThreeLists => ({ needs, resources: [], tasks } as unknown as ThreeLists);

describe('diffLists', () => {
  it('reports rows added, removed and each changed field by its path, ignoring the bookkeeping position', () => {
    const before = lists([{ id: 'n1', status: 'submitted', capacity: { remaining: 5, pledged: 5 }, taskIds: [], position: 3 }, { id: 'n2', status: 'listed', position: 4 }]);
    const after = lists([{ id: 'n1', status: 'matched', capacity: { remaining: 2, pledged: 5 }, taskIds: ['t1'], position: 9 }, { id: 'n3', status: 'submitted', position: 8 }]);
    expect(diffLists(before, after).needs).toEqual({
      added: [{ id: 'n3', status: 'submitted', position: 8 }],
      removed: [{ id: 'n2', status: 'listed', position: 4 }],
      changed: [{ id: 'n1', fields: [
        { field: 'capacity.remaining', before: 5, after: 2 },
        { field: 'status', before: 'submitted', after: 'matched' },
        { field: 'taskIds', before: [], after: ['t1'] },
      ] }],
    });
  });

  it('says nothing for rows that only moved position, and treats missing and null alike', () => {
    expect(diffLists(lists([{ id: 'n1', a: null, position: 1 }]), lists([{ id: 'n1', position: 2 }])).needs.changed).toEqual([]);
    expect(fieldChanges({ a: { b: 1 } }, { a: null })).toEqual([{ field: 'a', before: { b: 1 }, after: null }]);
  });
});

describe('parseMoment', () => {
  it('takes a log position or an instant with its offset', () => {
    expect(parseMoment('42', 'at')).toEqual({ position: 42 });
    expect(parseMoment('2026-06-30T00:00+08:00', 'at')).toEqual({ time: new Date('2026-06-29T16:00:00.000Z') });
    expect(parseMoment('2026-06-30T00:00:00.5Z', 'at')).toEqual({ time: new Date('2026-06-30T00:00:00.500Z') });
  });

  it.each(['2026-06-30', '2026-06-30T00:00', '2026-02-30T00:00Z', 'yesterday', '-1', '1.5', ''])('refuses %p naming the field', (text) => {
    expect(() => parseMoment(text, 'from')).toThrow(expect.objectContaining({ code: 'AUDIT.BAD_MOMENT', kind: 'invalid', details: { field: 'from' } }));
  });
});
