import { canonicalHash } from "../audit/canonical.js";
import { type ResultLookups, explanationFrom, resultLookups } from "../explain/build.js";
import { redact } from "../explain/redact.js";
import type { HouseholdExplanation } from "../explain/types.js";
import { type Issue, type Result, fail, ok } from "../model/issue.js";
import type { NdjsonParts } from "../model/ndjson.js";
import { type ParseOptions, parseInput, parseParts } from "../model/parse.js";
import type { AllocationResult, AnyAllocationResult, ApartmentAnyDetail, ApartmentOutcome, Audit, DecisionsResult, Detail, RankResult } from "../model/result.js";
import { ENGINE } from "../version.js";
import { type Matching, deferredAcceptance } from "./deferred-acceptance.js";
import { type DesignationUsage, checkDesignations } from "./designations.js";
import { type OutcomeIndex, apartmentItem, outcomeIndex, outcomeIndexFor, positionAt, proposalItem, unfilledItem, unmatchedItem } from "./outcome.js";
import { type Prepared, type RunInput, prepare } from "./prepare.js";

export { priorityJson } from "./outcome.js";

const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** A validated input, ready to run: caps checked, everything prepared. */
export interface Run {
  /** The validated input; its households are `prepared.households`. */
  input: RunInput;
  rawSha256: string;
  designations: DesignationUsage;
  prepared: Prepared;
}

/** A validated, prepared run whose canonical input hash is still being computed elsewhere (a worker thread). */
export type UnhashedRun = Omit<Run, "rawSha256">;

/** Validates raw input (schema, cross-record rules, policy, caps) and prepares the instance; every issue or none. */
export function validateAndPrepare(raw: unknown): Result<Run> {
  const run = validateAndPrepareUnhashed(raw);
  return run.ok ? ok({ ...run.value, rawSha256: canonicalHash(raw) }) : run;
}

/**
 * {@link validateAndPrepare} without the canonical input hash, for a caller that hashes the same bytes in parallel
 * (the CLI does, in a worker thread) and completes the run with `{ ...run, rawSha256 }`.
 */
export function validateAndPrepareUnhashed(raw: unknown, options: ParseOptions = {}): Result<UnhashedRun> {
  const parsed = parseInput(raw, options);
  if (!parsed.ok) return parsed;
  const input = parsed.value;
  const caps = checkDesignations(input.apartments, input.stock, input.policy);
  if (caps.issues.length > 0) return fail(caps.issues);
  return ok({ input, designations: caps.usage, prepared: prepare(input) });
}

/** Validates an NDJSON input's parts (records already checked line by line) and prepares the run; issue paths name lines. */
export function validateAndPrepareParts(parts: NdjsonParts, remap: (issues: Issue[]) => Issue[]): Result<Run> {
  const { inputSha256 } = parts;
  if (inputSha256 === undefined) throw new Error("invariant: parts assembled without the input hash; use validateAndPreparePartsUnhashed");
  const run = validateAndPreparePartsUnhashed(parts, remap);
  return run.ok ? ok({ ...run.value, rawSha256: inputSha256 }) : run;
}

/** {@link validateAndPrepareParts} for parts assembled with `hash: false`; the caller completes the hash. */
export function validateAndPreparePartsUnhashed(parts: NdjsonParts, remap: (issues: Issue[]) => Issue[]): Result<UnhashedRun> {
  const parsed = parseParts(parts, ["line", 1]);
  if (!parsed.ok) return fail(remap(parsed.issues));
  const input = parsed.value;
  const caps = checkDesignations(input.apartments, input.stock, input.policy);
  if (caps.issues.length > 0) return fail(remap(caps.issues));
  return ok({ input, designations: caps.usage, prepared: prepare(input, parts.rankedApartments) });
}

/** The audit record of a run (DESIGN section 7); `detail` is recorded only when it is not "full", so full results do not change. */
export function auditOf(run: Run, mechanism: Audit["mechanism"], detail: Detail = "full"): Audit {
  const { policy, seed, asOf } = run.input;
  const audit: Audit = { engine: ENGINE, policy: { id: policy.id, version: policy.version, sha256: canonicalHash(policy) }, inputSha256: run.rawSha256, seed, asOf, mechanism };
  return detail === "full" ? audit : { ...audit, detail };
}

