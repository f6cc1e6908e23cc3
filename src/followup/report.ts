import { isOvercrowdedIn } from "../facts/overcrowding.js";
import { type LettingRule, LETTING_RULES } from "../model/enums.js";
import { type Message, type Result, ok } from "../model/issue.js";
import type { AllocationResult, Audit } from "../model/result.js";
import { buildResult, validateAndPrepare } from "../mechanisms/allocate.js";
import { deferredAcceptance } from "../mechanisms/deferred-acceptance.js";
import { allOf } from "../mechanisms/prepare.js";
import { CHECK_CODES, type CheckCode } from "../rules/eligibility.js";
import { QUEUE_BANDS, byCodePoint, median, queueBand } from "./common.js";
import { renderReportHtml } from "./report-html.js";
import { type HomelessnessSnapshot, homelessnessSnapshot } from "./snapshot.js";
import { type WhatIfReport, compareRuns } from "./what-if.js";

/** Waiting time (queue days) of a set of households: how many, the median, and the count per band. */
export interface WaitingTimes {
  households: number;
  medianQueueDays: number | null;
  bands: { band: string; label: Message; households: number }[];
}

/** Why unmatched households went without: each household's main reason, and each failed check across their choices. */
export interface UnmatchedReasons {
  households: number;
  /** `no-choices`: ranked nothing; `ineligible`: ineligible for every choice; `outranked`: eligible somewhere, but others ranked higher. */
  byMainReason: { "no-choices": number; ineligible: number; outranked: number };
  /** Households that failed the check for at least one of their choices. */
  failedChecks: { code: CheckCode; households: number }[];
}

/** Everything the HTML report shows, as data (aggregates and pseudonymous building/landlord ids only). */
export interface AllocationReport {
  audit: Audit;
  policy: { id: string; version: string; label: Message };
  totals: { households: number; apartments: number; housed: number; unmatched: number; unfilled: number };
  /** Every district of the input's vacancies, by name. */
  districts: { district: string; vacancies: number; lettings: number; byRule: Partial<Record<LettingRule, number>> }[];
  lettingRules: { lettingRule: LettingRule; vacancies: number; lettings: number }[];
  incomePriority: AllocationResult["designations"]["incomePriority"];
  housingFirst: (AllocationResult["designations"]["housingFirst"][number] & { letThisBatch: number })[];
  /** Proposals that would leave a family with children overcrowded (Örebro rule, 002): must be zero. */
  overcrowding: { households: number; children: number };
  waiting: { housed: WaitingTimes; notHoused: WaitingTimes };
  unmatched: UnmatchedReasons;
  rentGuarantee: { housed: number; required: number; share: number | null };
  snapshot: HomelessnessSnapshot;
  whatIf?: WhatIfReport;
}

