import type { Apartment } from "../../../src/model/apartment.js";
import { fortur } from "./base.js";
import type { ScenarioRow } from "./types.js";

const STRATEGY = "000_dd672170781422c7.txt";
const ACTION_PLAN = "002_50ae62936fea26ff.txt";
const LUND = "003_a6b4b33b68e1eed4.txt";
const KALMAR = "004_5a2b35a83f025ea8.txt";
const FORTUR_STHLM = "public rule: Stockholm förtur baseline";

/** A municipal landlord of each preset, so rows run on the preset's own terms. */
const LANDLORD: Record<string, string> = { orebro: "obo", lund: "lkf", stockholm: "svenska-bostader" };
const PRESETS = ["orebro", "lund", "stockholm"] as const;
const at = (policy: string, a: Partial<Apartment>): Partial<Apartment> => ({ landlord: LANDLORD[policy]!, ...a });

/** Housing First: substance use, co-occurring disorders, payment remarks and only social assistance — still eligible. */
const housingFirstTenant = {
  income: [{ source: "social-assistance" as const, monthlySek: 6500 }],
  credit: { paymentRemarks: 3, housingDebt: true },
  housing: { situation: "acute" as const, since: "2024-01-01", accommodation: "rough-sleeping" as const },
  needs: { substanceUse: true, coOccurring: true, mentalIllness: true },
  decisions: { housingFirst: { enrolledOn: "2026-08-15" } },
  queue: undefined,
};

