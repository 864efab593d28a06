import type { FieldError } from './problem';

/**
 * Rules every value of a request obeys, whatever the endpoint: checked once, in the body parser
 * (nesting depth) and in the global validation pipe (the rest), so that no hostile value reaches a
 * decider, the event store or PostgreSQL. Each failure names the field and the rule.
 */

/** The deepest body any endpoint takes is 4 levels; 32 leaves room and stays far from any stack limit. */
export const MAX_JSON_DEPTH = 32;
/** keys that would reach an object's prototype in a map (criterionScores …): never data */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_SURROGATE_ALL = new RegExp(LONE_SURROGATE.source, 'g');
/** C0 controls other than tab, line feed and carriage return, and DEL: NUL among them */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
/** white space, format characters (zero-width space/joiners, BOM, bidi marks, soft hyphen, tags) and blank-looking letters */
const INVISIBLE_ONLY = /^[\s\p{Cc}\p{Cf}\p{Z}\u034F\u115F\u1160\u17B4\u17B5\u180E\u2800\u3164\uFFA0\uFE00-\uFE0F\u{E0100}-\u{E01EF}]+$/u;
/** blank text is left to the rules that trim it ("reason must not be empty"); a BOM is not blank to them */
const WHITE_SPACE_ONLY = /^[^\S\uFEFF]+$/;
const MAX_ERRORS = 20;

/** `parent.key` / `parent[0]`, printable even when the key itself is hostile */
export function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  if (key === '') return `${parent}[""]`;
  const shown = key.replace(LONE_SURROGATE_ALL, '\uFFFD').replace(/[\u0000-\u001F\u007F]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return parent ? `${parent}.${shown}` : shown;
}

/**
 * The first path at which `value` is nested deeper than `max` levels, or null. Iterative: a body of
 * 100,000 nested arrays is answered, not a stack overflow.
 */
export function tooDeep(value: unknown, max = MAX_JSON_DEPTH): string | null {
  const stack: Array<[unknown, string, number]> = [[value, '', 0]];
  while (stack.length) {
    const [v, path, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth >= max) return path;
    if (Array.isArray(v)) v.forEach((x, i) => stack.push([x, childPath(path, i), depth + 1]));
    else for (const [k, x] of Object.entries(v)) stack.push([x, childPath(path, k), depth + 1]);
  }
  return null;
}

/** The rule a piece of text breaks, or null: lone surrogates, control characters (NUL …), nothing visible. */
export function textProblem(text: string, field: string): FieldError | null {
  if (LONE_SURROGATE.test(text))
    return { field, rule: 'wellFormedText', message: `${field} contains a lone UTF-16 surrogate (\\ud800–\\udfff outside a pair); send well-formed Unicode text` };
  if (CONTROL.test(text))
    return { field, rule: 'noControlCharacters', message: `${field} contains a control character (U+0000–U+001F other than tab and line breaks, or U+007F)` };
  if (text.length > 0 && INVISIBLE_ONLY.test(text) && !WHITE_SPACE_ONLY.test(text))
    return { field, rule: 'visibleText', message: `${field} has no visible characters (only zero-width or other invisible ones)` };
  return null;
}

function numberProblem(n: number, field: string): FieldError | null {
  if (!Number.isFinite(n)) return { field, rule: 'finiteNumber', message: `${field} must be a finite number` };
  if (Math.abs(n) > Number.MAX_SAFE_INTEGER)
    return { field, rule: 'safeNumber', message: `${field} must be between -${Number.MAX_SAFE_INTEGER} and ${Number.MAX_SAFE_INTEGER} (larger numbers lose digits)` };
  return null;
}

/**
 * Every text, key and number of a request value (a body, a query, a path parameter) checked against
 * the rules above; `root` names the value (a path parameter's name, or '' for a whole body).
 */
export function inputProblems(value: unknown, root = ''): FieldError[] {
  const errors: FieldError[] = [];
  const stack: Array<[unknown, string, number]> = [[value, root, 0]];
  while (stack.length && errors.length < MAX_ERRORS) {
    const [v, path, depth] = stack.pop()!;
    const field = path || 'body';
    if (typeof v === 'string') {
      const p = textProblem(v, field);
      if (p) errors.push(p);
    } else if (typeof v === 'number') {
      const p = numberProblem(v, field);
      if (p) errors.push(p);
    } else if (v !== null && typeof v === 'object') {
      if (depth >= MAX_JSON_DEPTH) {
        errors.push(depthError(field));
        continue;
      }
      if (Array.isArray(v)) {
        for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], childPath(path, i), depth + 1]);
        continue;
      }
      const entries = Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [k, x] = entries[i];
        const at = childPath(path, k);
        if (FORBIDDEN_KEYS.has(k)) {
          errors.push({ field: at, rule: 'key', message: `${at}: "${k}" is not allowed as a key` });
          continue;
        }
        const keyText = textProblem(k, at);
        if (keyText) {
          errors.push({ ...keyText, rule: 'key', message: `key of ${keyText.message}` });
          continue;
        }
        stack.push([x, at, depth + 1]);
      }
    }
  }
  return errors;
}

export function depthError(field: string): FieldError {
  return { field, rule: 'maxDepth', message: `${field} is nested deeper than ${MAX_JSON_DEPTH} levels` };
}
