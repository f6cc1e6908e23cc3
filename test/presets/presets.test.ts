import { describe, expect, it } from "vitest";
import { LETTING_RULES } from "../../src/model/enums.js";
import { PolicySchema, type Policy } from "../../src/model/policy.js";
import { checkPolicy, mergePolicy, resolvePolicy } from "../../src/model/resolve-policy.js";
import { PRESETS } from "../../src/presets/index.js";

const SOURCE = /00[0-4]_[0-9a-f]{16}\.txt|public rule: /;
const GROUPS = ["violence", "families-with-children", "institution-discharge", "homeless-over-six-months", "co-occurring", "mental-illness", "sol-lss", "pensioners"];

describe.each(Object.entries(PRESETS))("preset %s", (name, preset) => {
  it("is a valid policy: schema and semantic checks", () => {
    const parsed = PolicySchema.safeParse(preset);
    expect(parsed.success).toBe(true);
    expect(checkPolicy(parsed.data!)).toEqual([]);
    expect(resolvePolicy(name)).toEqual({ ok: true, value: preset });
    expect(preset.id).toBe(name);
    expect(preset.version).toMatch(/^\d{4}\.\d+$/);
  });

  it("defines all six letting rules, the named priority groups and a `*` landlord", () => {
    expect(Object.keys(preset.lettingRules).sort()).toEqual([...LETTING_RULES].sort());
    expect(preset.priorityGroups.map((g) => g.id)).toEqual(GROUPS);
    expect(preset.landlords["*"]).toMatchObject({ incomeMultiple: 3, acceptsSocialAssistance: false, maxPaymentRemarks: 0, rejectsHousingDebt: true });
  });

  it("cites a source for every rule, landlord, group and term", () => {
    const sources = [
      ...Object.values(preset.landlords).map((l) => l.source),
      ...Object.values(preset.lettingRules).map((r) => r!.source),
      ...preset.priorityGroups.map((g) => g.source),
      preset.incomePriority.source,
      preset.overcrowding.source,
      preset.housingFirst.source,
      preset.rentGuarantee.source,
    ];
    for (const s of sources) expect(s).toMatch(SOURCE);
  });

  it("Housing First eligibility is a valid enrollment, never a treatment fact", () => {
    expect(preset.lettingRules["housing-first"]!.eligible).toEqual({ fact: "decisions.housingFirst", op: "eq", value: true });
  });

  it("is frozen: no caller can change the preset for others", () => {
    expect(Object.isFrozen(preset)).toBe(true);
    expect(Object.isFrozen(preset.lettingRules.queue!.eligible)).toBe(true);
    expect(() => {
      (preset.landlords["*"] as { incomeMultiple: number }).incomeMultiple = 1;
    }).toThrow();
  });
});

describe("preset parameters from the documents", () => {
  it("Örebro: ÖBO, income priority 10 % / 80 %, overcrowding 2 per bedroom with under-twos exempt (002)", () => {
    const p = PRESETS["orebro"]!;
    expect(p.landlords["obo"]).toBeDefined();
    expect(p.incomePriority).toMatchObject({ maxShareOfLandlordStock: 0.1, maxShareOfDistrict: 0.8, source: "002_50ae62936fea26ff.txt" });
    expect(p.overcrowding).toMatchObject({ maxPersonsPerBedroom: 2, exemptChildrenUnderYears: 2, source: "002_50ae62936fea26ff.txt" });
  });

  it("Lund: LKF, rent guarantees six months' rent up to two years, reviewed twice a year (003)", () => {
    const p = PRESETS["lund"]!;
    expect(p.landlords["lkf"]).toBeDefined();
    expect(p.rentGuarantee).toMatchObject({ minMonths: 6, maxYears: 2, reviewEveryMonths: 6 });
    expect(p.rentGuarantee.source).toContain("003_a6b4b33b68e1eed4.txt");
  });

  it("Stockholm: municipal companies and the förtur baseline with one offer", () => {
    const p = PRESETS["stockholm"]!;
    for (const l of ["svenska-bostader", "familjebostader", "stockholmshem"]) expect(p.landlords[l]).toBeDefined();
    const sp = p.lettingRules["social-priority"]!;
    expect(sp.eligible).toEqual({
      all: [
        { fact: "residence.years", op: "gte", value: 2 },
        { fact: "queue.days", op: "gt", value: 0 },
        { fact: "credit.housingDebt", op: "eq", value: false },
        { fact: "decisions.socialPriority", op: "eq", value: true },
      ],
    });
    expect(sp.offers).toEqual({ maxOffers: 1, refusalEndsPriority: true });
  });

  it("Housing First scatters one unit per building in every preset (004)", () => {
    for (const p of Object.values(PRESETS)) expect(p.housingFirst.maxUnitsPerBuilding).toBe(1);
  });

  it("homeless > 6 months means more than 182 days; institution discharge within 90 days", () => {
    const g = (id: string) => PRESETS["orebro"]!.priorityGroups.find((x) => x.id === id)!.when;
    expect(g("homeless-over-six-months")).toEqual({ fact: "housing.homelessDays", op: "gt", value: 182 });
    expect(g("institution-discharge")).toEqual({ all: [{ fact: "housing.situation", op: "eq", value: "institution" }, { fact: "housing.moveOutWithinDays", op: "lte", value: 90 }] });
  });
});

