import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ApartmentSchema } from "../../src/model/apartment.js";
import { IsoDateSchema } from "../../src/model/date.js";
import { REJECTED, compileParser } from "../../src/model/fast-parse.js";
import { HouseholdSchema, IdSchema } from "../../src/model/household.js";
import { AllocationInputSchema } from "../../src/model/input.js";
import { parseInput } from "../../src/model/parse.js";
import { MAX_DEPTH, prescan } from "../../src/model/prescan.js";
import { validInput } from "../arbitraries/index.js";

/** The same value, the same keys in the same order, all the way down (JSON.stringify alone skips undefined). */
function sameValue(a: unknown, b: unknown): boolean {
  if (!isDeepStrictEqual(a, b)) return false;
  if (typeof a !== "object" || a === null) return true;
  const ka = Object.keys(a);
  const kb = Object.keys(b as object);
  return ka.join("\u0000") === kb.join("\u0000") && ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/**
 * The compiled parse agrees with zod: it accepts a value exactly when zod does and the value passes prescan, and then
 * returns zod's output. It never changes its input.
 */
function agrees(schema: z.ZodType, parse: (v: unknown) => unknown, value: unknown): void {
  const before = structuredClone(value);
  const fast = parse(value);
  const slow = schema.safeParse(value);
  const clean = prescan(value).length === 0;
  if (fast === REJECTED) expect(slow.success && clean).toBe(false);
  else {
    expect(clean).toBe(true);
    expect(slow.success).toBe(true);
    expect(sameValue(fast, slow.data)).toBe(true);
  }
  expect(value).toEqual(before);
}

type Json = unknown;
type Step = string | number;

/** Every place in a JSON value: the path to it. */
function places(value: Json, at: Step[] = [], out: Step[][] = []): Step[][] {
  out.push(at);
  if (Array.isArray(value)) value.forEach((v, i) => places(v, [...at, i], out));
  else if (typeof value === "object" && value !== null) for (const [k, v] of Object.entries(value)) places(v, [...at, k], out);
  return out;
}

/** A change at one place: another value, the key removed, or a key added (JSON-parsed, so `__proto__` is an own key). */
type Edit = { kind: "replace"; value: Json } | { kind: "remove" } | { kind: "add"; key: string; value: Json };

function edit(doc: Json, path: Step[], change: Edit): Json {
  const copy = JSON.parse(JSON.stringify(doc)) as Json;
  if (path.length === 0) return change.kind === "replace" ? change.value : copy;
  const parent = path.slice(0, -1).reduce<Json>((node, step) => (node as Record<Step, Json>)[step], copy) as Record<Step, Json>;
  const last = path[path.length - 1]!;
  if (change.kind === "replace") parent[last] = change.value;
  else if (change.kind === "remove") {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  } else {
    const target = parent[last];
    if (typeof target === "object" && target !== null && !Array.isArray(target)) {
      const added = JSON.parse(`{${JSON.stringify(change.key)}:${JSON.stringify(change.value)}}`) as Record<string, Json>;
      parent[last] = { ...(target as object), ...added };
      if (change.key === "__proto__") Object.defineProperty(parent[last], "__proto__", { value: change.value, enumerable: true, writable: true, configurable: true });
    }
  }
  return copy;
}

/** Values near the edges of what the schemas accept. */
const nasty: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -0, -1, 1, 1.5, 2 ** 53, -(2 ** 53), 1e21, 10_000, 10_001, 50, 51, -5, -6, 200, 201, "", " ", "x", "obo", "2026-02-29", "2024-02-29", "2026-13-01", "2026-11-21", "2026-1-01", "A-001", "H-0001", "19811121-1234", "a".repeat(64), "a".repeat(65), "\ud83d\ude00", "acute", "housed", "standard", "income-priority", [], {}, ["A-001"], [{}], { birthDate: "1980-01-01" }),
  fc.jsonValue({ maxDepth: 2 }),
  fc.string({ unit: "binary", maxLength: 4 }),
);

const change: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant("replace" as const), value: nasty }),
  fc.constant({ kind: "remove" as const }),
  fc.record({ kind: fc.constant("add" as const), key: fc.constantFrom("x", "__proto__", "constructor", "prototype", "id", "needs", "toString", ""), value: nasty }),
);

