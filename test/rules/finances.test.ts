import { describe, expect, it } from "vitest";
import { computeFacts } from "../../src/facts/catalogue.js";
import { type Apartment, ApartmentSchema } from "../../src/model/apartment.js";
import { type HouseholdInput, HouseholdSchema } from "../../src/model/household.js";
import type { LandlordTerms } from "../../src/model/policy.js";
import { PRESETS } from "../../src/presets/index.js";
import {
  FINANCIAL_BITS,
  RENT_GUARANTEE_OUTCOMES,
  type RentGuaranteeOutcome,
  apartmentFinances,
  checkFinances,
  financialVerdict,
  householdFinances,
} from "../../src/rules/checks/finances.js";
import { FAILED_CHECKS, VERDICT_GUARANTEE, apartmentTerms, codesOfMask, householdTerms, landlordTerms, pairBits, verdictOf } from "../../src/rules/eligibility.js";
import { AS_OF, baseApartment, baseHousehold } from "../presets/scenarios/base.js";

// The financial rules are decided once, by financialVerdict; these tables hold its three readers to each row:
// the verdict itself, the checks checkFinances builds from it, and pairBits, the allocation's per-pair verdict.

const DESIGN = "DESIGN section 6";
const orebro = PRESETS["orebro"]!;
const FINANCIAL_CODES = ["income", "payment-remarks", "housing-debt", "rent-guarantee"] as const;
type FinancialCode = (typeof FINANCIAL_CODES)[number];

/** A pair in words: changes to the base household and apartment (ÖBO, 8 000 SEK, first hand) and to ÖBO's terms. */
interface Situation {
  household?: Partial<HouseholdInput>;
  apartment?: Partial<Apartment>;
  terms?: Partial<LandlordTerms>;
}

/** What a row expects of the financial checks: those that fail, those the household fails on its own, the guarantee's outcome. */
interface Expected {
  failed: FinancialCode[];
  own: FinancialCode[];
  outcome: RentGuaranteeOutcome;
}

interface Row extends Situation {
  name: string;
  source: string;
  expect: Expected;
}

/** The codes whose bits are set in `v`, bit k (from `shift`) for `codes[k]`. */
const codesIn = (v: number, codes: readonly FinancialCode[], shift: number): FinancialCode[] => codes.filter((_, k) => (v & ((1 << k) << shift)) !== 0);

/** The pair as each reader sees it, brought to the form of {@link Expected}. */
function readers(s: Situation) {
  const policy = { ...orebro, landlords: { ...orebro.landlords, obo: { ...orebro.landlords["obo"]!, ...s.terms } } };
  const household = HouseholdSchema.parse({ ...baseHousehold, ...s.household });
  const apartment = ApartmentSchema.parse({ ...baseApartment, ...s.apartment });
  const facts = computeFacts(household, { asOf: AS_OF, policy });
  const terms = landlordTerms(policy, apartment.landlord);

  const v = financialVerdict(householdFinances(household, facts), apartmentFinances(apartment, terms));
  const verdict: Expected = {
    failed: codesIn(v & FINANCIAL_BITS.failed, FINANCIAL_CODES, 0),
    own: codesIn(v, FINANCIAL_CODES.slice(0, 3), FINANCIAL_BITS.own),
    outcome: RENT_GUARANTEE_OUTCOMES[v >>> FINANCIAL_BITS.outcome]!,
  };

  const f = checkFinances(household, facts, apartment, terms, policy);
  const own = [f.income, f.paymentRemarks, f.housingDebt];
  const checks = {
    failed: [...own, f.rentGuarantee].filter((c) => !c.pass).map((c) => c.code),
    own: own.filter((c) => !c.ownPass).map((c) => c.code),
    outcome: f.rentGuarantee.outcome,
    needed: f.rentGuarantee.needed,
    required: f.rentGuaranteeRequired,
  };

  // The base pair passes every other check, so pairBits fails exactly the financial ones.
  const bits = pairBits(householdTerms(household, facts, policy, AS_OF), apartmentTerms(apartment, policy), true);
  return { verdict, checks, bits: { failed: codesOfMask(bits & FAILED_CHECKS), guarantee: (verdictOf(bits) & VERDICT_GUARANTEE) !== 0 } };
}

