import { canonicalHash } from "../audit/canonical.js";
import type { AllocationInput } from "../model/input.js";
import { type Result, fail, ok } from "../model/issue.js";
import { parseInput } from "../model/parse.js";
import type { AllocationResult, ApartmentOutcome, Audit, ChoiceReason, PriorityJson, Proposal, RankResult, UnfilledReason } from "../model/result.js";
import { CHECK_CODES } from "../rules/eligibility.js";
import type { PriorityKey } from "../rules/priority.js";
import { ENGINE } from "../version.js";
import { type Matching, deferredAcceptance } from "./deferred-acceptance.js";
import { type DesignationUsage, checkDesignations } from "./designations.js";
import { type Prepared, prepare } from "./prepare.js";

const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** A priority key as it appears in results: group id and each criterion's value. */
export function priorityJson(key: PriorityKey): PriorityJson {
  return { group: key.group?.id ?? null, parts: key.parts.map((p) => ({ key: p.key, value: p.value })) };
}

/** A validated input, ready to run: caps checked, everything prepared. */
export interface Run {
  input: AllocationInput;
  rawSha256: string;
  designations: DesignationUsage;
  prepared: Prepared;
}

/** Validates raw input (schema, cross-record rules, policy, caps) and prepares the instance; every issue or none. */
export function validateAndPrepare(raw: unknown): Result<Run> {
  const parsed = parseInput(raw);
  if (!parsed.ok) return parsed;
  const input = parsed.value;
  const caps = checkDesignations(input.apartments, input.stock, input.policy);
  if (caps.issues.length > 0) return fail(caps.issues);
  return ok({ input, rawSha256: canonicalHash(raw), designations: caps.usage, prepared: prepare(input) });
}

function audit(run: Run, mechanism: Audit["mechanism"]): Audit {
  const { policy, seed, asOf } = run.input;
  return { engine: ENGINE, policy: { id: policy.id, version: policy.version, sha256: canonicalHash(policy) }, inputSha256: run.rawSha256, seed, asOf, mechanism };
}

/** Each vacancy's eligible applicants in priority order and its ineligible applicants with the failed checks. */
export function apartmentOutcomes(p: Prepared): ApartmentOutcome[] {
  const { households, apartments, choices, ruleIndex, keys, order } = p;
  const ineligible = apartments.map(() => [] as ApartmentOutcome["ineligible"]);
  const choiceOf = apartments.map(() => new Map<number, { choiceRank: number; rentGuaranteeRequired: boolean }>());
  choices.forEach((list, h) => {
    for (const c of list) {
      if (c.eligibility.eligible) choiceOf[c.apartment]!.set(h, { choiceRank: c.choiceRank, rentGuaranteeRequired: c.eligibility.rentGuaranteeRequired });
      else ineligible[c.apartment]!.push({ householdId: households[h]!.id, choiceRank: c.choiceRank, failed: c.eligibility.checks.filter((x) => !x.pass) as unknown as ApartmentOutcome["ineligible"][number]["failed"] });
    }
  });
  const out = apartments.map((a, ai): ApartmentOutcome => {
    const ri = ruleIndex.get(a.lettingRule)!;
    const ranking: ApartmentOutcome["ranking"] = [];
    for (const h of order[ri]!) {
      const c = choiceOf[ai]!.get(h);
      if (!c) continue;
      ranking.push({ position: ranking.length + 1, householdId: households[h]!.id, choiceRank: c.choiceRank, rentGuaranteeRequired: c.rentGuaranteeRequired, priority: priorityJson(keys[ri]![h]!) });
    }
    return { apartmentId: a.id, lettingRule: a.lettingRule, ranking, ineligible: ineligible[ai]!.sort((x, y) => byCodePoint(x.householdId, y.householdId)) };
  });
  return out.sort((x, y) => byCodePoint(x.apartmentId, y.apartmentId));
}

