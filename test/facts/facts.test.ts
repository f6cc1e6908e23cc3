import { describe, expect, it } from "vitest";
import { FACTS, FACT_IDS, computeFacts, countedPersons, isOvercrowdedIn, type FactValue } from "../../src/facts/index.js";
import type { FactId } from "../../src/facts/ids.js";
import type { HouseholdInput } from "../../src/model/household.js";
import { makeHousehold } from "../fixtures/household.js";
import { testPolicy } from "../fixtures/policy.js";

const asOf = "2026-11-21";
const ctx = { asOf, policy: testPolicy };
const adult = { birthDate: "1984-03-02" };

// Each row: a household (overrides) → the expected value of one fact at 2026-11-21.
const table: { fact: FactId; name: string; household: Partial<HouseholdInput>; expected: FactValue }[] = [
  { fact: "household.size", name: "three members", household: { members: [adult, adult, { birthDate: "2020-01-01" }] }, expected: 3 },
  { fact: "adults.count", name: "turns 18 on asOf counts as adult", household: { members: [adult, { birthDate: "2008-11-21" }] }, expected: 2 },
  { fact: "adults.count", name: "turns 18 the day after is a child", household: { members: [adult, { birthDate: "2008-11-22" }] }, expected: 1 },
  { fact: "children.count", name: "two children", household: { members: [adult, { birthDate: "2010-05-05" }, { birthDate: "2025-06-01" }] }, expected: 2 },
  { fact: "children.underTwo.count", name: "a one-year-old", household: { members: [adult, { birthDate: "2025-06-01" }, { birthDate: "2024-11-21" }] }, expected: 1 },
  { fact: "age.oldest", name: "oldest of two", household: { members: [{ birthDate: "1950-11-22" }, adult] }, expected: 75 },
  { fact: "pensioner", name: "member aged 65", household: { members: [{ birthDate: "1961-11-21" }] }, expected: true },
  { fact: "pensioner", name: "aged 64 without pension", household: { members: [{ birthDate: "1961-11-22" }] }, expected: false },
  { fact: "pensioner", name: "early pension income", household: { income: [{ source: "pension", monthlySek: 9000 }] }, expected: true },
  { fact: "housing.situation", name: "as given", household: { housing: { situation: "institution", since: "2025-01-01" } }, expected: "institution" },
  { fact: "housing.homelessDays", name: "from homelessSince", household: { housing: { situation: "acute", since: "2026-09-01", homelessSince: "2026-11-01" } }, expected: 20 },
  { fact: "housing.homelessDays", name: "falls back to since", household: { housing: { situation: "own-short-term", since: "2026-11-11" } }, expected: 10 },
  { fact: "housing.homelessDays", name: "housed is 0", household: { housing: { situation: "housed", since: "2020-01-01", homelessSince: "2019-01-01" } }, expected: 0 },
  { fact: "housing.homelessDays", name: "eviction risk is 0", household: { housing: { situation: "eviction-risk", since: "2026-01-01" } }, expected: 0 },
  { fact: "housing.accommodation", name: "given", household: { housing: { situation: "acute", since: "2026-01-01", accommodation: "hotel" } }, expected: "hotel" },
  { fact: "housing.accommodation", name: "missing is null", household: {}, expected: null },
  { fact: "housing.overcrowded", name: "2 adults + 3-year-old in 1 bedroom", household: { members: [adult, adult, { birthDate: "2023-06-01" }], housing: { situation: "own-short-term", since: "2026-01-01", currentBedrooms: 1 } }, expected: true },
  { fact: "housing.overcrowded", name: "unknown bedrooms is not overcrowded", household: { members: [adult, adult, { birthDate: "2023-06-01" }] }, expected: false },
  { fact: "housing.moveOutWithinDays", name: "discharge in 24 days", household: { housing: { situation: "institution", since: "2025-01-01", moveOutBy: "2026-12-15" } }, expected: 24 },
  { fact: "housing.moveOutWithinDays", name: "no date is null", household: {}, expected: null },
  { fact: "needs.solSupport", name: "default false", household: {}, expected: false },
  { fact: "needs.lssHousing", name: "given", household: { needs: { lssHousing: true } }, expected: true },
  { fact: "needs.coOccurring", name: "given", household: { needs: { coOccurring: true } }, expected: true },
  { fact: "needs.mentalIllness", name: "given", household: { needs: { mentalIllness: true } }, expected: true },
  { fact: "needs.substanceUse", name: "given", household: { needs: { substanceUse: true } }, expected: true },
  { fact: "needs.accessibility", name: "sorted list", household: { needs: { accessibility: ["wheelchair", "elevator"] } }, expected: ["elevator", "wheelchair"] },
  { fact: "decisions.socialPriority", name: "valid through validUntil", household: { decisions: { socialPriority: { grantedOn: "2026-01-01", validUntil: "2026-11-21", grounds: ["social"] } } }, expected: true },
  { fact: "decisions.socialPriority", name: "expired the day before", household: { decisions: { socialPriority: { grantedOn: "2025-01-01", validUntil: "2026-11-20", grounds: ["social"] } } }, expected: false },
  { fact: "decisions.socialPriority", name: "granted in the future", household: { decisions: { socialPriority: { grantedOn: "2026-12-01", grounds: ["medical"] } } }, expected: false },
  { fact: "decisions.housingFirst", name: "enrolled", household: { decisions: { housingFirst: { enrolledOn: "2026-08-15" } } }, expected: true },
  { fact: "decisions.housingFirst", name: "ended on asOf", household: { decisions: { housingFirst: { enrolledOn: "2026-01-15", endedOn: "2026-11-21" } } }, expected: false },
  { fact: "decisions.rentGuarantee", name: "approved and valid", household: { decisions: { rentGuarantee: { status: "approved", maxMonthlySek: 9000, months: 6, validUntil: "2028-11-01" } } }, expected: true },
  { fact: "decisions.rentGuarantee", name: "only applied", household: { decisions: { rentGuarantee: { status: "applied", maxMonthlySek: 9000, months: 6, validUntil: "2028-11-01" } } }, expected: false },
  { fact: "decisions.rentGuarantee", name: "approved but expired", household: { decisions: { rentGuarantee: { status: "approved", maxMonthlySek: 9000, months: 6, validUntil: "2026-11-01" } } }, expected: false },
  { fact: "income.monthlyTotal", name: "all sources", household: { income: [{ source: "employment", monthlySek: 21000 }, { source: "social-assistance", monthlySek: 4000 }] }, expected: 25000 },
  { fact: "income.work", name: "employment qualifies", household: { income: [{ source: "employment", monthlySek: 100 }] }, expected: true },
  { fact: "income.work", name: "social assistance does not", household: { income: [{ source: "social-assistance", monthlySek: 9000 }] }, expected: false },
  { fact: "income.work", name: "zero employment does not", household: { income: [{ source: "employment", monthlySek: 0 }] }, expected: false },
  { fact: "credit.paymentRemarks", name: "given", household: { credit: { paymentRemarks: 2, housingDebt: false } }, expected: 2 },
  { fact: "credit.housingDebt", name: "given", household: { credit: { paymentRemarks: 0, housingDebt: true } }, expected: true },
  { fact: "queue.days", name: "since registration", household: { queue: { registeredOn: "2026-11-01" } }, expected: 20 },
  { fact: "queue.days", name: "not in queue", household: {}, expected: 0 },
  { fact: "residence.years", name: "full years", household: { residence: { registeredSince: "2024-11-22" } }, expected: 1 },
  { fact: "residence.years", name: "anniversary on asOf", household: { residence: { registeredSince: "2024-11-21" } }, expected: 2 },
];

