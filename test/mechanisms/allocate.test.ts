import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { allocate, rank } from "../../src/mechanisms/allocate.js";
import { AllocationResultSchema, RankResultSchema } from "../../src/model/result.js";
import { ENGINE_VERSION } from "../../src/version.js";

const adult = { birthDate: "1985-01-01" };
const base = { credit: { paymentRemarks: 0, housingDebt: false }, residence: { registeredSince: "2010-01-01" } };
const household = (id: string, queue: string, ranking: string[], extra: Record<string, unknown> = {}) => ({
  id,
  members: [adult],
  income: [{ source: "employment", monthlySek: 30000 }],
  ...base,
  housing: { situation: "own-short-term", since: "2026-01-01" },
  queue: { registeredOn: queue },
  preferences: { ranking },
  ...extra,
});
const apartment = (id: string, extra: Record<string, unknown> = {}) => ({
  id, landlord: "obo", district: "Varberga", building: `B-${id}`, rooms: 2, bedrooms: 1, areaSqm: 50, monthlyRentSek: 7000,
  floor: 1, elevator: true, wheelchairAccessible: false, lettingRule: "queue", contract: "first-hand", availableFrom: "2026-12-01", ...extra,
});
const input = (households: unknown[], apartments: unknown[]) => ({
  schemaVersion: 1, asOf: "2026-11-21", seed: "test-seed", policy: "orebro", households, apartments,
  stock: { landlords: { obo: { totalApartments: 24000, apartmentsByDistrict: { Varberga: 3000 }, incomePriorityByDistrict: {} } } },
});

describe("allocate: known answers (Örebro preset)", () => {
  it("longest queue time wins a contested queue apartment; the other gets its second choice", () => {
    const r = allocate(input([household("H-1", "2015-01-01", ["A-1", "A-2"]), household("H-2", "2010-01-01", ["A-1", "A-2"])], [apartment("A-1"), apartment("A-2")]));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.proposals.map((p) => [p.householdId, p.apartmentId, p.choiceRank])).toEqual([["H-1", "A-2", 2], ["H-2", "A-1", 1]]);
    expect(r.value.apartments.find((a) => a.apartmentId === "A-1")!.ranking.map((x) => x.householdId)).toEqual(["H-2", "H-1"]);
  });

  it("income priority (002_50ae62936fea26ff.txt): work income outranks longer queue time; on a queue apartment queue time decides", () => {
    const worker = household("H-W", "2024-01-01", ["A-IP", "A-Q"]);
    const longQueue = household("H-Q", "2005-01-01", ["A-IP", "A-Q"], { income: [{ source: "sickness-or-activity-compensation", monthlySek: 30000 }] });
    const r = allocate(input([worker, longQueue], [apartment("A-IP", { lettingRule: "income-priority" }), apartment("A-Q")]));
    expect(r.ok && r.value.proposals.map((p) => [p.householdId, p.apartmentId])).toEqual([["H-Q", "A-Q"], ["H-W", "A-IP"]]);
    const ranked = rank(input([worker, longQueue], [apartment("A-IP", { lettingRule: "income-priority" }), apartment("A-Q")]));
    expect(ranked.ok && ranked.value.apartments.map((a) => [a.apartmentId, a.ranking.map((x) => x.householdId)])).toEqual([["A-IP", ["H-W", "H-Q"]], ["A-Q", ["H-Q", "H-W"]]]);
  });

  it("reports why a household went unmatched and why an apartment stayed empty", () => {
    const poor = household("H-P", "2010-01-01", ["A-1"], { income: [{ source: "employment", monthlySek: 15000 }] });
    const r = allocate(input([poor, household("H-X", "2020-01-01", [])], [apartment("A-1"), apartment("A-2")]));
    if (!r.ok) throw new Error("invalid");
    expect(r.value.unmatchedHouseholds).toEqual([
      { householdId: "H-P", reasons: [{ code: "ineligible", apartmentId: "A-1", choiceRank: 1, failed: ["income", "rent-guarantee"] }] },
      { householdId: "H-X", reasons: [{ code: "no-choices" }] },
    ]);
    expect(r.value.unfilledApartments).toEqual([
      { apartmentId: "A-1", reasons: [{ code: "no-eligible-applicants", applicants: 1, failed: { income: 1, "rent-guarantee": 1 } }] },
      { apartmentId: "A-2", reasons: [{ code: "no-applicants" }] },
    ]);
  });

  it("an approved rent guarantee covering the rent lifts the income check and flags the proposal", () => {
    const guaranteed = household("H-G", "2010-01-01", ["A-1"], {
      income: [{ source: "employment", monthlySek: 15000 }],
      decisions: { rentGuarantee: { status: "approved", maxMonthlySek: 8000, months: 6, validUntil: "2028-11-01" } },
    });
    const r = allocate(input([guaranteed], [apartment("A-1")]));
    expect(r.ok && r.value.proposals).toMatchObject([{ householdId: "H-G", apartmentId: "A-1", rentGuaranteeRequired: true }]);
  });

  it("a broken cap is an input issue and no result is produced", () => {
    const raw = input([household("H-1", "2010-01-01", ["A-1"])], [apartment("A-1", { lettingRule: "income-priority" })]);
    raw.stock.landlords.obo.incomePriorityByDistrict = { Varberga: 2400 };
    const r = allocate(raw);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.issues.map((i) => i.code)).toEqual(["cap_exceeded", "cap_exceeded"]);
  });

  it("the bundled example conforms to the result contract, with keys in the documented order", () => {
    const raw = JSON.parse(readFileSync(new URL("../../examples/data/orebro-batch.json", import.meta.url), "utf8"));
    const r = allocate(raw);
    if (!r.ok) throw new Error(JSON.stringify(r.issues.slice(0, 3)));
    expect(AllocationResultSchema.parse(r.value)).toEqual(r.value);
    expect(Object.keys(r.value)).toEqual(["schemaVersion", "audit", "proposals", "unmatchedHouseholds", "unfilledApartments", "apartments", "explanations", "designations"]);
    expect(r.value.proposals.length).toBeGreaterThan(10);
    // Every household has a caseworker explanation, keyed by id in code-point order.
    expect(Object.keys(r.value.explanations!)).toEqual(raw.households.map((h: { id: string }) => h.id).sort());
    expect(Object.values(r.value.explanations!).every((x) => x.audience === "caseworker")).toBe(true);
    const ranked = rank(raw);
    expect(ranked.ok && RankResultSchema.parse(ranked.value)).toBeTruthy();
  });

  it("records the engine version from package.json in the audit", () => {
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
    expect(ENGINE_VERSION).toBe(pkg.version);
  });
});
