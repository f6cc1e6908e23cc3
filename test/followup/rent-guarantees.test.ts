import { describe, expect, it } from "vitest";
import { fullMonthsBetween } from "../../src/followup/rent-guarantees.js";
import { parseRentGuaranteeReviewInput, reviewRentGuarantees, type RentGuaranteeReview } from "../../src/followup/index.js";

const AS_OF = "2026-11-21";

/** A tenant household: one adult, housed, the given income and credit. */
function household(id: string, income: { source: string; monthlySek: number }[] = [{ source: "employment", monthlySek: 30000 }], credit = { paymentRemarks: 0, housingDebt: false }) {
  return { id, members: [{ birthDate: "1985-01-01" }], income, credit, housing: { situation: "housed", since: "2025-01-01" } };
}

/** A first-hand ÖBO tenancy at 8 000 kr (Örebro: 3 × rent = 24 000 kr required) with a guarantee; `over` replaces fields. */
function tenancy(id: string, over: Record<string, unknown> = {}, guarantee: Record<string, unknown> | null = {}) {
  return {
    id,
    household: household(`H-${id}`),
    landlord: "obo",
    monthlyRentSek: 8000,
    contract: "first-hand",
    startedOn: "2025-01-10",
    ...(guarantee === null ? {} : { guarantee: { grantedOn: "2026-09-01", monthsCovered: 6, validUntil: "2027-09-01", ...guarantee } }),
    ...over,
  };
}

function review(tenancies: unknown[], policy: unknown = "orebro"): RentGuaranteeReview {
  const r = reviewRentGuarantees({ schemaVersion: 1, asOf: AS_OF, policy, tenancies });
  if (!r.ok) throw new Error(JSON.stringify(r.issues, null, 2));
  return r.value;
}

const ids = (list: { tenancyId: string }[]): string[] => list.map((x) => x.tenancyId);

describe("due for review (every reviewEveryMonths, Lund twice a year: 003_a6b4b33b68e1eed4.txt)", () => {
  it.each([
    // [case, guarantee fields, due?, basis, dueOn, daysOverdue]
    ["six months after the grant, never reviewed: due that day", { grantedOn: "2026-05-21", validUntil: "2028-05-21" }, true, "grant", "2026-05-21", 0],
    ["one day short of six months: not due", { grantedOn: "2026-05-22", validUntil: "2028-05-22" }, false, null, null, null],
    ["last review more than six months ago: due, overdue", { grantedOn: "2025-01-10", lastReviewedOn: "2026-05-01", validUntil: "2027-01-10" }, true, "last-review", "2026-05-01", 20],
    ["reviewed recently: not due although the grant is old", { grantedOn: "2025-01-10", lastReviewedOn: "2026-06-01", validUntil: "2027-01-10" }, false, null, null, null],
  ] as const)("%s", (_, g, due, basis, since, overdue) => {
    const r = review([tenancy("T-1", {}, g)]);
    expect(ids(r.dueForReview)).toEqual(due ? ["T-1"] : []);
    if (due) expect(r.dueForReview[0]).toMatchObject({ basis, since, daysOverdue: overdue, householdId: "H-T-1" });
  });

  it("uses the policy's interval: every 3 months makes a 4-month-old grant due", () => {
    const r = review([tenancy("T-1", {}, { grantedOn: "2026-07-21", validUntil: "2027-07-21" })], { extends: "orebro", rentGuarantee: { reviewEveryMonths: 3 } });
    expect(r.dueForReview).toEqual([{ tenancyId: "T-1", householdId: "H-T-1", basis: "grant", since: "2026-07-21", dueOn: "2026-10-21", daysOverdue: 31 }]);
  });
});

