import fc from "fast-check";
import { canonicalize } from "json-canonicalize";
import { describe, expect, it } from "vitest";
import { CanonicalHasher, canonicalHash, canonicalJson, generalHash, generalJson, sha256Hex } from "../../src/audit/canonical.js";

// The reference implementation of RFC 8785 is the oracle; ours must match it byte for byte.
const json = fc.jsonValue({ maxDepth: 6 });
const objectWithBigArrays = fc.record({
  households: fc.array(fc.jsonValue({ maxDepth: 3 }), { minLength: 60, maxLength: 150 }),
  apartments: fc.array(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 })), { maxLength: 80 }),
  "ä": fc.double({ noNaN: true, noDefaultInfinity: true }),
  "\u{1F600}": fc.string({ unit: "grapheme" }),
});

// Any UTF-16 code unit: lone surrogates, control characters, U+2028.
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
const nastyString = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary" }),
  fc.string({ unit: codeUnit }),
  fc.constantFrom("", "\ud800", "a\udfffb", "\udc00\ud800", "\u{1F600}", "\u2028\u2029", "\u0000\u001f\u007f\u0080", '"\\/', "å", "\uffff", "e\u0301"),
);
// A "toJSON" member makes json-canonicalize write its object unsorted (see the not-plain-JSON property below).
const nastyKey = fc.oneof(
  nastyString,
  fc.nat().map(String),
  fc.constantFrom("", "__proto__", "0", "9", "10", "01", "-1", "1.5", "4294967294", "4294967295", "constructor", "toString"),
).filter((k) => k !== "toJSON");
const nastyNumber = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  fc.maxSafeInteger(),
  fc.constantFrom(-0, 1e21, 1e-7, 5e-324, -5e-324, 2 ** 31, -(2 ** 31), 2 ** 31 - 1, -(2 ** 31) - 1, 2 ** 32, 2 ** 53 + 2, Number.MAX_VALUE, 0.1, 123456789012345680000),
);
const leaf = fc.oneof(nastyString, nastyNumber, fc.boolean(), fc.constant(null));

/** An object with these members (an own "__proto__" included), inserted in the given order or sorted. */
function objectOf(entries: readonly (readonly [string, unknown])[], sorted: boolean): Record<string, unknown> {
  const unique = [...new Map(entries).entries()];
  if (sorted) unique.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(unique);
}

// Plain JSON with undefined members (skipped) and elements (null) below the top.
const { plain } = fc.letrec((tie) => ({
  plain: fc.oneof({ depthSize: "small" }, leaf, tie("array"), tie("object")),
  array: fc.array(fc.oneof(tie("plain"), fc.constant(undefined)), { maxLength: 6 }),
  object: fc
    .tuple(fc.array(fc.tuple(nastyKey, fc.oneof(tie("plain"), fc.constant(undefined))), { maxLength: 6 }), fc.boolean())
    .map(([entries, sorted]) => objectOf(entries, sorted)),
}));

/** Records drawn from key pools in any subset and order: the same key lists recur at the same places. */
const recordOf = (pool: readonly string[], value: fc.Arbitrary<unknown>) =>
  fc
    .tuple(fc.shuffledSubarray([...pool]), fc.array(value, { minLength: pool.length, maxLength: pool.length }))
    .map(([keys, values]) => Object.fromEntries(keys.map((k, i) => [k, values[i]])));
const recordStream = fc
  .tuple(fc.uniqueArray(nastyKey, { minLength: 1, maxLength: 6 }), fc.uniqueArray(nastyKey, { minLength: 1, maxLength: 4 }))
  .chain(([outer, inner]) => {
    const nested = recordOf(inner, fc.oneof(leaf, fc.constant(undefined)));
    return fc.array(recordOf(outer, fc.oneof(leaf, fc.constant(undefined), nested, fc.array(nested, { maxLength: 3 }))), { minLength: 1, maxLength: 40 });
  });

// Values that are not plain JSON: each must give what the replacer-based general path (the implementation before the
// byte writer, generalJson / generalHash) gives, thrown errors included.
class Point {
  b = 1;
  a = [2, 1];
}
const notPlainLeaf = fc.oneof(
  fc.constantFrom(Number.NaN, Infinity, -Infinity, undefined, () => 1, Symbol("s"), 10n),
  fc.constant(null).map(() => new Date(Number.NaN)),
  fc.date({ noInvalidDate: true }),
  // Fresh objects each time: json-canonicalize (behind the general path) takes an object met twice, even
  // without a cycle, for a circular reference; the byte writer does not, and is right not to.
  fc.constantFrom(() => new Number(1), () => new String("ab"), () => new Boolean(false), () => new Point(), () => Object.assign(Object.create(null), { b: 1, a: 2, "3": 0 })).map((make) => make()),
  fc.constantFrom(() => ({ toJSON: () => ({ b: 1, a: [2, 1] }) }), () => ({ toJSON: 1, b: 2, a: 3 }), () => ({ toJSON: null, b: 1, a: 2 }), () => ({ b: 1, toJSON: "x" })).map((make) => make()),
  fc.sparseArray(leaf, { maxLength: 5 }),
);
const { notPlain } = fc.letrec((tie) => ({
  notPlain: fc.oneof({ depthSize: "small" }, leaf, notPlainLeaf, tie("array"), tie("object")),
  array: fc.array(tie("notPlain"), { maxLength: 5 }),
  object: fc.tuple(fc.array(fc.tuple(nastyKey, tie("notPlain")), { maxLength: 5 }), fc.boolean()).map(([entries, sorted]) => objectOf(entries, sorted)),
}));

