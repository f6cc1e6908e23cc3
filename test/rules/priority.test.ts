import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { computeFacts } from "../../src/facts/catalogue.js";
import { HouseholdSchema, type HouseholdInput } from "../../src/model/household.js";
import type { Policy } from "../../src/model/policy.js";
import { PRESETS } from "../../src/presets/index.js";
import { NO_VALUE_SCORE, compareKeys, lotteryNumber, lotteryScore, priorityGroupOf, priorityKey } from "../../src/rules/priority.js";
import { baseHousehold } from "../presets/scenarios/base.js";

const asOf = "2026-11-21";
const orebro = PRESETS["orebro"]!;
const make = (h: Partial<HouseholdInput>) => HouseholdSchema.parse({ ...baseHousehold, ...h });
const keyOf = (h: Partial<HouseholdInput>, rule: Parameters<typeof priorityKey>[2], policy: Policy = orebro, seed = "s") => {
  const household = make(h);
  return priorityKey(computeFacts(household, { asOf, policy }), household, rule, policy, seed);
};

describe("lotteryNumber", () => {
  it("is sha256 of seed, NUL, id — checkable by anyone with the seed", () => {
    const expected = createHash("sha256").update("orebro-2026-w47\u0000H-0001").digest("hex");
    expect(lotteryNumber("orebro-2026-w47", "H-0001")).toBe(expected);
    expect(lotteryNumber("orebro-2026-w47", "H-0001")).toMatch(/^[0-9a-f]{64}$/);
  });

  it("separates seed and id (no ambiguity from concatenation)", () => {
    expect(lotteryNumber("ab", "c")).not.toBe(lotteryNumber("a", "bc"));
  });

  it("scores the smaller digest higher", () => {
    expect(lotteryScore("0".repeat(64))).toBeGreaterThan(lotteryScore("f".repeat(64)));
    expect(lotteryScore("f".repeat(64))).toBe(0);
  });
});

describe("priorityKey", () => {
  it("follows the rule's order and ends with the lottery", () => {
    const k = keyOf({}, "income-priority");
    expect(k.rule).toBe("income-priority");
    expect(k.parts.map((p) => p.key)).toEqual(["work-income", "queue-days", "lottery"]);
    expect(k.parts[0]).toEqual({ key: "work-income", value: 1, score: 1 });
    expect(k.parts[2]!.value).toBe(lotteryNumber("s", "H-BASE"));
  });

  it("appends the lottery when the policy's order lacks it", () => {
    const policy: Policy = { ...orebro, lettingRules: { ...orebro.lettingRules, queue: { ...orebro.lettingRules.queue!, order: ["queue-days"] } } };
    expect(keyOf({}, "queue", policy).parts.map((p) => p.key)).toEqual(["queue-days", "lottery"]);
  });

  it("priority group: rank, label and sensitivity; no group scores last", () => {
    const family = keyOf({ members: [{ birthDate: "1990-01-01" }, { birthDate: "2020-01-01" }], decisions: { socialPriority: { grantedOn: "2026-01-01", grounds: ["social"] } } }, "social-priority");
    expect(family.group).toMatchObject({ id: "families-with-children", rank: 2, sensitive: false });
    expect(family.parts[0]).toEqual({ key: "priority-group", value: "families-with-children", score: orebro.priorityGroups.length - 1 });
    const none = keyOf({ housing: { situation: "housed", since: "2020-01-01" } }, "social-priority");
    expect(none.group).toBeNull();
    expect(none.parts[0]).toEqual({ key: "priority-group", value: null, score: 0 });
    expect(compareKeys(family, none)).toBeLessThan(0);
  });

  it("social-priority-date: earlier first, an expired or missing decision last", () => {
    const at = (grantedOn: string, validUntil?: string) =>
      keyOf({ housing: { situation: "housed", since: "2020-01-01" }, decisions: { socialPriority: { grantedOn, grounds: ["medical"], ...(validUntil ? { validUntil } : {}) } } }, "social-priority");
    const early = at("2026-01-01");
    const late = at("2026-06-01");
    const expired = at("2025-01-01", "2025-12-31");
    expect(compareKeys(early, late)).toBeLessThan(0);
    expect(expired.parts[2]).toEqual({ key: "social-priority-date", value: null, score: NO_VALUE_SCORE });
    expect(compareKeys(late, expired)).toBeLessThan(0);
    expect(JSON.parse(JSON.stringify(expired))).toEqual(expired);
  });

  it("compareKeys: full lottery digest decides when every score ties; a key equals itself", () => {
    const a = keyOf({ id: "H-A" }, "queue");
    const b = keyOf({ id: "H-B" }, "queue");
    const tied = { ...b, parts: b.parts.map((p) => (p.key === "lottery" ? { ...p, score: a.parts[1]!.score } : p)) };
    expect(Math.sign(compareKeys(a, tied))).toBe(String(a.parts[1]!.value) < String(b.parts[1]!.value) ? -1 : 1);
    expect(compareKeys(a, a)).toBe(0);
  });

  it("priorityGroupOf traces every group condition read until the first that holds", () => {
    const household = make({ members: [{ birthDate: "1990-01-01" }, { birthDate: "2020-01-01" }] });
    const m = priorityGroupOf(computeFacts(household, { asOf, policy: orebro }), orebro);
    expect(m.group?.id).toBe("families-with-children");
    expect(m.trace.map((t) => t.fact)).toEqual(["housing.accommodation", "children.count"]);
  });
});