/** {@link agrees} for a (possibly edited) document and for each of its households, when it still has a list of them. */
function documentAgrees(doc: unknown, parseDocument: (v: unknown) => unknown, parseHousehold: (v: unknown) => unknown): void {
  agrees(AllocationInputSchema, parseDocument, doc);
  // The edit may have replaced the whole document (with null, say).
  const households = typeof doc === "object" && doc !== null ? (doc as { households?: unknown }).households : undefined;
  if (Array.isArray(households)) for (const h of households) agrees(HouseholdSchema, parseHousehold, h);
}

/** A valid input with one generated edit at one generated place (which may or may not make it invalid). */
const editedInput = validInput({ households: { min: 1, max: 4 }, apartments: { min: 1, max: 3 } }).chain((doc) => {
  const all = places(doc);
  return fc.tuple(fc.constantFrom(...all), change).map(([path, c]) => edit(doc, path, c));
});

describe("compiled parse (src/model/fast-parse.ts) against zod", () => {
  const parseDocument = compileParser(AllocationInputSchema);
  const parseHousehold = compileParser(HouseholdSchema);
  const parseApartment = compileParser(ApartmentSchema);

  it("accepts every valid input and returns zod's value, keys in zod's order", () => {
    fc.assert(
      fc.property(validInput({ households: { min: 0, max: 6 } }), (doc) => {
        expect(parseDocument(doc)).not.toBe(REJECTED);
        agrees(AllocationInputSchema, parseDocument, doc);
        for (const h of doc.households) agrees(HouseholdSchema, parseHousehold, h);
        for (const a of doc.apartments) agrees(ApartmentSchema, parseApartment, a);
      }),
      { numRuns: 200 },
    );
  });

  it("agrees with zod and prescan on inputs edited at any one place", () => {
    fc.assert(
      fc.property(editedInput, (doc) => documentAgrees(doc, parseDocument, parseHousehold)),
      { numRuns: 1500 },
    );
  });

  it("with reuse, returns zod's value too, and the input's own objects where they already are zod's value", () => {
    const reuseDocument = compileParser(AllocationInputSchema, { reuse: true });
    const reuseHousehold = compileParser(HouseholdSchema, { reuse: true });
    fc.assert(
      fc.property(editedInput, (doc) => documentAgrees(doc, reuseDocument, reuseHousehold)),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(validInput({ households: { min: 1, max: 6 } }), (doc) => {
        for (const h of doc.households) {
          // zod's own output, as a fresh JSON value: every key, in the schema's order, defaults written out.
          const shaped = JSON.parse(JSON.stringify(HouseholdSchema.parse(h))) as unknown;
          expect(reuseHousehold(shaped)).toBe(shaped);
          expect(parseHousehold(shaped)).not.toBe(shaped);
          // The same keys in another order: zod's value has the schema's order, so the input is not it.
          const reordered = Object.fromEntries(Object.entries(shaped as object).reverse());
          agrees(HouseholdSchema, reuseHousehold, reordered);
          expect(reuseHousehold(reordered)).not.toBe(reordered);
        }
      }),
      { numRuns: 100 },
    );
  });

  it("gives parseInput the same result as zod alone would (issues too)", () => {
    fc.assert(
      fc.property(editedInput, (doc) => {
        const result = parseInput(doc);
        const slow = AllocationInputSchema.safeParse(doc);
        if (result.ok) {
          expect(slow.success).toBe(true);
          expect(sameValue(result.value.households, slow.success ? slow.data.households : undefined)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("parseInput of an owned document (the CLI's own JSON.parse) gives the same result and issues, and leaves the document as it was", () => {
    fc.assert(
      fc.property(editedInput, (doc) => {
        const before = structuredClone(doc);
        const owned = parseInput(doc, { owned: true });
        expect(sameValue(owned, parseInput(before))).toBe(true);
        expect(isDeepStrictEqual(doc, before)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe("compiled parse of each kind of schema part, on arbitrary values", () => {
  const leafValue: fc.Arbitrary<unknown> = fc.oneof(nasty, fc.string({ unit: "grapheme", maxLength: 8 }), fc.double(), fc.integer(), fc.constant(undefined));
  const schemas: [string, z.ZodType][] = [
    ["string min/max in code points", z.string().min(2).max(4)],
    ["string min 1", z.string().min(1)],
    ["regex id", IdSchema],
    ["calendar date (regex + refine)", IsoDateSchema],
    ["int bounds", z.int().min(-5).max(200)],
    ["nonnegative safe int", z.int().nonnegative().max(Number.MAX_SAFE_INTEGER)],
    ["positive number", z.number().positive().max(10_000)],
    ["boolean", z.boolean()],
    ["enum", z.enum(["a", "b", "obo"])],
    ["literal", z.literal(1)],
    ["array min", z.array(z.string()).min(1)],
    ["array max", z.array(z.int()).max(2)],
    ["optional", z.string().optional()],
    ["default", z.boolean().default(false)],
    ["default object", z.strictObject({ a: z.array(z.string()).default([]) }).default({ a: [] })],
    ["refined object", z.strictObject({ a: z.int() }).refine((o) => o.a !== 0)],
    ["union (zod itself)", z.union([z.string(), z.strictObject({ x: z.int() })])],
    ["record (zod itself)", z.record(z.string(), z.int())],
    ["loose object (zod itself)", z.looseObject({ a: z.int() })],
    ["email format (zod itself)", z.email()],
  ];

  /** Both modes of the compiled parse agree with zod on every generated value. */
  function bothModesAgree(schema: z.ZodType, values: fc.Arbitrary<unknown>, numRuns: number): void {
    const parse = compileParser(schema);
    const reuse = compileParser(schema, { reuse: true });
    fc.assert(
      fc.property(values, (v) => {
        agrees(schema, parse, v);
        agrees(schema, reuse, v);
      }),
      { numRuns },
    );
  }

  it.each(schemas)("%s", (_name, schema) => bothModesAgree(schema, leafValue, 300));

  const objectSchema = z.strictObject({
    required: z.string(),
    optional: z.int().optional(),
    defaulted: z.boolean().default(true),
    optionalDefault: z.int().default(3).optional(),
    nested: z.strictObject({ list: z.array(z.enum(["x", "y"])).default([]) }).optional(),
  });
  const objectValue = fc.dictionary(fc.constantFrom("required", "optional", "defaulted", "optionalDefault", "nested", "extra", "__proto__"), fc.oneof(leafValue, fc.record({ list: fc.array(fc.constantFrom("x", "y", "z")) }, { requiredKeys: [] })), { maxKeys: 6 });

  it("strict objects with required, optional, defaulted and nested keys", () => bothModesAgree(objectSchema, objectValue, 1000));

  it("with reuse, never returns what zod would not: an array with holes, an object without Object's prototype, an array subclass", () => {
    const list = z.array(z.string().optional());
    const sparse = ["a", , "c"];
    class Strings extends Array<string> {}
    const subclass = Strings.from(["a", "b"]);
    for (const v of [sparse, subclass]) {
      expect(compileParser(list, { reuse: true })(v)).not.toBe(v);
      agrees(list, compileParser(list, { reuse: true }), v);
    }
    const object = z.strictObject({ a: z.int() });
    const bare = Object.assign(Object.create(null) as object, { a: 1 });
    expect(compileParser(object, { reuse: true })(bare)).not.toBe(bare);
    agrees(object, compileParser(object, { reuse: true }), bare);
  });

  it("requires a required key even where its schema accepts undefined", () => {
    const schema = z.strictObject({ a: z.custom<unknown>(() => true), b: z.unknown() });
    const parse = compileParser(schema);
    for (const v of [{}, { a: 1 }, { b: 1 }, { a: undefined, b: 1 }, { a: 1, b: undefined }, { a: 1, b: 2 }]) agrees(schema, parse, v);
    expect(parse({})).toBe(REJECTED);
    expect(parse({ a: undefined, b: 1 })).toEqual({ a: undefined, b: 1 });
  });

  it("rejects what prescan rejects: nesting past MAX_DEPTH inside a part zod parses itself", () => {
    const schema = z.strictObject({ any: z.unknown() });
    let deep: unknown = 1;
    for (let i = 0; i < MAX_DEPTH; i++) deep = [deep];
    expect(compileParser(schema)({ any: deep })).toBe(REJECTED);
    expect(compileParser(schema)({ any: [[1]] })).toEqual({ any: [[1]] });
  });

  it("hands the whole schema to zod where code generation is not allowed", () => {
    const original = globalThis.Function;
    globalThis.Function = function refuse() {
      throw new EvalError("code generation from strings disallowed");
    } as unknown as FunctionConstructor;
    let parse: (v: unknown) => unknown;
    try {
      parse = compileParser(objectSchema);
    } finally {
      globalThis.Function = original;
    }
    fc.assert(fc.property(objectValue, (v) => agrees(objectSchema, parse, v)), { numRuns: 200 });
  });
});