/** Each preset's six letting rules: who may get an apartment let under the rule. */
export const lettingRules: ScenarioRow[] = PRESETS.flatMap((policy): ScenarioRow[] => [
  { kind: "eligibility", name: `${policy} queue: in the queue`, source: policy === "stockholm" ? "public rule: Bostadsförmedlingen queue" : STRATEGY, policy,
    household: {}, apartment: at(policy, { lettingRule: "queue" }),
    expect: { eligible: true, failed: [], rentGuaranteeRequired: false } },
  { kind: "eligibility", name: `${policy} queue: not in the queue`, source: policy === "stockholm" ? "public rule: Bostadsförmedlingen queue" : STRATEGY, policy,
    household: { queue: undefined }, apartment: at(policy, { lettingRule: "queue" }),
    expect: { eligible: false, failed: ["letting-rule"], rentGuaranteeRequired: false } },
  { kind: "eligibility", name: `${policy} income-priority: in the queue without work income is eligible (work income only ranks first)`, source: ACTION_PLAN, policy,
    household: { income: [{ source: "pension", monthlySek: 26_000 }] }, apartment: at(policy, { lettingRule: "income-priority" }),
    expect: { eligible: true, failed: [], rentGuaranteeRequired: false } },
  { kind: "eligibility", name: `${policy} housing-first: substance use, remarks, debt and social assistance on a second-hand Housing First apartment`, source: KALMAR, policy,
    household: housingFirstTenant, apartment: at(policy, { lettingRule: "housing-first", contract: "second-hand" }),
    expect: { eligible: true, failed: [], rentGuaranteeRequired: false } },
  { kind: "eligibility", name: `${policy} housing-first: not enrolled`, source: KALMAR, policy,
    household: { ...housingFirstTenant, decisions: {} }, apartment: at(policy, { lettingRule: "housing-first", contract: "second-hand" }),
    expect: { eligible: false, failed: ["letting-rule"], rentGuaranteeRequired: false } },
  { kind: "eligibility", name: `${policy} housing-first: enrollment ended`, source: KALMAR, policy,
    household: { ...housingFirstTenant, decisions: { housingFirst: { enrolledOn: "2025-01-01", endedOn: "2026-06-01" } } }, apartment: at(policy, { lettingRule: "housing-first", contract: "second-hand" }),
    expect: { eligible: false, failed: ["letting-rule"], rentGuaranteeRequired: false } },
  { kind: "eligibility", name: `${policy} lss: an LSS housing decision`, source: STRATEGY, policy,
    household: { needs: { lssHousing: true } }, apartment: at(policy, { lettingRule: "lss" }),
    expect: { eligible: true, failed: [], rentGuaranteeRequired: false } },
  { kind: "eligibility", name: `${policy} lss: no LSS decision`, source: STRATEGY, policy,
    household: {}, apartment: at(policy, { lettingRule: "lss" }),
    expect: { eligible: false, failed: ["letting-rule"], rentGuaranteeRequired: false } },
  { kind: "eligibility", name: `${policy} senior: an old-age pensioner`, source: LUND, policy,
    household: { members: [{ birthDate: "1955-04-04" }], income: [{ source: "pension", monthlySek: 25_000 }] }, apartment: at(policy, { lettingRule: "senior" }),
    expect: { eligible: true, failed: [], rentGuaranteeRequired: false } },
  { kind: "eligibility", name: `${policy} senior: a 42-year-old`, source: LUND, policy,
    household: {}, apartment: at(policy, { lettingRule: "senior" }),
    expect: { eligible: false, failed: ["letting-rule"], rentGuaranteeRequired: false } },
  { kind: "eligibility", name: `${policy} social-priority: valid förtur`, source: policy === "stockholm" ? FORTUR_STHLM : policy === "lund" ? LUND : STRATEGY, policy,
    household: { decisions: { socialPriority: fortur } }, apartment: at(policy, { lettingRule: "social-priority" }),
    expect: { eligible: true, failed: [], rentGuaranteeRequired: false } },
  { kind: "eligibility", name: `${policy} social-priority: förtur expired the day before`, source: policy === "stockholm" ? FORTUR_STHLM : policy === "lund" ? LUND : STRATEGY, policy,
    household: { decisions: { socialPriority: { ...fortur, validUntil: "2026-11-20" } } }, apartment: at(policy, { lettingRule: "social-priority" }),
    expect: { eligible: false, failed: ["letting-rule"], rentGuaranteeRequired: false } },
  { kind: "eligibility", name: `${policy} social-priority: no förtur decision`, source: policy === "stockholm" ? FORTUR_STHLM : policy === "lund" ? LUND : STRATEGY, policy,
    household: {}, apartment: at(policy, { lettingRule: "social-priority" }),
    expect: { eligible: false, failed: ["letting-rule"], rentGuaranteeRequired: false } },
]).concat([
  { kind: "eligibility", name: "stockholm social-priority: valid förtur but only one year's residence", source: FORTUR_STHLM, policy: "stockholm",
    household: { residence: { registeredSince: "2025-06-01" }, decisions: { socialPriority: fortur } }, apartment: { landlord: "familjebostader", lettingRule: "social-priority" },
    expect: { eligible: false, failed: ["letting-rule"], rentGuaranteeRequired: false } },
  { kind: "eligibility", name: "stockholm social-priority: valid förtur but not in the queue", source: FORTUR_STHLM, policy: "stockholm",
    household: { queue: undefined, decisions: { socialPriority: fortur } }, apartment: { landlord: "stockholmshem", lettingRule: "social-priority" },
    expect: { eligible: false, failed: ["letting-rule"], rentGuaranteeRequired: false } },
  { kind: "eligibility", name: "stockholm social-priority: housing debt fails the baseline and the landlord", source: FORTUR_STHLM, policy: "stockholm",
    household: { credit: { paymentRemarks: 0, housingDebt: true }, decisions: { socialPriority: fortur } }, apartment: { landlord: "svenska-bostader", lettingRule: "social-priority" },
    expect: { eligible: false, failed: ["letting-rule", "housing-debt", "rent-guarantee"], rentGuaranteeRequired: false } },
  { kind: "eligibility", name: "orebro social-priority: förtur does not lift the landlord's criteria (income below 3 × rent)", source: STRATEGY, policy: "orebro",
    household: { income: [{ source: "employment", monthlySek: 15_000 }], decisions: { socialPriority: fortur } }, apartment: { lettingRule: "social-priority" },
    expect: { eligible: false, failed: ["income", "rent-guarantee"], rentGuaranteeRequired: false } },
]);