function expectRow(s: Situation, expected: Expected): void {
  const { verdict, checks, bits } = readers(s);
  expect(verdict).toEqual(expected);
  expect(checks).toEqual({ ...expected, needed: expected.outcome !== "not-needed", required: expected.outcome === "lifts" });
  expect(bits).toEqual({ failed: expected.failed, guarantee: expected.outcome === "lifts" });
}

const remark = { paymentRemarks: 1, housingDebt: false };
const guarantee = (maxMonthlySek: number, validUntil = "2027-11-21", status: "approved" | "applied" = "approved") => ({
  rentGuarantee: { status, maxMonthlySek, months: 6, validUntil },
});
const passes: Expected = { failed: [], own: [], outcome: "not-needed" };

describe("financialVerdict: the household's own finances", () => {
  const rows: Row[] = [
    { name: "income exactly 3 × rent passes", source: DESIGN, household: { income: [{ source: "employment", monthlySek: 24_000 }] }, expect: passes },
    {
      name: "income 1 SEK below 3 × rent fails",
      source: DESIGN,
      household: { income: [{ source: "employment", monthlySek: 23_999 }] },
      expect: { failed: ["income", "rent-guarantee"], own: ["income"], outcome: "none" },
    },
    {
      name: "social assistance is counted where the landlord accepts it",
      source: DESIGN,
      household: { income: [{ source: "employment", monthlySek: 10_000 }, { source: "social-assistance", monthlySek: 14_000 }] },
      expect: passes,
    },
    {
      name: "social assistance is not counted where the landlord does not accept it",
      source: DESIGN,
      household: { income: [{ source: "employment", monthlySek: 10_000 }, { source: "social-assistance", monthlySek: 14_000 }] },
      terms: { acceptsSocialAssistance: false },
      expect: { failed: ["income", "rent-guarantee"], own: ["income"], outcome: "none" },
    },
    { name: "payment remarks at the landlord's maximum pass", source: DESIGN, household: { credit: { paymentRemarks: 2, housingDebt: false } }, terms: { maxPaymentRemarks: 2 }, expect: passes },
    {
      name: "one payment remark over the maximum fails",
      source: DESIGN,
      household: { credit: { paymentRemarks: 3, housingDebt: false } },
      terms: { maxPaymentRemarks: 2 },
      expect: { failed: ["payment-remarks", "rent-guarantee"], own: ["payment-remarks"], outcome: "none" },
    },
    {
      name: "housing debt fails where the landlord rejects it",
      source: DESIGN,
      household: { credit: { paymentRemarks: 0, housingDebt: true } },
      expect: { failed: ["housing-debt", "rent-guarantee"], own: ["housing-debt"], outcome: "none" },
    },
    { name: "housing debt passes where the landlord does not reject it", source: DESIGN, household: { credit: { paymentRemarks: 0, housingDebt: true } }, terms: { rejectsHousingDebt: false }, expect: passes },
    {
      name: "all three fail together",
      source: DESIGN,
      household: { income: [], credit: { paymentRemarks: 1, housingDebt: true } },
      expect: { failed: ["income", "payment-remarks", "housing-debt", "rent-guarantee"], own: ["income", "payment-remarks", "housing-debt"], outcome: "none" },
    },
    {
      name: "a second-hand contract waives all three, and they are still reported as failed on the household's own",
      source: DESIGN,
      household: { income: [], credit: { paymentRemarks: 1, housingDebt: true } },
      apartment: { contract: "second-hand" },
      expect: { failed: [], own: ["income", "payment-remarks", "housing-debt"], outcome: "not-needed" },
    },
    {
      name: "a valid guarantee covering the rent lifts all three",
      source: DESIGN,
      household: { income: [], credit: { paymentRemarks: 1, housingDebt: true }, decisions: guarantee(8000) },
      expect: { failed: [], own: ["income", "payment-remarks", "housing-debt"], outcome: "lifts" },
    },
  ];
  for (const row of rows) it(`${row.name} (${row.source})`, () => expectRow(row, row.expect));
});

