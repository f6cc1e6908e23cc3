import type { ScenarioRow } from "./types.js";

const STRATEGY = "000_dd672170781422c7.txt";
const LUND = "003_a6b4b33b68e1eed4.txt";
const remark = { paymentRemarks: 1, housingDebt: false };
const guarantee = (maxMonthlySek: number, validUntil = "2028-11-01", status: "approved" | "applied" = "approved") =>
  ({ rentGuarantee: { status, maxMonthlySek, months: 6, validUntil } });

/** Landlord finances (income 3 × rent, social assistance, payment remarks, housing debt) and the rent guarantee. */
export const finances: ScenarioRow[] = [
  { kind: "eligibility", name: "income exactly 3 × rent passes", source: STRATEGY, policy: "orebro",
    household: { income: [{ source: "employment", monthlySek: 24_000 }] }, apartment: { monthlyRentSek: 8000 },
    expect: { eligible: true, failed: [], rentGuaranteeRequired: false } },
  { kind: "eligibility", name: "income 1 SEK below 3 × rent fails", source: STRATEGY, policy: "orebro",
    household: { income: [{ source: "employment", monthlySek: 23_999 }] }, apartment: { monthlyRentSek: 8000 },
    expect: { eligible: false, failed: ["income", "rent-guarantee"], rentGuaranteeRequired: false } },
  { kind: "eligibility", name: "social assistance counted where the landlord accepts it (ÖBO, default)", source: STRATEGY, policy: "orebro",
    household: { income: [{ source: "employment", monthlySek: 10_000 }, { source: "social-assistance", monthlySek: 14_000 }] }, apartment: { landlord: "obo" },
    expect: { eligible: true, failed: [], rentGuaranteeRequired: false } },
  { kind: "eligibility", name: "social assistance not counted by a private landlord", source: STRATEGY, policy: "orebro",
    household: { income: [{ source: "employment", monthlySek: 10_000 }, { source: "social-assistance", monthlySek: 14_000 }] }, apartment: { landlord: "privat-ab" },
    expect: { eligible: false, failed: ["income", "rent-guarantee"], rentGuaranteeRequired: false } },
  { kind: "eligibility", name: "one payment remark fails", source: STRATEGY, policy: "orebro",
    household: { credit: remark }, apartment: {},
    expect: { eligible: false, failed: ["payment-remarks", "rent-guarantee"], rentGuaranteeRequired: false } },
  { kind: "eligibility", name: "housing debt fails", source: STRATEGY, policy: "orebro",
    household: { credit: { paymentRemarks: 0, housingDebt: true } }, apartment: {},
    expect: { eligible: false, failed: ["housing-debt", "rent-guarantee"], rentGuaranteeRequired: false } },
  { kind: "eligibility", name: "a rent guarantee covering the rent lifts a payment remark (LKF)", source: LUND, policy: "lund",
    household: { credit: remark, decisions: guarantee(9000) }, apartment: { landlord: "lkf", monthlyRentSek: 8000 },
    expect: { eligible: true, failed: [], rentGuaranteeRequired: true } },
  { kind: "eligibility", name: "a rent guarantee covering the rent lifts low income (LKF)", source: LUND, policy: "lund",
    household: { income: [{ source: "sickness-or-activity-compensation", monthlySek: 12_000 }], decisions: guarantee(8000) }, apartment: { landlord: "lkf", monthlyRentSek: 8000 },
    expect: { eligible: true, failed: [], rentGuaranteeRequired: true } },
  { kind: "eligibility", name: "a rent guarantee below the rent does not lift", source: LUND, policy: "lund",
    household: { credit: remark, decisions: guarantee(7000) }, apartment: { landlord: "lkf", monthlyRentSek: 8000 },
    expect: { eligible: false, failed: ["payment-remarks", "rent-guarantee"], rentGuaranteeRequired: false } },
  { kind: "eligibility", name: "an expired rent guarantee does not lift", source: LUND, policy: "lund",
    household: { credit: remark, decisions: guarantee(9000, "2026-11-20") }, apartment: { landlord: "lkf" },
    expect: { eligible: false, failed: ["payment-remarks", "rent-guarantee"], rentGuaranteeRequired: false } },
  { kind: "eligibility", name: "a guarantee only applied for does not lift", source: LUND, policy: "lund",
    household: { credit: remark, decisions: guarantee(9000, "2028-11-01", "applied") }, apartment: { landlord: "lkf" },
    expect: { eligible: false, failed: ["payment-remarks", "rent-guarantee"], rentGuaranteeRequired: false } },
  { kind: "eligibility", name: "a household meeting the criteria alone does not need its guarantee", source: LUND, policy: "lund",
    household: { decisions: guarantee(9000) }, apartment: { landlord: "lkf" },
    expect: { eligible: true, failed: [], rentGuaranteeRequired: false } },
  { kind: "eligibility", name: "Stockholm: a guarantee lifts social assistance at a private landlord", source: "public rule: kommunal hyresgaranti", policy: "stockholm",
    household: { income: [{ source: "social-assistance", monthlySek: 9000 }], decisions: guarantee(10_000) }, apartment: { landlord: "privat-ab", monthlyRentSek: 9500 },
    expect: { eligible: true, failed: [], rentGuaranteeRequired: true } },
  { kind: "eligibility", name: "a second-hand municipal contract skips the household's finances", source: STRATEGY, policy: "orebro",
    household: { income: [], credit: { paymentRemarks: 4, housingDebt: true } }, apartment: { contract: "second-hand" },
    expect: { eligible: true, failed: [], rentGuaranteeRequired: false } },
];
