import { canonicalHash } from "../audit/canonical.js";
import type { AllocationInput } from "../model/input.js";
import { type Result, fail, ok } from "../model/issue.js";
import { parseInput } from "../model/parse.js";
import type { AllocationResult, ApartmentOutcome, Audit, ChoiceReason, PriorityJson, Proposal, RankResult, UnfilledReason } from "../model/result.js";
import { CHECK_CODES, type Check } from "../rules/eligibility.js";
import type { PriorityKey } from "../rules/priority.js";
import { ENGINE } from "../version.js";
import { buildExplanation } from "../explain/build.js";
import { redact } from "../explain/redact.js";
import type { HouseholdExplanation } from "../explain/types.js";
import { type Matching, deferredAcceptance } from "./deferred-acceptance.js";
import { type DesignationUsage, checkDesignations } from "./designations.js";
import { type Prepared, eligibilityAt, prepare } from "./prepare.js";

const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Index of the ranked pair (household h, apartment a). */
function pairIndexOf(p: Prepared, h: number, a: number): number {
  for (let i = p.pairStart[h]!; i < p.pairStart[h + 1]!; i++) if (p.pairApartment[i] === a) return i;
  return -1;
}

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

/** The failed checks of every ineligible ranked pair, by pair index (each pair's eligibility is computed once per run). */
export function failedPairs(p: Prepared): ReadonlyMap<number, Check[]> {
  const failed = new Map<number, Check[]>();
  for (let h = 0; h < p.households.length; h++) {
    for (let i = p.pairStart[h]!; i < p.pairStart[h + 1]!; i++) {
      if ((p.pairFlags[i]! & 1) === 0) failed.set(i, eligibilityAt(p, h, i).checks.filter((x) => !x.pass));
    }
  }
  return failed;
}

const FAILED = new WeakMap<Prepared, ReadonlyMap<number, Check[]>>();
const failedOf = (p: Prepared): ReadonlyMap<number, Check[]> => {
  let f = FAILED.get(p);
  if (!f) FAILED.set(p, (f = failedPairs(p)));
  return f;
};

/** Each vacancy's eligible applicants in priority order and its ineligible applicants with the failed checks. */
export function apartmentOutcomes(p: Prepared): ApartmentOutcome[] {
  const { households, apartments, ruleIndex, keys, order, pairStart, pairApartment, pairFlags } = p;
  const failed = failedOf(p);
  const ineligibleOf = apartments.map(() => [] as { h: number; i: number }[]);
  // Per apartment: choice rank (1-based) and guarantee flag of each eligible applicant, by household index.
  const choiceOf = apartments.map(() => new Map<number, number>());
  for (let h = 0; h < households.length; h++) {
    for (let i = pairStart[h]!; i < pairStart[h + 1]!; i++) {
      const a = pairApartment[i]!;
      if ((pairFlags[i]! & 1) !== 0) choiceOf[a]!.set(h, i);
      else ineligibleOf[a]!.push({ h, i });
    }
  }
  const out = apartments.map((a, ai): ApartmentOutcome => {
    const ri = ruleIndex.get(a.lettingRule)!;
    const ranking: ApartmentOutcome["ranking"] = [];
    for (const h of order[ri]!) {
      const i = choiceOf[ai]!.get(h);
      if (i === undefined) continue;
      ranking.push({ position: ranking.length + 1, householdId: households[h]!.id, choiceRank: i - pairStart[h]! + 1, rentGuaranteeRequired: (pairFlags[i]! & 2) !== 0, priority: priorityJson(keys[ri]![h]!) });
    }
    // Codes and compared values (DESIGN section 4); the rule's source is cited once per rule in explanations.
    const ineligible = ineligibleOf[ai]!.map(({ h, i }) => ({
      householdId: households[h]!.id,
      choiceRank: i - pairStart[h]! + 1,
      failed: failed.get(i)!.map(({ source: _source, ...compared }) => compared) as ApartmentOutcome["ineligible"][number]["failed"],
    }));
    return { apartmentId: a.id, lettingRule: a.lettingRule, ranking, ineligible: ineligible.sort((x, y) => byCodePoint(x.householdId, y.householdId)) };
  });
  return out.sort((x, y) => byCodePoint(x.apartmentId, y.apartmentId));
}

