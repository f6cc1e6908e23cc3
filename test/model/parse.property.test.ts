import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { ISSUE_CODES, type Issue, IssueSchema } from "../../src/model/issue.js";
import { strictlyIncreasing } from "../../src/model/input.js";
import { parseInput } from "../../src/model/parse.js";
import { validateAndPrepare } from "../../src/mechanisms/allocate.js";
import { MUTATOR_NAMES, invalidInput, mutate, validInput } from "../arbitraries/index.js";

/** The contract every issue keeps: a known code, a path from the root, both messages. */
function expectWellFormed(issues: readonly Issue[]): void {
  expect(issues.length).toBeGreaterThan(0);
  for (const i of issues) {
    expect(IssueSchema.safeParse(i).success).toBe(true);
    expect(ISSUE_CODES).toContain(i.code);
    expect(Array.isArray(i.path)).toBe(true);
    for (const p of i.path) expect(["string", "number"]).toContain(typeof p);
    expect(i.message.sv.trim()).not.toBe("");
    expect(i.message.en.trim()).not.toBe("");
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** Nesting built without recursion, so the test itself cannot overflow. */
function nested(depth: number, kind: "array" | "object"): unknown {
  let v: unknown = 0;
  for (let i = 0; i < depth; i++) v = kind === "array" ? [v] : { a: v };
  return v;
}

describe("parseInput on generated valid inputs", () => {
  test.prop([validInput()], { numRuns: 150 })("accepts them", (input) => {
    const result = parseInput(input);
    if (!result.ok) expect.fail(JSON.stringify(result.issues.slice(0, 3)));
    expect(result.value.households.map((h) => h.id)).toEqual(input.households.map((h) => h.id));
    expect(result.value.policy.id).toBe("orebro");
  });

  test.prop([validInput({ ids: "pseudonymous", households: { min: 0, max: 30 }, apartments: { min: 0, max: 15 } })], { numRuns: 60 })(
    "accepts pseudonymous ids and empty batches",
    (input) => {
      expect(parseInput(input).ok).toBe(true);
    },
  );

  test.prop([fc.constantFrom("orebro", "lund", "stockholm").chain((policy) => validInput({ policy, apartments: { min: 1, max: 20 } }))], { numRuns: 100 })(
    "they also pass the designation caps under every preset (the arbitrary's contract)",
    (input) => {
      const run = validateAndPrepare(input);
      if (!run.ok) expect.fail(JSON.stringify(run.issues.slice(0, 3)));
    },
  );

  test.prop([validInput()], { numRuns: 80 })("never mutates the argument (deep-equal after, and a frozen input parses)", (input) => {
    const before = structuredClone(input);
    parseInput(input);
    expect(input).toStrictEqual(before);
    expect(parseInput(deepFreeze(structuredClone(input))).ok).toBe(true);
  });
});

describe("repeated household ids", () => {
  // crossCheck skips its set of ids when they rise strictly (nothing can repeat); both ways must report the same.
  test("are reported at every household whose id an earlier one has, in increasing order or not", () => {
    let increasing = 0;
    let repeatedInOrder = 0;
    fc.assert(
      fc.property(validInput({ households: { min: 1, max: 12 } }), fc.array(fc.nat({ max: 15 }), { minLength: 12, maxLength: 12 }), fc.boolean(), (input, picks, sorted) => {
        const doc = structuredClone(input);
        const ids = doc.households.map((_, i) => `H-${String(picks[i]).padStart(2, "0")}`);
        if (sorted) ids.sort();
        doc.households.forEach((h, i) => (h.id = ids[i]!));
        const expected = ids.flatMap((id, i) => (ids.indexOf(id) < i ? [["households", i, "id"]] : []));
        const result = parseInput(doc);
        const found = result.ok ? [] : result.issues.filter((x) => x.code === "duplicate_id").map((x) => x.path);
        expect(found).toEqual(expected);
        if (strictlyIncreasing(doc.households)) increasing++;
        else if (sorted && expected.length > 0) repeatedInOrder++;
      }),
      { numRuns: 300 },
    );
    // Both ways were taken, including ids in order with repeats.
    expect(increasing).toBeGreaterThan(20);
    expect(repeatedInOrder).toBeGreaterThan(20);
  });
});

describe("parseInput on invalid inputs", () => {
  test.prop([invalidInput()], { numRuns: 300 })("reports the broken rule with its code and path, and every issue is well formed", (m) => {
    const before = structuredClone(m.input);
    const result = parseInput(m.input);
    expect(m.input).toStrictEqual(before);
    if (result.ok) expect.fail(`mutation ${m.name} was accepted`);
    expectWellFormed(result.issues);
    expect(result.issues.map((i) => ({ code: i.code, path: i.path }))).toContainEqual(m.expected);
  });

  // Each mutator on its own, so none can hide behind the random choice above.
  const samples = fc.sample(validInput({ households: { min: 2, max: 6 }, apartments: { min: 2, max: 5 } }), { numRuns: 25, seed: 20261121 });
  test.each(MUTATOR_NAMES)("mutator %s gives its issue on every sample it applies to", (name) => {
    const applied = samples.map((input, k) => mutate(name, input, k)).filter((m) => m !== undefined);
    expect(applied.length).toBeGreaterThan(0);
    for (const m of applied) {
      const result = parseInput(m.input);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.issues.map((i) => ({ code: i.code, path: i.path }))).toContainEqual(m.expected);
    }
  });

  test.prop([fc.jsonValue()], { numRuns: 500 })("never throws on arbitrary JSON and never accepts it", (value) => {
    const before = structuredClone(value);
    const result = parseInput(value);
    expect(value).toStrictEqual(before);
    expect(result.ok).toBe(false);
    if (!result.ok) expectWellFormed(result.issues);
  });

  test.prop([validInput({ households: { min: 1, max: 4 } }), fc.nat(), fc.jsonValue({ maxDepth: 3 })], { numRuns: 200 })(
    "a household replaced by arbitrary JSON is rejected with an issue at that index",
    (input, k, junk) => {
      const i = k % input.households.length;
      const broken = { ...input, households: input.households.map((h, j) => (j === i ? junk : h)) };
      const result = parseInput(broken);
      // Arbitrary JSON cannot carry the required household fields, so this must fail at that index.
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expectWellFormed(result.issues);
        expect(result.issues.some((x) => x.path[0] === "households" && x.path[1] === i)).toBe(true);
      }
    },
  );

  test.prop([validInput(), fc.constantFrom("households", "apartments", "stock")], { numRuns: 60 })(
    "an own __proto__ key (as JSON.parse creates it) is rejected and pollutes nothing",
    (input, where) => {
      const text = JSON.stringify(input).replace(`"${where}":`, `"__proto__":{"polluted":true},"${where}":`);
      const raw: unknown = JSON.parse(text);
      const result = parseInput(raw);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expectWellFormed(result.issues);
        expect(result.issues).toContainEqual(expect.objectContaining({ code: "forbidden_key", path: ["__proto__"] }));
      }
      expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
    },
  );

  test.prop([validInput({ households: { min: 1, max: 3 } }), fc.constantFrom(1e308, -1e308, Number.MAX_VALUE, 2 ** 53, 2 ** 64, 1e21, -0.5, 0.1)], { numRuns: 60 })(
    "huge or fractional numbers in money fields are rejected",
    (input, n) => {
      const raw = JSON.parse(JSON.stringify(input).replace(/"paymentRemarks":\d+/, `"paymentRemarks":${JSON.stringify(n)}`)) as unknown;
      const result = parseInput(raw);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expectWellFormed(result.issues);
        expect(result.issues.some((i) => i.path.join("/") === "households/0/credit/paymentRemarks")).toBe(true);
      }
    },
  );

  test("numbers beyond double range (1e400 parses to Infinity) are rejected, not thrown on", () => {
    const raw = JSON.parse('{"schemaVersion":1e400,"asOf":"2026-11-21","seed":"s","policy":"orebro","households":[],"apartments":[]}') as unknown;
    const result = parseInput(raw);
    expect(result.ok).toBe(false);
  });

  test.each([
    ["array", 10_000],
    ["object", 10_000],
    ["array", 100_000],
    ["object", 100_000],
  ] as const)("nesting of %s %i levels deep gives too_deep without throwing", (kind, depth) => {
    for (const where of ["root", "households", "policy"] as const) {
      const deep = nested(depth, kind);
      const raw = where === "root" ? deep : { schemaVersion: 1, asOf: "2026-11-21", seed: "s", policy: where === "policy" ? deep : "orebro", households: where === "households" ? [deep] : [], apartments: [] };
      const result = parseInput(raw);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expectWellFormed(result.issues);
        expect(result.issues.map((i) => i.code)).toContain("too_deep");
      }
    }
  });

  test("deep nesting straight from JSON.parse (10 000 levels) is rejected", () => {
    const text = `{"schemaVersion":1,"asOf":"2026-11-21","seed":"s","policy":"orebro","households":${"[".repeat(10_000)}${"]".repeat(10_000)},"apartments":[]}`;
    const result = parseInput(JSON.parse(text));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]?.code).toBe("too_deep");
  });
});