describe("can end: the household passes the landlord's criteria on its own", () => {
  it.each([
    ["income 30 000 ≥ 3 × 8 000, no remarks, no debt", "obo", [{ source: "employment", monthlySek: 30000 }], { paymentRemarks: 0, housingDebt: false }, true],
    ["income 20 000 < 24 000", "obo", [{ source: "employment", monthlySek: 20000 }], { paymentRemarks: 0, housingDebt: false }, false],
    ["one payment remark (ÖBO accepts none)", "obo", [{ source: "employment", monthlySek: 30000 }], { paymentRemarks: 1, housingDebt: false }, false],
    ["housing debt", "obo", [{ source: "employment", monthlySek: 30000 }], { paymentRemarks: 0, housingDebt: true }, false],
    ["social assistance counted by ÖBO: 10 000 + 20 000", "obo", [{ source: "employment", monthlySek: 10000 }, { source: "social-assistance", monthlySek: 20000 }], { paymentRemarks: 0, housingDebt: false }, true],
    ["social assistance not counted by other landlords: 10 000 < 24 000", "privat-ab", [{ source: "employment", monthlySek: 10000 }, { source: "social-assistance", monthlySek: 20000 }], { paymentRemarks: 0, housingDebt: false }, false],
  ] as const)("%s", (_, landlord, income, credit, canEnd) => {
    const r = review([tenancy("T-1", { landlord, household: household("H-1", [...income], { ...credit }) })]);
    expect(ids(r.canEnd)).toEqual(canEnd ? ["T-1"] : []);
  });

  it("carries the check trace: income counted vs required, remarks, debt", () => {
    const r = review([tenancy("T-1", { household: household("H-1", [{ source: "employment", monthlySek: 10000 }, { source: "social-assistance", monthlySek: 20000 }]) })]);
    const [income, remarks, debt] = r.canEnd[0]!.checks;
    expect(income).toMatchObject({ code: "income", ownPass: true, counted: 30000, required: 24000, multiple: 3, rent: 8000, socialAssistance: { monthlySek: 20000, counted: true } });
    expect(remarks).toMatchObject({ code: "payment-remarks", ownPass: true, count: 0, max: 0 });
    expect(debt).toMatchObject({ code: "housing-debt", ownPass: true, housingDebt: false });
  });
});

describe("breaks the policy's terms (Örebro preset: at least 6 months' rent, at most 2 years)", () => {
  it.each([
    ["3 months covered < 6", { monthsCovered: 3 }, [{ term: "min-months", monthsCovered: 3, minMonths: 6 }]],
    ["6 months covered: fine", { monthsCovered: 6 }, []],
    ["valid exactly two years: fine", { grantedOn: "2025-01-01", validUntil: "2027-01-01" }, []],
    ["two years and a day", { grantedOn: "2025-01-01", validUntil: "2027-01-02" }, [{ term: "max-years", grantedOn: "2025-01-01", validUntil: "2027-01-02", latestAllowed: "2027-01-01", maxYears: 2 }]],
    ["both", { grantedOn: "2026-01-01", validUntil: "2029-01-01", monthsCovered: 0 }, [{ term: "min-months", monthsCovered: 0, minMonths: 6 }, { term: "max-years", grantedOn: "2026-01-01", validUntil: "2029-01-01", latestAllowed: "2028-01-01", maxYears: 2 }]],
  ] as const)("%s", (_, g, violations) => {
    const r = review([tenancy("T-1", {}, g)]);
    expect(r.breaksTerms).toEqual(violations.length === 0 ? [] : [{ tenancyId: "T-1", householdId: "H-T-1", violations }]);
  });
});

describe("expiring within 60 days, and expired", () => {
  it.each([
    ["ends in 60 days", "2027-01-20", "expiring", 60],
    ["ends in 61 days", "2027-01-21", "none", null],
    ["ends today", AS_OF, "expiring", 0],
    ["ended yesterday", "2026-11-20", "expired", 1],
  ] as const)("%s", (_, validUntil, kind, n) => {
    const r = review([tenancy("T-1", {}, { grantedOn: "2026-09-01", validUntil })]);
    expect(ids(r.expiringSoon)).toEqual(kind === "expiring" ? ["T-1"] : []);
    expect(ids(r.expired)).toEqual(kind === "expired" ? ["T-1"] : []);
    if (kind === "expiring") expect(r.expiringSoon[0]!.daysLeft).toBe(n);
    if (kind === "expired") {
      expect(r.expired[0]!.daysAgo).toBe(n);
      // An expired guarantee is not reviewed, ended or checked against the terms: it is already over.
      expect(r.counts).toMatchObject({ guarantees: 1, active: 0 });
    }
  });
});