const outcome = (f: () => string): string => {
  try {
    return `ok ${f()}`;
  } catch (e) {
    return `throws ${(e as Error).constructor.name} ${(e as Error).message}`;
  }
};

describe("canonical JSON (RFC 8785)", () => {
  it("matches the json-canonicalize reference on arbitrary JSON", () => {
    fc.assert(
      fc.property(json, (v) => {
        expect(canonicalJson(v)).toBe(canonicalize(v));
      }),
      { numRuns: 500 },
    );
  });

  it("matches the reference with awkward keys, strings and numbers, keys given sorted or not, undefined members and elements", () => {
    fc.assert(
      fc.property(plain, (v) => {
        expect(canonicalJson(v)).toBe(canonicalize(v));
      }),
      { numRuns: 1000 },
    );
  });

  it("matches the reference on streams of records whose key lists recur in any order (the remembered key orders)", () => {
    fc.assert(
      fc.property(recordStream, fc.integer({ min: 1, max: 512 }), (records, chunk) => {
        const expected = canonicalize(records);
        expect(canonicalJson(records)).toBe(expected);
        const hasher = new CanonicalHasher(chunk);
        hasher.text("[");
        records.forEach((r, i) => {
          if (i > 0) hasher.text(",");
          hasher.value(r);
          expect(hasher.json(r)).toBe(canonicalize(r));
        });
        hasher.text("]");
        expect(hasher.digest()).toBe(sha256Hex(expected));
      }),
      { numRuns: 300 },
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

  it("streams the same hash as hashing canonicalJson's text, whatever the chunk size", () => {
    fc.assert(
      fc.property(plain, fc.integer({ min: 1, max: 64 }), (v, chunk) => {
        const expected = sha256Hex(canonicalJson(v));
        expect(canonicalHash(v, chunk)).toBe(expected);
        expect(canonicalHash(v)).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });

  it("gives what the replacer-based implementation gave for values that are not plain JSON (toJSON, holes, NaN, functions)", () => {
    fc.assert(
      fc.property(notPlain, fc.integer({ min: 1, max: 64 }), (v, chunk) => {
        expect(outcome(() => canonicalJson(v))).toBe(outcome(() => generalJson(v)));
        expect(outcome(() => canonicalHash(v, chunk))).toBe(outcome(() => generalHash(v, chunk)));
      }),
      { numRuns: 1000 },
    );
  });

  it("hashes a value left to the general path in place, between plain records", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(plain, notPlain), { minLength: 1, maxLength: 20 }), fc.integer({ min: 1, max: 256 }), (values, chunk) => {
        const writable = values.filter((v) => outcome(() => generalJson(v)).startsWith("ok"));
        const hasher = new CanonicalHasher(chunk);
        for (const v of writable) {
          hasher.text("\n");
          hasher.value(v);
        }
        expect(hasher.digest()).toBe(sha256Hex(writable.map((v) => `\n${generalJson(v)}`).join("")));
      }),
      { numRuns: 300 },
    );
  });

  it("sorts keys by UTF-16 code units, writes numbers the ECMAScript way, and keeps __proto__ an ordinary key", () => {
    // U+1F600 is the surrogate pair D83D DE00, which sorts before U+FFFF in UTF-16 code units.
    expect(canonicalJson({ b: 1, a: [1e21, 0.1, -0, "å"], "\uFFFF": 2, "\u{1F600}": 1 })).toBe('{"a":[1e+21,0.1,0,"å"],"b":1,"\u{1F600}":1,"\uFFFF":2}');
    expect(canonicalJson({ "": 0, "10": 1, "9": 2, a: 3 })).toBe('{"":0,"10":1,"9":2,"a":3}');
    expect(canonicalJson(JSON.parse('{"__proto__":{"x":1},"a":2}'))).toBe('{"__proto__":{"x":1},"a":2}');
    expect(canonicalJson([-(2 ** 31), 2 ** 31 - 1, 2 ** 31, -1, 5e-324, "\ud800", "\u2028", undefined])).toBe('[-2147483648,2147483647,2147483648,-1,5e-324,"\\ud800","\u2028",null]');
    expect(canonicalJson({ a: undefined, b: [undefined], c: { d: undefined } })).toBe('{"b":[null],"c":{}}');
    expect(() => canonicalJson(undefined)).toThrow("not a JSON value");
  });

  it("matches the reference past the remembered key lists and for strings longer than the buffer", () => {
    // 5000 key lists at one place: more shapes and slots than the writer remembers.
    const many = Array.from({ length: 5000 }, (_, i) => ({ [`k${i}\u00e5\ud800`]: i, [String(i % 20)]: undefined, a: [{ [`n${i % 300}`]: "\u00e5".repeat(i % 5) }] }));
    expect(canonicalJson(many)).toBe(canonicalize(many));
    expect(canonicalHash(many, 100)).toBe(sha256Hex(canonicalize(many)));
    const long = { s: `${"a".repeat(100_000)}\u00e5\ud800"${"\u{1F600}".repeat(30_000)}`, t: "b".repeat(70_000), list: Array.from({ length: 70_000 }, (_, i) => i * 1.5) };
    expect(canonicalJson(long)).toBe(canonicalize(long));
    for (const chunk of [1, 1000, 1 << 16]) expect(canonicalHash(long, chunk)).toBe(sha256Hex(canonicalize(long)));
    const hasher = new CanonicalHasher(1000);
    hasher.text("[");
    hasher.value(long);
    hasher.text(`,${"x".repeat(50_000)}]`);
    expect(hasher.digest()).toBe(sha256Hex(`[${canonicalize(long)},${"x".repeat(50_000)}]`));
  });
});
