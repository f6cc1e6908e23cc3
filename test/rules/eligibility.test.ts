import { describe, expect, it } from "vitest";
import { computeFacts } from "../../src/facts/catalogue.js";
import { ApartmentSchema, type Apartment } from "../../src/model/apartment.js";
import { HouseholdSchema, type HouseholdInput } from "../../src/model/household.js";
import { PRESETS } from "../../src/presets/index.js";
import { CHECK_CODES, type Check, checkEligibility, landlordTerms } from "../../src/rules/eligibility.js";
import { requiredIncome } from "../../src/rules/checks/finances.js";
import { baseApartment, baseHousehold } from "../presets/scenarios/base.js";

const asOf = "2026-11-21";
const orebro = PRESETS["orebro"]!;
const run = (h: Partial<HouseholdInput>, a: Partial<Apartment>, policy = orebro) => {
  const household = HouseholdSchema.parse({ ...baseHousehold, ...h });
  const apartment = ApartmentSchema.parse({ ...baseApartment, ...a });
  return checkEligibility(household, computeFacts(household, { asOf, policy }), apartment, policy, asOf);
};
const check = <C extends Check["code"]>(checks: Check[], code: C) => checks.find((c): c is Extract<Check, { code: C }> => c.code === code)!;

describe("checkEligibility", () => {
  it("reports one check per concern, in a fixed order, each with a source", () => {
    const e = run({}, {});
    expect(e.checks.map((c) => c.code)).toEqual([...CHECK_CODES]);
    for (const c of e.checks) expect(c.source.length).toBeGreaterThan(0);
  });

  it("income: counts social assistance only where accepted, with the compared values", () => {
    const income = [{ source: "employment" as const, monthlySek: 10_000 }, { source: "social-assistance" as const, monthlySek: 14_000 }];
    expect(check(run({ income }, { landlord: "obo" }).checks, "income")).toMatchObject({ pass: true, counted: 24_000, required: 24_000, multiple: 3, rent: 8000, socialAssistance: { monthlySek: 14_000, counted: true }, basis: "own" });
    expect(check(run({ income }, { landlord: "privat-ab" }).checks, "income")).toMatchObject({ pass: false, counted: 10_000, required: 24_000, socialAssistance: { monthlySek: 14_000, counted: false } });
  });

  it("rent guarantee: lifts all three financial checks and says so", () => {
    const e = run({ income: [], credit: { paymentRemarks: 2, housingDebt: true }, decisions: { rentGuarantee: { status: "approved", maxMonthlySek: 8000, months: 6, validUntil: "2027-11-21" } } }, {});
    expect(e.eligible).toBe(true);
    expect(e.rentGuaranteeRequired).toBe(true);
    for (const code of ["income", "payment-remarks", "housing-debt"] as const) expect(check(e.checks, code)).toMatchObject({ pass: true, ownPass: false, basis: "rent-guarantee" });
    expect(check(e.checks, "rent-guarantee")).toMatchObject({ pass: true, outcome: "lifts", needed: true, valid: true, maxMonthlySek: 8000, rent: 8000, landlordAccepts: true });
  });

  it("rent guarantee: not accepted by the landlord", () => {
    const policy = { ...orebro, landlords: { ...orebro.landlords, obo: { ...orebro.landlords["obo"]!, acceptsRentGuarantee: false } } };
    const e = run({ credit: { paymentRemarks: 1, housingDebt: false }, decisions: { rentGuarantee: { status: "approved", maxMonthlySek: 9000, months: 6, validUntil: "2027-11-21" } } }, {}, policy);
    expect(check(e.checks, "rent-guarantee")).toMatchObject({ pass: false, outcome: "landlord-refuses" });
    expect(e.rentGuaranteeRequired).toBe(false);
  });

  it("second-hand: finances reported as passed with the reason and the household's own result", () => {
    const e = run({ income: [], credit: { paymentRemarks: 3, housingDebt: true } }, { contract: "second-hand" });
    expect(e.eligible).toBe(true);
    for (const code of ["income", "payment-remarks", "housing-debt"] as const) expect(check(e.checks, code)).toMatchObject({ pass: true, ownPass: false, basis: "second-hand" });
    expect(check(e.checks, "rent-guarantee")).toMatchObject({ pass: true, outcome: "not-needed", needed: false });
  });

  it("size: reports persons counted, bedrooms and capacity", () => {
    const e = run({ members: [{ birthDate: "1984-01-01" }, { birthDate: "1985-01-01" }, { birthDate: "2023-06-01" }] }, { bedrooms: 1 });
    expect(check(e.checks, "size")).toMatchObject({ pass: false, persons: 3, bedrooms: 1, capacity: 2, appliesToHousehold: true, source: "002_50ae62936fea26ff.txt" });
  });

  it("accessibility: lists the unmet needs", () => {
    const e = run({ needs: { accessibility: ["wheelchair", "elevator"] } }, { floor: 4, elevator: false, wheelchairAccessible: false });
    expect(check(e.checks, "accessibility")).toMatchObject({ pass: false, needs: ["elevator", "wheelchair"], unmet: ["elevator", "wheelchair"] });
  });

  it("letting rule: the trace carries the facts and the rule's source", () => {
    const e = run({}, { lettingRule: "social-priority" });
    expect(check(e.checks, "letting-rule")).toMatchObject({ pass: false, rule: "social-priority", defined: true, trace: [{ fact: "decisions.socialPriority", value: false, op: "eq", expected: true, result: false }] });
  });

  it("letting rule not in the policy fails rather than throws", () => {
    const { senior: _senior, ...rest } = orebro.lettingRules;
    const e = run({}, { lettingRule: "senior" }, { ...orebro, lettingRules: rest });
    expect(check(e.checks, "letting-rule")).toMatchObject({ pass: false, defined: false, trace: [] });
  });

  it("landlord terms: own entry, else `*`; never an inherited Object property", () => {
    expect(landlordTerms(orebro, "obo").acceptsSocialAssistance).toBe(true);
    expect(landlordTerms(orebro, "toString")).toBe(orebro.landlords["*"]);
  });

  it("required income rounds up to whole SEK without float drift", () => {
    expect(requiredIncome(3, 8350)).toBe(25_050);
    expect(requiredIncome(1.1, 1000)).toBe(1100);
    expect(requiredIncome(2.5, 8351)).toBe(20_878);
  });
});
