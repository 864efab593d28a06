import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { canonicalize } from 'json-canonicalize';
import { canonicalJson } from './canonical-json';
import { contentDigest } from './hashing';

describe('canonicalJson (RFC 8785)', () => {
  it('sorts keys by UTF-16 code units and drops whitespace', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x'], é: { z: 1, A: 2 }, '10': 0, '9': 0 })).toBe(
      '{"10":0,"9":0,"a":[true,null,"x"],"b":1,"é":{"A":2,"z":1}}',
    );
  });

  it('writes numbers in ECMAScript form (RFC 8785 §3.2.2.3)', () => {
    expect(canonicalJson([1e21, 1e-7, 0.1, -0, 333333333.33333329, 4.5, 2 ** 53])).toBe(
      '[1e+21,1e-7,0.1,0,333333333.3333333,4.5,9007199254740992]',
    );
  });

  it('agrees with the json-canonicalize reference implementation on any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(canonicalJson(v)).toBe(canonicalize(v));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('contentDigest', () => {
  it('hashes exactly the JCS of { id (lower case), type, schemaVersion, data, metadata }', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.string(), fc.integer({ min: 1, max: 9 }), fc.jsonValue(), fc.jsonValue(), (id, type, schemaVersion, data, metadata) => {
        const reference = createHash('sha256').update(canonicalize({ id: id.toLowerCase(), type, schemaVersion, data, metadata }), 'utf8').digest('hex');
        expect(contentDigest({ id: id.toUpperCase(), type, schemaVersion, data, metadata })).toBe(reference);
      }),
      { numRuns: 1000 },
    );
  });
});
