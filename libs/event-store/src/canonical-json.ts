/**
 * JSON Canonicalization Scheme (RFC 8785) for validated plain JSON (see `assertJson`): object keys
 * sorted by UTF-16 code units, no whitespace, ECMAScript number and string serialisation — which is
 * exactly what `JSON.stringify` produces for primitives. Cross-checked against the json-canonicalize
 * package in canonical-json.spec.ts; written here because it is ~5× faster on event-sized objects,
 * and it runs on every append.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + canonicalJson(value[i]);
    return `${out}]`;
  }
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).sort();
  let out = '{';
  let first = true;
  for (const k of keys) {
    const v = obj[k];
    if (v === undefined) continue;
    out += `${first ? '' : ','}${JSON.stringify(k)}:${canonicalJson(v)}`;
    first = false;
  }
  return `${out}}`;
}
