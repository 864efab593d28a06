import { DomainError } from '../shared/domain-error';
import { isIntegerIn, optionalText, requireId, requireIdList, requireInstant, requireText } from './index';

const codeOf = (f: () => unknown): string | undefined => {
  try {
    f();
    return undefined;
  } catch (e) {
    return e instanceof DomainError ? `${e.code}:${String(e.details.field)}` : 'not a DomainError';
  }
};

describe('guards', () => {
  it('requireText trims, and rejects blanks and over-long text naming the field', () => {
    expect(requireText('  和平 ', 'X.T', 'name')).toBe('和平');
    expect(codeOf(() => requireText(' ', 'X.T', 'name'))).toBe('X.T:name');
    expect(codeOf(() => requireText(3, 'X.T', 'name'))).toBe('X.T:name');
    expect(codeOf(() => requireText('abcd', 'X.T', 'name', 3))).toBe('X.T:name');
  });
  it('requireId refuses blanks, spaces and the composite separator', () => {
    expect(requireId('u-1_a.b', 'X.ID', 'id')).toBe('u-1_a.b');
    for (const bad of ['', 'a b', 'a:b', undefined, 'x'.repeat(129)]) expect(codeOf(() => requireId(bad, 'X.ID', 'id'))).toBe('X.ID:id');
  });
  it('optionalText turns absent or blank into null', () => {
    expect(optionalText(undefined, 'X', 'c')).toBeNull();
    expect(optionalText('  ', 'X', 'c')).toBeNull();
    expect(optionalText(' hi ', 'X', 'c')).toBe('hi');
    expect(codeOf(() => optionalText(5, 'X', 'c'))).toBe('X:c');
  });
  it('requireInstant takes UTC ISO instants and refuses dates that do not exist', () => {
    expect(requireInstant('2028-02-29T23:59:59.999Z', 'X.I', 'at')).toBe('2028-02-29T23:59:59.999Z');
    for (const bad of ['2026-02-29T00:00:00Z', '2026-04-31T00:00:00Z', '2026-01-01T24:00:00Z', '2026-01-01', '2026-01-01T08:00:00+08:00', 12]) {
      expect(codeOf(() => requireInstant(bad, 'X.I', 'at'))).toBe('X.I:at');
    }
  });
  it('requireIdList refuses repeats and short lists', () => {
    expect(requireIdList(['a', 'b'], 'X.L', 'ids', { min: 1 })).toEqual(['a', 'b']);
    expect(codeOf(() => requireIdList(['a', 'a'], 'X.L', 'ids'))).toBe('X.L:ids');
    expect(codeOf(() => requireIdList([], 'X.L', 'ids', { min: 1 }))).toBe('X.L:ids');
    expect(codeOf(() => requireIdList('a', 'X.L', 'ids'))).toBe('X.L:ids');
  });
  it('isIntegerIn checks integer and range', () => {
    expect([isIntegerIn(0, 0, 100), isIntegerIn(100, 0, 100), isIntegerIn(101, 0, 100), isIntegerIn(1.5, 0, 100), isIntegerIn('5', 0, 100)]).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
  });
});