/** Builds the result contract from a matching. Pure and deterministic: ids are sorted by code point. */
export function buildResult(run: Run, matching: Matching, outcomes: ApartmentOutcome[] = apartmentOutcomes(run.prepared)): AllocationResult {
  const p = run.prepared;
  const { households, apartments, ruleIndex, keys } = p;
  const positionIn = new Map(outcomes.map((o) => [o.apartmentId, new Map(o.ranking.map((r) => [r.householdId, r.position]))]));

  const proposals: Proposal[] = [];
  const unmatched: AllocationResult["unmatchedHouseholds"] = [];
  const failed = failedOf(p);
  const { pairStart, pairApartment, pairFlags } = p;
  households.forEach((h, hi) => {
    const ai = matching.apartmentOf[hi]!;
    if (ai !== -1) {
      const a = apartments[ai]!;
      const i = pairIndexOf(p, hi, ai);
      proposals.push({ householdId: h.id, apartmentId: a.id, choiceRank: i - pairStart[hi]! + 1, lettingRule: a.lettingRule, rentGuaranteeRequired: (pairFlags[i]! & 2) !== 0, priority: priorityJson(keys[ruleIndex.get(a.lettingRule)!]![hi]!) });
      return;
    }
    const reasons: ChoiceReason[] = [];
    for (let i = pairStart[hi]!; i < pairStart[hi + 1]!; i++) {
      const a = apartments[pairApartment[i]!]!;
      const choiceRank = i - pairStart[hi]! + 1;
      if ((pairFlags[i]! & 1) === 0) {
        reasons.push({ code: "ineligible", apartmentId: a.id, choiceRank, failed: failed.get(i)!.map((x) => x.code) });
        continue;
      }
      const holder = matching.householdOf[pairApartment[i]!]!;
      const positions = positionIn.get(a.id)!;
      reasons.push({ code: "outranked", apartmentId: a.id, choiceRank, position: positions.get(h.id)!, holderPosition: positions.get(households[holder]!.id)! });
    }
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
export function allocate(raw: unknown, options: AllocateOptions = {}): Result<AllocationResult> {
  const run = validateAndPrepare(raw);
  if (!run.ok) return run;
  const result = buildResult(run.value, deferredAcceptance(run.value.prepared.compiled));
  return ok(options.explanations === false ? result : withExplanations(run.value, result));
}

/** Options of {@link allocate}. */
export interface AllocateOptions {
  /** Include `explanations` (default true); a national-scale run may leave them to `explain`, household by household. */
  explanations?: boolean;
}

/**
 * The result with `explanations`: every household's structured explanation for the caseworker (DESIGN section 7),
 * from the same traces as `explain`, with eligibility counterfactuals confirmed by re-running the pair's checks.
 * Priority counterfactuals re-run the whole matching per choice and are given by `explain` for one household at a time.
 */
export function withExplanations(run: Run, result: AllocationResult): AllocationResult {
  const explanations: Record<string, HouseholdExplanation> = {};
  const ids = run.prepared.households.map((h) => h.id).sort(byCodePoint);
  for (const id of ids) {
    const full = buildExplanation(run, result, id, { counterfactuals: "eligibility", rankings: false });
    if (!full.ok) throw new Error(`invariant: no explanation for ${id}`);
    explanations[id] = redact(full.value, "caseworker");
  }
  const { designations, ...rest } = result;
  // The schema describes explanations loosely (their shape is documented in docs/explanations.md); the type is exact.
  return { ...rest, explanations: explanations as unknown as NonNullable<AllocationResult["explanations"]>, designations };
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