/** Each vacancy's eligible applicants in priority order and its ineligible applicants with the failed checks, by apartment id. */
export function apartmentOutcomes(p: Prepared, matching: Matching = deferredAcceptance(p.compiled)): ApartmentOutcome[] {
  const x = outcomeIndex(p, matching);
  return Array.from(x.apartmentsById, (a) => apartmentItem(x, a));
}

/**
 * Builds the result contract from a matching, at detail "full" (the default) or "decisions" (`audit.detail` says so).
 * Pure and deterministic: ids are sorted by code point.
 */
export function buildResult(run: Run, matching: Matching, index?: OutcomeIndex, detail?: "full"): AllocationResult;
export function buildResult(run: Run, matching: Matching, index: OutcomeIndex | undefined, detail: "decisions"): DecisionsResult;
export function buildResult(run: Run, matching: Matching, index?: OutcomeIndex, detail?: Detail): AllocationResult | DecisionsResult;
export function buildResult(run: Run, matching: Matching, index: OutcomeIndex = outcomeIndex(run.prepared, matching), detail: Detail = "full"): AnyAllocationResult {
  const x = index;
  const proposals: AllocationResult["proposals"] = [];
  const unmatched: AllocationResult["unmatchedHouseholds"] = [];
  for (const h of x.householdsById) {
    const proposal = proposalItem(x, h);
    if (proposal) proposals.push(proposal);
    else unmatched.push(unmatchedItem(x, h)!);
  }
  const apartments: ApartmentAnyDetail[] = [];
  const unfilled: AllocationResult["unfilledApartments"] = [];
  for (const a of x.apartmentsById) {
    apartments.push(apartmentItem(x, a, detail));
    const u = unfilledItem(x, a);
    if (u) unfilled.push(u);
  }
  return {
    schemaVersion: 1,
    audit: auditOf(run, "deferred-acceptance", detail),
    proposals,
    unmatchedHouseholds: unmatched,
    unfilledApartments: unfilled,
    apartments,
    designations: run.designations,
  };
}

/**
 * The part of the result one household's explanation reads: its proposal, and the apartments it ranked with their
 * rankings and holders' proposals. Built by the same item builders as the whole result, from one scan of the pairs.
 */
export function resultFor(run: Run, matching: Matching, householdId: string): AllocationResult | undefined {
  const h = run.prepared.householdIndex.get(householdId);
  if (h === undefined) return undefined;
  const x = outcomeIndexFor(run.prepared, matching, h);
  const holders = new Set<number>([h]);
  for (const a of x.apartmentsById) if (matching.householdOf[a] !== -1) holders.add(matching.householdOf[a]!);
  const proposals = [...holders].map((k) => proposalItem(x, k)).filter((p) => p !== undefined).sort((a, b) => byCodePoint(a.householdId, b.householdId));
  const unmatched = unmatchedItem(x, h);
  return {
    schemaVersion: 1,
    audit: auditOf(run, "deferred-acceptance"),
    proposals,
    unmatchedHouseholds: unmatched ? [unmatched] : [],
    unfilledApartments: [],
    apartments: Array.from(x.apartmentsById, (a) => apartmentItem(x, a)),
    designations: run.designations,
  };
}

/** Options of {@link allocate}. */
export interface AllocateOptions {
  /** Include `explanations` (default true); a national-scale run may leave them to `explain`, household by household. */
  explanations?: boolean;
  /**
   * `"full"` (default) or `"decisions"`: every decision and its reason codes, without priority keys, compared values
   * or explanations (never any, whatever `explanations` says); for whole-queue what-ifs (docs/input.md, "Large runs").
   */
  detail?: Detail;
}

/**
 * Batch allocation (DESIGN sections 4 and 6): validates, checks caps, runs household-proposing deferred
 * acceptance over eligible, wanted pairs, and returns the result contract — or every input issue, never a partial result.
 *
 * @example
 * const r = allocate(JSON.parse(text));
 * if (r.ok) for (const p of r.value.proposals) console.log(p.householdId, "→", p.apartmentId);
 * const lean = allocate(JSON.parse(text), { detail: "decisions" }); // rankings without keys, failed checks as codes
 */
