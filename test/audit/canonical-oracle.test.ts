import fc from "fast-check";
import { canonicalize } from "json-canonicalize";
import { describe, expect, it } from "vitest";
import { canonicalHash, canonicalJson, sha256Hex } from "../../src/audit/canonical.js";

// The reference implementation of RFC 8785 is the oracle; ours must match it byte for byte.
const json = fc.jsonValue({ maxDepth: 6 });
const objectWithBigArrays = fc.record({
  households: fc.array(fc.jsonValue({ maxDepth: 3 }), { minLength: 60, maxLength: 150 }),
  apartments: fc.array(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 })), { maxLength: 80 }),
  "ä": fc.double({ noNaN: true, noDefaultInfinity: true }),
  "\u{1F600}": fc.string({ unit: "grapheme" }),
});

describe("canonical JSON (RFC 8785)", () => {
  it("matches the json-canonicalize reference on arbitrary JSON", () => {
    fc.assert(
      fc.property(json, (v) => {
        expect(canonicalJson(v)).toBe(canonicalize(v));
      }),
      { numRuns: 500 },
    );
  });

  it("streams the same hash as hashing the whole canonical text, for documents with large arrays", () => {
    fc.assert(
      fc.property(objectWithBigArrays, fc.integer({ min: 1, max: 4096 }), (doc, chunk) => {
        expect(canonicalHash(doc, chunk)).toBe(sha256Hex(canonicalize(doc)));
      }),
      { numRuns: 100 },
    );
  });

  it("sorts keys by UTF-16 code units, writes numbers the ECMAScript way, and keeps __proto__ an ordinary key", () => {
    // U+1F600 is the surrogate pair D83D DE00, which sorts before U+FFFF in UTF-16 code units.
    expect(canonicalJson({ b: 1, a: [1e21, 0.1, -0, "å"], "\uFFFF": 2, "\u{1F600}": 1 })).toBe('{"a":[1e+21,0.1,0,"å"],"b":1,"\u{1F600}":1,"\uFFFF":2}');
    expect(canonicalJson({ "": 0, "10": 1, "9": 2, a: 3 })).toBe('{"":0,"10":1,"9":2,"a":3}');
    expect(canonicalJson(JSON.parse('{"__proto__":{"x":1},"a":2}'))).toBe('{"__proto__":{"x":1},"a":2}');
  });
});