describe("facts catalogue", () => {
  it.each(table)("$fact: $name", ({ fact, household, expected }) => {
    expect(FACTS[fact].compute(makeHousehold(household), ctx)).toEqual(expected);
  });

  it("covers every fact id with a table row, both labels and a sensitivity flag", () => {
    for (const id of FACT_IDS) {
      expect(table.some((r) => r.fact === id), id).toBe(true);
      expect(FACTS[id].id).toBe(id);
      expect(FACTS[id].label.sv.length).toBeGreaterThan(0);
      expect(FACTS[id].label.en.length).toBeGreaterThan(0);
    }
  });

  it("marks health, social and housing-situation facts sensitive and finances not", () => {
    const sensitive = FACT_IDS.filter((id) => FACTS[id].sensitive);
    expect(sensitive).toEqual(expect.arrayContaining(["needs.substanceUse", "needs.mentalIllness", "needs.coOccurring", "needs.solSupport", "needs.lssHousing", "housing.situation", "decisions.socialPriority"]));
    expect(sensitive).not.toContain("income.monthlyTotal");
    expect(sensitive).not.toContain("queue.days");
  });

  it("computeFacts returns every fact, in the catalogue's order, each computed by its own definition", () => {
    const h = makeHousehold();
    const facts = computeFacts(h, ctx);
    expect(Object.keys(facts)).toEqual(Object.keys(FACTS));
    expect(Object.keys(facts).sort()).toEqual([...FACT_IDS].sort());
    for (const id of FACT_IDS) expect(facts[id]).toEqual(FACTS[id].compute(h, ctx));
  });
});

describe("overcrowding (002_50ae62936fea26ff.txt: families with children, three or more per bedroom, under-twos not counted)", () => {
  const rule = testPolicy.overcrowding;
  const cases: { name: string; members: string[]; bedrooms: number; overcrowded: boolean; counted: number }[] = [
    { name: "2 adults + a 1-year-old fit one bedroom", members: ["1990-01-01", "1991-01-01", "2025-06-01"], bedrooms: 1, overcrowded: false, counted: 2 },
    { name: "2 adults + a 3-year-old do not fit one bedroom", members: ["1990-01-01", "1991-01-01", "2023-06-01"], bedrooms: 1, overcrowded: true, counted: 3 },
    { name: "2 adults + children 5, 3 and 1 fit two bedrooms", members: ["1990-01-01", "1991-01-01", "2021-06-01", "2023-06-01", "2025-06-01"], bedrooms: 2, overcrowded: false, counted: 4 },
    { name: "2 adults + children 5, 3 and 1 do not fit one bedroom", members: ["1990-01-01", "1991-01-01", "2021-06-01", "2023-06-01", "2025-06-01"], bedrooms: 1, overcrowded: true, counted: 4 },
    { name: "parent + a 3-year-old in a one-room flat (counts as one sleeping room)", members: ["1990-01-01", "2023-06-01"], bedrooms: 0, overcrowded: false, counted: 2 },
    { name: "three adults without children are outside the family rule", members: ["1990-01-01", "1991-01-01", "1992-01-01"], bedrooms: 1, overcrowded: false, counted: 3 },
    { name: "a child turning two on asOf is counted", members: ["1990-01-01", "1991-01-01", "2024-11-21"], bedrooms: 1, overcrowded: true, counted: 3 },
  ];
  it.each(cases)("$name", ({ members, bedrooms, overcrowded, counted }) => {
    const h = makeHousehold({ members: members.map((birthDate) => ({ birthDate })) });
    expect(isOvercrowdedIn(h, bedrooms, asOf, rule)).toBe(overcrowded);
    expect(countedPersons(h, asOf, rule)).toBe(counted);
  });
});