describe("Housing First still second-hand past convertToFirstHandAfterMonths (Örebro preset: 12)", () => {
  it.each([
    ["12 months on a second-hand contract", { housingFirst: true, contract: "second-hand", startedOn: "2025-11-21" }, 12],
    ["a day short of 12 months", { housingFirst: true, contract: "second-hand", startedOn: "2025-11-22" }, null],
    ["30 months", { housingFirst: true, contract: "second-hand", startedOn: "2024-05-01" }, 30],
    ["Housing First on a first-hand contract already", { housingFirst: true, contract: "first-hand", startedOn: "2020-01-01" }, null],
    ["second-hand, but not Housing First", { contract: "second-hand", startedOn: "2020-01-01" }, null],
  ] as const)("%s", (_, over, months) => {
    const r = review([tenancy("T-1", over, null)]);
    expect(r.convertToFirstHand).toEqual(months === null ? [] : [{ tenancyId: "T-1", householdId: "H-T-1", startedOn: over.startedOn, monthsOnSecondHand: months, thresholdMonths: 12 }]);
    expect(r.counts.guarantees).toBe(0);
  });
});

it("lists are sorted by tenancy id whatever the input order", () => {
  const r = review([tenancy("T-3", {}, { monthsCovered: 1 }), tenancy("T-1", {}, { monthsCovered: 1 }), tenancy("T-2", {}, { monthsCovered: 1 })]);
  expect(ids(r.breaksTerms)).toEqual(["T-1", "T-2", "T-3"]);
});

it("fullMonthsBetween counts a month on its day and clamps month ends", () => {
  expect(fullMonthsBetween("2025-11-21", "2026-11-21")).toBe(12);
  expect(fullMonthsBetween("2025-11-21", "2026-11-20")).toBe(11);
  expect(fullMonthsBetween("2026-01-31", "2026-02-28")).toBe(1);
  expect(fullMonthsBetween("2026-01-31", "2026-02-27")).toBe(0);
});

describe("input validation: every issue, bilingual, nothing partial", () => {
  const codes = (raw: unknown) => {
    const r = parseRentGuaranteeReviewInput(raw);
    expect(r.ok).toBe(false);
    return r.ok ? [] : r.issues.map((i) => ({ code: i.code, path: i.path.join(".") }));
  };

  it("rejects unknown keys at every level", () => {
    expect(codes({ schemaVersion: 1, asOf: AS_OF, policy: "orebro", tenancies: [tenancy("T-1", {}, { reviewed: "2026-01-01" })], extra: 1 })).toEqual(
      expect.arrayContaining([
        { code: "unrecognized_key", path: "extra" },
        { code: "unrecognized_key", path: "tenancies.0.guarantee.reviewed" },
      ]),
    );
  });

  it("collects cross-record issues together: duplicate ids, future dates, review before grant, end before grant, no adult", () => {
    const child = { ...household("H-x"), members: [{ birthDate: "2015-01-01" }] };
    const found = codes({
      schemaVersion: 1,
      asOf: AS_OF,
      policy: "orebro",
      tenancies: [
        tenancy("T-1", { startedOn: "2027-01-01" }, { grantedOn: "2026-09-01", lastReviewedOn: "2026-08-01", validUntil: "2026-08-15" }),
        tenancy("T-1", { household: child }),
      ],
    });
    expect(found).toEqual(
      expect.arrayContaining([
        { code: "date_after_as_of", path: "tenancies.0.startedOn" },
        { code: "invalid_value", path: "tenancies.0.guarantee.lastReviewedOn" },
        { code: "invalid_value", path: "tenancies.0.guarantee.validUntil" },
        { code: "duplicate_id", path: "tenancies.1.id" },
        { code: "no_adult", path: "tenancies.1.household.members" },
      ]),
    );
  });

  it("reports an unknown preset and bad types with Swedish and English messages", () => {
    const r = parseRentGuaranteeReviewInput({ schemaVersion: 1, asOf: "2026-13-01", policy: "uppsala", tenancies: [{ ...tenancy("T-1"), monthlyRentSek: -5 }] });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => i.code)).toEqual(expect.arrayContaining(["unknown_preset", "invalid_date", "too_small"]));
    for (const i of r.issues) expect(i.message.sv.length > 0 && i.message.en.length > 0).toBe(true);
  });

  it("never throws, whatever the value", () => {
    for (const raw of [null, 1, "x", [], { tenancies: "no" }, { schemaVersion: 1, asOf: AS_OF, policy: "orebro", tenancies: [null] }]) {
      expect(reviewRentGuarantees(raw).ok).toBe(false);
    }
  });

  it("does not require a tenant to have preferences", () => {
    expect(parseRentGuaranteeReviewInput({ schemaVersion: 1, asOf: AS_OF, policy: "orebro", tenancies: [tenancy("T-1")] }).ok).toBe(true);
  });
});