export function allocate(raw: unknown, options?: AllocateOptions & { detail?: "full" }): Result<AllocationResult>;
export function allocate(raw: unknown, options: AllocateOptions & { detail: "decisions" }): Result<DecisionsResult>;
export function allocate(raw: unknown, options?: AllocateOptions): Result<AllocationResult | DecisionsResult>;
export function allocate(raw: unknown, options: AllocateOptions = {}): Result<AllocationResult | DecisionsResult> {
  const run = validateAndPrepare(raw);
  if (!run.ok) return run;
  const matching = deferredAcceptance(run.value.prepared.compiled);
  if (options.detail === "decisions") return ok(buildResult(run.value, matching, undefined, "decisions"));
  const result = buildResult(run.value, matching);
  return ok(options.explanations === false ? result : withExplanations(run.value, result));
}

/**
 * The result with `explanations`: every household's structured explanation for the caseworker (DESIGN section 7),
 * from the same traces as `explain`, with eligibility counterfactuals confirmed by re-running the pair's checks.
 * Priority counterfactuals re-run the whole matching per choice and are given by `explain` for one household at a time.
 */
export function withExplanations(run: Run, result: AllocationResult): AllocationResult {
  const explanations: Record<string, HouseholdExplanation> = {};
  for (const [id, explanation] of explanationEntries(run, resultLookups(result))) explanations[id] = explanation;
  const { designations, ...rest } = result;
  // The schema describes explanations loosely (their shape is documented in docs/explanations.md); the type is exact.
  return { ...rest, explanations: explanations as unknown as NonNullable<AllocationResult["explanations"]>, designations };
}

/**
 * Every household's caseworker explanation (see {@link withExplanations}), one at a time, in the order the keys of the
 * `explanations` object serialise in: ids by code point, except that ids which are array indices ("7", "12") come first
 * in numeric order, as every JavaScript object orders its keys. A streamed document (stream.ts) writes them in this order.
 */
export function* explanationEntries(run: Run, lookups: ResultLookups): Generator<[string, HouseholdExplanation]> {
  const order: Record<string, true> = {};
  for (const id of [...run.prepared.householdIds].sort(byCodePoint)) order[id] = true;
  for (const id of Object.keys(order)) {
    const full = explanationFrom(run, lookups, id, { counterfactuals: "eligibility", rankings: false });
    if (!full.ok) throw new Error(`invariant: no explanation for ${id}`);
    yield [id, redact(full.value, "caseworker")];
  }
}

/**
 * What an explanation reads of the full result, straight from the outcome index (see {@link ResultLookups}): nothing
 * of the result is held, each value is read or built when asked for. The values are the result's (tests hold the
 * explanations equal).
 */
export function outcomeLookups(run: Run, x: OutcomeIndex): ResultLookups {
  const p = run.prepared;
  const apartmentAt = (apartmentId: string): number | undefined => p.apartmentIndex.get(apartmentId);
  const applicants = (a: number): number => x.eligibleStart[a + 1]! - x.eligibleStart[a]!;
  return {
    audit: auditOf(run, "deferred-acceptance"),
    proposalOf: (householdId) => {
      const h = p.householdIndex.get(householdId);
      return h === undefined ? undefined : proposalItem(x, h);
    },
    holderOf: (apartmentId) => {
      const a = apartmentAt(apartmentId);
      const h = a === undefined ? -1 : x.matching.householdOf[a]!;
      return h === -1 ? undefined : p.householdIds[h];
    },
    applicantsOf: (apartmentId) => {
      const a = apartmentAt(apartmentId);
      return a === undefined ? undefined : applicants(a);
    },
    positionOf: (apartmentId, householdId) => {
      const a = apartmentAt(apartmentId);
      const h = p.householdIndex.get(householdId);
      if (a === undefined || h === undefined) return undefined;
      // The search gives where h would stand; it is h's position only if h is one of the eligible applicants.
      const position = positionAt(x, a, h);
      return position <= applicants(a) && x.eligibleHousehold[x.eligibleStart[a]! + position - 1] === h ? position : undefined;
    },
    rankingOf: (apartmentId) => {
      const a = apartmentAt(apartmentId);
      return a === undefined ? undefined : apartmentItem(x, a, "full").ranking;
    },
  };
}

/**
 * Single-vacancy mode (DESIGN section 6): for each apartment, its eligible applicants in offer order and
 * each ineligible applicant with the checks it failed.
 */
export function rank(raw: unknown): Result<RankResult> {
  const run = validateAndPrepare(raw);
  if (!run.ok) return run;
  return ok({ schemaVersion: 1, audit: auditOf(run.value, "offer-order"), apartments: apartmentOutcomes(run.value.prepared) });
}
