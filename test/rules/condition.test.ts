import { describe, expect, it } from "vitest";
import { FACT_IDS, type FactId } from "../../src/facts/ids.js";
import type { FactValue, Facts } from "../../src/facts/catalogue.js";
import type { Condition } from "../../src/model/policy.js";
import { compare, evaluate } from "../../src/rules/condition.js";

const facts = (over: Partial<Record<FactId, FactValue>>): Facts => {
  const base = Object.fromEntries(FACT_IDS.map((id) => [id, 0])) as Record<FactId, FactValue>;
  return { ...base, ...over };
};

describe("compare: operator semantics", () => {
  it.each([
    ["eq", 3, 3, true],
    ["eq", 3, "3", false],
    ["eq", true, true, true],
    ["eq", null, null, true],
    ["eq", "acute", "acute", true],
    ["eq", ["elevator", "wheelchair"], ["wheelchair", "elevator"], true],
    ["eq", ["elevator"], ["elevator", "wheelchair"], false],
    ["eq", ["elevator"], "elevator", false],
    ["ne", 3, 4, true],
    ["ne", null, null, false],
    ["in", "acute", ["acute", "institution"], true],
    ["in", "housed", ["acute", "institution"], false],
    ["in", null, [null, "hotel"], true],
    ["in", ["elevator", "wheelchair"], ["wheelchair"], true],
    ["in", ["elevator"], ["wheelchair", "ground-floor"], false],
    ["in", [], ["wheelchair"], false],
    ["in", "acute", "acute", true],
    ["gt", 183, 182, true],
    ["gt", 182, 182, false],
    ["gte", 182, 182, true],
    ["lt", 1, 2, true],
    ["lte", 2, 2, true],
    ["lte", null, 90, false],
    ["gt", "10", 1, false],
    ["gte", true, 0, false],
    ["lt", 1, [2], false],
  ] as const)("%s %j %j → %s", (op, value, expected, result) => {
    expect(compare(op, value as FactValue, expected as never)).toBe(result);
  });
});

describe("evaluate", () => {
  const f = facts({ "children.count": 2, "housing.homelessDays": 100, "housing.situation": "acute", "needs.accessibility": ["elevator"] });

  it("returns the value and a trace entry per leaf", () => {
    expect(evaluate({ fact: "children.count", op: "gte", value: 1 }, f)).toEqual({
      result: true,
      trace: [{ fact: "children.count", value: 2, op: "gte", expected: 1, result: true }],
    });
  });

  it("evaluates every leaf: failures and passes both appear, in document order", () => {
    const c: Condition = {
      any: [
        { fact: "children.count", op: "gte", value: 1 },
        { all: [{ fact: "housing.homelessDays", op: "gt", value: 182 }, { fact: "housing.situation", op: "eq", value: "acute" }] },
        { not: { fact: "needs.accessibility", op: "in", value: ["wheelchair"] } },
      ],
    };
    const e = evaluate(c, f);
    expect(e.result).toBe(true);
    expect(e.trace.map((t) => [t.fact, t.result])).toEqual([
      ["children.count", true],
      ["housing.homelessDays", false],
      ["housing.situation", true],
      ["needs.accessibility", false],
    ]);
  });

  it("empty all is true, empty any is false, not negates", () => {
    expect(evaluate({ all: [] }, f)).toEqual({ result: true, trace: [] });
    expect(evaluate({ any: [] }, f)).toEqual({ result: false, trace: [] });
    expect(evaluate({ not: { all: [] } }, f).result).toBe(false);
  });
});