describe("resolvePolicy: what a policy may not say", () => {
  it.each(["needs.substanceUse", "needs.coOccurring", "needs.mentalIllness"])("rejects Housing First conditioned on %s, in Swedish and English", (fact) => {
    const r = resolvePolicy({
      extends: "lund",
      lettingRules: { "housing-first": { eligible: { all: [{ fact: "decisions.housingFirst", op: "eq", value: true }, { not: { fact, op: "eq", value: true } }] } } },
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const i = r.issues.find((x) => x.code === "housing_first_conditioned_on_treatment")!;
    expect(i.path).toEqual(["policy", "lettingRules", "housing-first", "eligible"]);
    expect(i.message.sv).toContain("Bostad Först");
    expect(i.message.sv).toContain(fact);
    expect(i.message.en).toContain("Housing First must not be conditioned on treatment");
    expect(i.message.en).toContain(fact);
  });

  it("rejects a lottery that is not last", () => {
    const r = resolvePolicy({ extends: "orebro", lettingRules: { queue: { order: ["lottery", "queue-days"] } } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.code)).toContain("lottery_not_last");
  });

  it("rejects an unknown fact", () => {
    const r = resolvePolicy({ extends: "stockholm", priorityGroups: [{ id: "x", label: { sv: "x", en: "x" }, sensitive: false, when: { fact: "income.yearly", op: "gt", value: 0 }, source: "t" }] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.code)).toContain("unknown_fact");
  });

  it("rejects an unknown preset", () => {
    const r = resolvePolicy({ extends: "uppsala" });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]!.code).toBe("unknown_preset");
  });
});

describe("extends: objects merge, arrays and conditions replace", () => {
  const resolved = (raw: unknown): Policy => {
    const r = resolvePolicy(raw);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    return r.value;
  };

  it("objects merge by key: one landlord field changed, the rest kept", () => {
    const p = resolved({ extends: "orebro", landlords: { obo: { incomeMultiple: 2.5 } } });
    expect(p.landlords["obo"]).toEqual({ ...PRESETS["orebro"]!.landlords["obo"], incomeMultiple: 2.5 });
    expect(p.landlords["*"]).toEqual(PRESETS["orebro"]!.landlords["*"]);
    expect(p.lettingRules).toEqual(PRESETS["orebro"]!.lettingRules);
  });

  it("arrays replace: a new priority-group list and order", () => {
    const when = { fact: "children.count", op: "gte", value: 1 };
    const p = resolved({
      extends: "lund",
      priorityGroups: [{ id: "children", label: { sv: "Barn", en: "Children" }, sensitive: false, when, source: "003_a6b4b33b68e1eed4.txt" }],
      lettingRules: { queue: { order: ["homeless-days"] } },
    });
    expect(p.priorityGroups.map((g) => g.id)).toEqual(["children"]);
    expect(p.lettingRules.queue!.order).toEqual(["homeless-days"]);
    expect(p.lettingRules.queue!.source).toBe(PRESETS["lund"]!.lettingRules.queue!.source);
  });

  it("conditions replace as a whole, never merge", () => {
    const p = resolved({ extends: "stockholm", lettingRules: { "social-priority": { eligible: { fact: "decisions.socialPriority", op: "eq", value: true } } } });
    expect(p.lettingRules["social-priority"]!.eligible).toEqual({ fact: "decisions.socialPriority", op: "eq", value: true });
    expect(p.lettingRules["social-priority"]!.offers).toEqual({ maxOffers: 1, refusalEndsPriority: true });
    expect(mergePolicy({ all: [1, 2] }, { any: [3] })).toEqual({ any: [3] });
  });

  it("extending never changes the preset", () => {
    const before = structuredClone(PRESETS["orebro"]);
    resolved({ extends: "orebro", landlords: { obo: { incomeMultiple: 2 } } });
    expect(PRESETS["orebro"]).toEqual(before);
  });
});