/** Builds the result contract from a matching. Pure and deterministic: ids are sorted by code point. */
export function buildResult(run: Run, matching: Matching, outcomes: ApartmentOutcome[] = apartmentOutcomes(run.prepared)): AllocationResult {
  const p = run.prepared;
  const { households, apartments, choices, ruleIndex, keys } = p;
  const positionIn = new Map(outcomes.map((o) => [o.apartmentId, new Map(o.ranking.map((r) => [r.householdId, r.position]))]));

  const proposals: Proposal[] = [];
  const unmatched: AllocationResult["unmatchedHouseholds"] = [];
  households.forEach((h, hi) => {
    const ai = matching.apartmentOf[hi]!;
    if (ai !== -1) {
      const a = apartments[ai]!;
      const choice = choices[hi]!.find((c) => c.apartment === ai)!;
      proposals.push({ householdId: h.id, apartmentId: a.id, choiceRank: choice.choiceRank, lettingRule: a.lettingRule, rentGuaranteeRequired: choice.eligibility.rentGuaranteeRequired, priority: priorityJson(keys[ruleIndex.get(a.lettingRule)!]![hi]!) });
      return;
    }
    const reasons: ChoiceReason[] = choices[hi]!.map((c): ChoiceReason => {
      const a = apartments[c.apartment]!;
      if (!c.eligibility.eligible) return { code: "ineligible", apartmentId: a.id, choiceRank: c.choiceRank, failed: c.eligibility.checks.filter((x) => !x.pass).map((x) => x.code) };
      const holder = matching.householdOf[c.apartment]!;
      const positions = positionIn.get(a.id)!;
      return { code: "outranked", apartmentId: a.id, choiceRank: c.choiceRank, position: positions.get(h.id)!, holderPosition: positions.get(households[holder]!.id)! };
    });
    unmatched.push({ householdId: h.id, reasons: reasons.length > 0 ? reasons : [{ code: "no-choices" }] });
  });

  const unfilled: AllocationResult["unfilledApartments"] = [];
  for (const o of outcomes) {
    const ai = p.apartmentIndex.get(o.apartmentId)!;
    if (matching.householdOf[ai] !== -1) continue;
    let reason: UnfilledReason;
    if (o.ranking.length > 0) reason = { code: "applicants-placed-higher", eligibleApplicants: o.ranking.length };
    else if (o.ineligible.length > 0) {
      const failed: Record<string, number> = {};
      for (const code of CHECK_CODES) {
        const n = o.ineligible.filter((i) => i.failed.some((f) => f.code === code)).length;
        if (n > 0) failed[code] = n;
      }
      reason = { code: "no-eligible-applicants", applicants: o.ineligible.length, failed };
    } else reason = { code: "no-applicants" };
    unfilled.push({ apartmentId: o.apartmentId, reasons: [reason] });
  }

  return {
    schemaVersion: 1,
    audit: audit(run, "deferred-acceptance"),
    proposals: proposals.sort((x, y) => byCodePoint(x.householdId, y.householdId)),
    unmatchedHouseholds: unmatched.sort((x, y) => byCodePoint(x.householdId, y.householdId)),
    unfilledApartments: unfilled,
    apartments: outcomes,
    designations: run.designations,
  };
}

/**
 * Batch allocation (DESIGN sections 4 and 6): validates, checks caps, runs household-proposing deferred
 * acceptance over eligible, wanted pairs, and returns the result contract — or every input issue, never a partial result.
 *
 * @example
 * const r = allocate(JSON.parse(text));
 * if (r.ok) for (const p of r.value.proposals) console.log(p.householdId, "→", p.apartmentId);
 */
export function allocate(raw: unknown): Result<AllocationResult> {
  const run = validateAndPrepare(raw);
  if (!run.ok) return run;
  return ok(buildResult(run.value, deferredAcceptance(run.value.prepared.compiled)));
}

/**
 * Single-vacancy mode (DESIGN section 6): for each apartment, its eligible applicants in offer order and
 * each ineligible applicant with the checks it failed.
 */
export function rank(raw: unknown): Result<RankResult> {
  const run = validateAndPrepare(raw);
  if (!run.ok) return run;
  return ok({ schemaVersion: 1, audit: audit(run.value, "offer-order"), apartments: apartmentOutcomes(run.value.prepared) });
}