describe("financialVerdict: the rent guarantee, every combination of its conditions", () => {
  // The conditions in the order they are tried, each with the outcome when it is the first that does not hold (DESIGN section 6).
  const ORDER = [
    ["hasGuarantee", "none"],
    ["accepted", "landlord-refuses"],
    ["valid", "not-valid"],
    ["covers", "does-not-cover"],
  ] as const;
  type Condition = (typeof ORDER)[number][0] | "secondHand" | "failsOwn";
  const CONDITIONS: Condition[] = ["secondHand", "failsOwn", "hasGuarantee", "accepted", "valid", "covers"];

  for (let m = 0; m < 1 << CONDITIONS.length; m++) {
    const on = (c: Condition) => (m & (1 << CONDITIONS.indexOf(c))) !== 0;
    const outcome: RentGuaranteeOutcome = on("secondHand") || !on("failsOwn") ? "not-needed" : (ORDER.find(([c]) => !on(c))?.[1] ?? "lifts");
    const expected: Expected = {
      failed: outcome === "not-needed" || outcome === "lifts" ? [] : ["payment-remarks", "rent-guarantee"],
      own: on("failsOwn") ? ["payment-remarks"] : [],
      outcome,
    };
    const situation: Situation = {
      // The rent is 8 000 SEK: a guarantee of exactly that covers it, one of 7 999 does not; the valid one runs past asOf, the other ended the day before.
      household: {
        credit: on("failsOwn") ? remark : { paymentRemarks: 0, housingDebt: false },
        decisions: on("hasGuarantee") ? guarantee(on("covers") ? 8000 : 7999, on("valid") ? "2027-11-21" : "2026-11-20") : {},
      },
      apartment: { contract: on("secondHand") ? "second-hand" : "first-hand" },
      terms: { acceptsRentGuarantee: on("accepted") },
    };
    const name = CONDITIONS.map((c) => `${c}: ${on(c) ? "yes" : "no"}`).join(", ");
    it(`${name} → ${outcome}`, () => expectRow(situation, expected));
  }

  it("a guarantee only applied for is not valid", () => {
    expectRow({ household: { credit: remark, decisions: guarantee(9000, "2027-11-21", "applied") } }, { failed: ["payment-remarks", "rent-guarantee"], own: ["payment-remarks"], outcome: "not-valid" });
  });

  it("lists the outcomes with the two that pass first", () => {
    expect(RENT_GUARANTEE_OUTCOMES.slice(0, 2)).toEqual(["not-needed", "lifts"]);
  });
});

describe("checkFinances", () => {
  it("builds the checks from the verdict, with the compared values, in a fixed key order", () => {
    const household = HouseholdSchema.parse({
      ...baseHousehold,
      income: [{ source: "employment", monthlySek: 5000 }, { source: "social-assistance", monthlySek: 7000 }],
      credit: { paymentRemarks: 1, housingDebt: false },
      decisions: guarantee(8500),
    });
    const apartment = ApartmentSchema.parse(baseApartment);
    const terms = landlordTerms(orebro, apartment.landlord);
    const f = checkFinances(household, computeFacts(household, { asOf: AS_OF, policy: orebro }), apartment, terms, orebro);
    const expected = {
      income: {
        code: "income",
        pass: true,
        ownPass: false,
        basis: "rent-guarantee",
        counted: 12_000,
        required: 24_000,
        multiple: 3,
        rent: 8000,
        socialAssistance: { monthlySek: 7000, counted: true },
        source: terms.source,
      },
      paymentRemarks: { code: "payment-remarks", pass: true, ownPass: false, basis: "rent-guarantee", count: 1, max: 0, source: terms.source },
      housingDebt: { code: "housing-debt", pass: true, ownPass: true, basis: "own", housingDebt: false, rejectedByLandlord: true, source: terms.source },
      rentGuarantee: {
        code: "rent-guarantee",
        pass: true,
        outcome: "lifts",
        needed: true,
        valid: true,
        maxMonthlySek: 8500,
        rent: 8000,
        landlordAccepts: true,
        source: orebro.rentGuarantee.source,
      },
      rentGuaranteeRequired: true,
    };
    expect(f).toStrictEqual(expected);
    // Results are serialised and compared byte for byte, so the key order is part of the output.
    expect(JSON.stringify(f)).toBe(JSON.stringify(expected));
  });

  it("reports no guarantee amount when the household has none", () => {
    const household = HouseholdSchema.parse({ ...baseHousehold, credit: remark });
    const apartment = ApartmentSchema.parse(baseApartment);
    const f = checkFinances(household, computeFacts(household, { asOf: AS_OF, policy: orebro }), apartment, landlordTerms(orebro, apartment.landlord), orebro);
    expect(f.rentGuarantee).toMatchObject({ pass: false, outcome: "none", needed: true, valid: false, maxMonthlySek: null });
    expect(f.paymentRemarks).toMatchObject({ pass: false, ownPass: false, basis: "own" });
  });
});