export interface ReportOptions {
  /** A second policy (preset name, policy, or `{ extends, … }`) to compare with the input's own. */
  whatIf?: unknown;
  /** Include the snapshot's breakdown by the statistics-only `gender` attribute (default true). */
  byGender?: boolean;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Runs the batch and gathers the report's figures: lettings per district and rule, cap usage, Housing First per
 * building, children placed into overcrowding, waiting times, reasons for going without, rent-guarantee share,
 * the homelessness snapshot, and a what-if when `options.whatIf` is given. Every input issue or none.
 *
 * @example const r = buildReport(JSON.parse(text), { whatIf: "lund" });
 */
export function buildReport(raw: unknown, options: ReportOptions = {}): Result<AllocationReport> {
  const prepared = validateAndPrepare(raw);
  if (!prepared.ok) return prepared;
  const run = prepared.value;
  const result = buildResult(run, deferredAcceptance(run.prepared.compiled));
  let whatIf: WhatIfReport | undefined;
  if (options.whatIf !== undefined) {
    const alt = validateAndPrepare(isRecord(raw) ? { ...raw, policy: options.whatIf } : raw);
    if (!alt.ok) return { ok: false, issues: alt.issues.map((i) => (i.path[0] === "policy" ? { ...i, path: ["alternative", ...i.path.slice(1)] } : i)) };
    whatIf = compareRuns(run, result, buildResult(alt.value, deferredAcceptance(alt.value.prepared.compiled)));
  }
  const { input, apartments } = run.prepared;
  const households = allOf(run.prepared.households);
  const facts = allOf(run.prepared.facts);
  const { policy, asOf } = input;
  const apartmentById = new Map(apartments.map((a) => [a.id, a]));
  const householdById = run.prepared.householdIndex;

  const districtNames = [...new Set(apartments.map((a) => a.district))].sort(byCodePoint);
  const districts = districtNames.map((district) => ({ district, vacancies: 0, lettings: 0, byRule: {} as Partial<Record<LettingRule, number>> }));
  const districtIndex = new Map(districtNames.map((d, i) => [d, i]));
  const lettingRules = LETTING_RULES.filter((r) => apartments.some((a) => a.lettingRule === r)).map((lettingRule) => ({ lettingRule, vacancies: 0, lettings: 0 }));
  for (const a of apartments) {
    districts[districtIndex.get(a.district)!]!.vacancies++;
    lettingRules.find((r) => r.lettingRule === a.lettingRule)!.vacancies++;
  }

  let overcrowdedHouseholds = 0;
  let overcrowdedChildren = 0;
  let required = 0;
  const hfLet = new Map<string, number>();
  const housedDays: number[] = [];
  for (const p of result.proposals) {
    const a = apartmentById.get(p.apartmentId)!;
    const d = districts[districtIndex.get(a.district)!]!;
    d.lettings++;
    d.byRule[a.lettingRule] = (d.byRule[a.lettingRule] ?? 0) + 1;
    lettingRules.find((r) => r.lettingRule === a.lettingRule)!.lettings++;
    const hi = householdById.get(p.householdId)!;
    const h = households[hi]!;
    // Counted from the proposals with the fact function itself, not trusted from the eligibility check.
    if (isOvercrowdedIn(h, a.bedrooms, asOf, policy.overcrowding)) {
      overcrowdedHouseholds++;
      overcrowdedChildren += facts[hi]!["children.count"] as number;
    }
    if (p.rentGuaranteeRequired) required++;
    if (a.lettingRule === "housing-first") hfLet.set(a.building, (hfLet.get(a.building) ?? 0) + 1);
    housedDays.push(facts[hi]!["queue.days"] as number);
  }
  const notHousedDays = result.unmatchedHouseholds.map((u) => facts[householdById.get(u.householdId)!]!["queue.days"] as number);

  const report: AllocationReport = {
    audit: result.audit,
    policy: { id: policy.id, version: policy.version, label: policy.label },
    totals: { households: households.length, apartments: apartments.length, housed: result.proposals.length, unmatched: result.unmatchedHouseholds.length, unfilled: result.unfilledApartments.length },
    districts,
    lettingRules,
    incomePriority: result.designations.incomePriority,
    housingFirst: result.designations.housingFirst.map((b) => ({ ...b, letThisBatch: hfLet.get(b.building) ?? 0 })),
    overcrowding: { households: overcrowdedHouseholds, children: overcrowdedChildren },
    waiting: { housed: waitingTimes(housedDays), notHoused: waitingTimes(notHousedDays) },
    unmatched: unmatchedReasons(result),
    rentGuarantee: { housed: result.proposals.length, required, share: result.proposals.length === 0 ? null : required / result.proposals.length },
    snapshot: homelessnessSnapshot(households, asOf, policy, { byGender: options.byGender ?? true }),
  };
  if (whatIf) report.whatIf = whatIf;
  return ok(report);
}

function waitingTimes(queueDays: readonly number[]): WaitingTimes {
  const bands = QUEUE_BANDS.map((b) => ({ band: b.id, label: b.label, households: 0 }));
  for (const d of queueDays) bands.find((b) => b.band === queueBand(d))!.households++;
  return { households: queueDays.length, medianQueueDays: median(queueDays), bands };
}

function unmatchedReasons(result: AllocationResult): UnmatchedReasons {
  const byMainReason = { "no-choices": 0, ineligible: 0, outranked: 0 };
  const failed = new Map<string, number>();
  for (const u of result.unmatchedHouseholds) {
    const codes = new Set<string>();
    let outranked = false;
    let none = false;
    for (const r of u.reasons) {
      if (r.code === "no-choices") none = true;
      else if (r.code === "outranked") outranked = true;
      else for (const c of r.failed) codes.add(c);
    }
    byMainReason[none ? "no-choices" : outranked ? "outranked" : "ineligible"]++;
    for (const c of codes) failed.set(c, (failed.get(c) ?? 0) + 1);
  }
  return {
    households: result.unmatchedHouseholds.length,
    byMainReason,
    failedChecks: CHECK_CODES.filter((c) => failed.has(c)).map((code) => ({ code, households: failed.get(code)! })),
  };
}

/**
 * The self-contained HTML report of a raw allocation input (`bostad-forst report`), or every input issue.
 *
 * @example const html = reportHtml(JSON.parse(text), { whatIf: { extends: "orebro", … } });
 */
export function reportHtml(raw: unknown, options: ReportOptions = {}): Result<string> {
  const report = buildReport(raw, options);
  return report.ok ? ok(renderReportHtml(report.value)) : report;
}
