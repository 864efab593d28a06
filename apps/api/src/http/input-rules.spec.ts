import fc from 'fast-check';
import { inputProblems, MAX_JSON_DEPTH, textProblem, tooDeep } from './input-rules';

const nestedArrays = (depth: number) => JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`) as unknown;

describe('input rules', () => {
  describe('tooDeep', () => {
    it('finds the path where 100,000 nested arrays go too deep, without recursion', () => {
      expect(tooDeep({ title: nestedArrays(100_000) })).toBe(`title${'[0]'.repeat(MAX_JSON_DEPTH - 1)}`);
    });
    it(`lets ${MAX_JSON_DEPTH} levels through and stops the next one`, () => {
      expect(tooDeep(nestedArrays(MAX_JSON_DEPTH))).toBeNull();
      expect(tooDeep(nestedArrays(MAX_JSON_DEPTH + 1))).not.toBeNull();
    });
  });

  describe('textProblem', () => {
    it.each([
      ['a lone high surrogate', 'a\ud800', 'wellFormedText'],
      ['a lone low surrogate', '\udc00b', 'wellFormedText'],
      ['a reversed pair', '\udc00\ud800', 'wellFormedText'],
      ['NUL', 'a\u0000b', 'noControlCharacters'],
      ['an escape sequence', '\u001b[2J', 'noControlCharacters'],
      ['DEL', 'x\u007f', 'noControlCharacters'],
      ['zero-width spaces only', '\u200b\u200b', 'visibleText'],
      ['a BOM only', '\ufeff', 'visibleText'],
      ['joiners and white space only', ' \u200c\u200d\t', 'visibleText'],
      ['a Hangul filler only', '\u3164', 'visibleText'],
      ['a bidi override only', '\u202e', 'visibleText'],
      ['tag characters only', '\u{E0041}\u{E0042}', 'visibleText'],
    ])('refuses %s', (_what, text, rule) => expect(textProblem(text, 'title')).toMatchObject({ field: 'title', rule }));

    it.each([
      ['Chinese text', '3号楼加装扶手'],
      ['an emoji (a surrogate pair)', '👍 好'],
      ['text with a zero-width joiner inside', '👨\u200d👩'],
      ['lines and tabs', 'a\n\tb\r\n'],
      ['blank text (left to the rules that trim it)', '   '],
      ['empty text (left to IsNotEmpty)', ''],
    ])('takes %s', (_what, text) => expect(textProblem(text, 'title')).toBeNull());

    it('takes any well-formed text with a visible letter', () =>
      fc.assert(
        fc.property(fc.string({ unit: 'grapheme-ascii' }), fc.string({ unit: 'grapheme' }), (a, b) =>
          expect(textProblem(`${a}字${b}`.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, ''), 'f')).toBeNull(),
        ),
      ));
  });

  describe('inputProblems', () => {
    it('names each hostile value by its path', () => {
      const body = JSON.parse('{"a":{"__proto__":1,"b":[1,"\\ud800",9007199254740993]},"constructor":{},"c":"\\u200b","":"\\u0000"}');
      expect(inputProblems(body).map((e) => `${e.field}:${e.rule}`).sort()).toEqual(['[""]:noControlCharacters', 'a.__proto__:key', 'a.b[1]:wellFormedText', 'a.b[2]:safeNumber', 'c:visibleText', 'constructor:key']);
    });
    it('names a path parameter by its name', () => {
      expect(inputProblems('r\u0000', 'roundId')).toEqual([expect.objectContaining({ field: 'roundId', rule: 'noControlCharacters' })]);
    });
    it('refuses numbers a double cannot hold exactly, and infinities', () => {
      for (const n of [2 ** 53, -(2 ** 53), 1e21, Infinity, -Infinity, NaN]) expect(inputProblems({ n })).toHaveLength(1);
      for (const n of [0, -1, 2 ** 53 - 1, -(2 ** 53 - 1), 0.5, 1e-300]) expect(inputProblems({ n })).toEqual([]);
    });
    it('takes ordinary bodies', () => {
      expect(inputProblems({ title: '3号楼加装扶手', beneficiaries: { count: 12 }, tags: ['助老'], criterionScores: { 服务态度: 90 }, comment: null })).toEqual([]);
    });
  });
});
