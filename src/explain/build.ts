import { unreachable } from "../model/unreachable.js";
import type { Apartment } from "../model/apartment.js";
import { type Issue, type Result, fail, issue, ok } from "../model/issue.js";
import type { AllocationResult } from "../model/result.js";
import type { Run } from "../mechanisms/allocate.js";
import { lettingRuleOf } from "../rules/checks/letting-rule.js";
import { choicesOf, keyAt } from "../mechanisms/prepare.js";
import { type KeyPart, type PriorityKey, effectiveOrder } from "../rules/priority.js";
import { applyChange, eligibilityCandidates, rerunMechanism, verifyEligibilityChange } from "./counterfactual.js";
import type { ApartmentView, ChoiceStep, Counterfactual, Cutoff, Decider, GroupView, KeyPartView, Outcome, PriorityView, RunRef, UnmatchedReason } from "./types.js";
import type { HouseholdExplanation } from "./types.js";

/** Options of {@link buildExplanation}. */
export interface BuildOptions {
  /**
   * Which counterfactuals to state, each confirmed by a re-run: `true` (default) all; `"eligibility"` only those for
   * ineligible choices (a re-run of one pair's checks); `false` none. Priority counterfactuals re-run the whole matching.
   */
  counterfactuals?: boolean | "eligibility";
  /** Include each cutoff's full ranking (only the auditor sees it after redaction). Default true. */
  rankings?: boolean;
}

/**
 * What an explanation reads of a run's result: the result's audit record, each household's proposal, and per vacancy its
 * holder, its eligible applicants' count, their positions and (when rankings are shown) the ranking itself. Built from a
 * result ({@link resultLookups}), or straight from the run's outcome index when the result is streamed and never held
 * (`outcomeLookups` in src/mechanisms/allocate.ts); both give the same values.
 */
export interface ResultLookups {
  audit: AllocationResult["audit"];
  proposalOf(householdId: string): AllocationResult["proposals"][number] | undefined;
  holderOf(apartmentId: string): string | undefined;
  applicantsOf(apartmentId: string): number | undefined;
  positionOf(apartmentId: string, householdId: string): number | undefined;
  rankingOf(apartmentId: string): AllocationResult["apartments"][number]["ranking"] | undefined;
}

const LOOKUPS = new WeakMap<AllocationResult, ResultLookups>();

/** Lookups over a result, built once per result so that explaining every household stays linear. */
export function resultLookups(result: AllocationResult): ResultLookups {
  let lookups = LOOKUPS.get(result);
  if (!lookups) {
    const holderOf = new Map(result.proposals.map((x) => [x.apartmentId, x.householdId]));
    const rankingOf = new Map(result.apartments.map((o) => [o.apartmentId, o.ranking]));
    const positionOf = new Map(result.apartments.map((o) => [o.apartmentId, new Map(o.ranking.map((r) => [r.householdId, r.position]))]));
    const proposalOf = new Map(result.proposals.map((x) => [x.householdId, x]));
    lookups = {
      audit: result.audit,
      proposalOf: (householdId) => proposalOf.get(householdId),
      holderOf: (apartmentId) => holderOf.get(apartmentId),
      applicantsOf: (apartmentId) => rankingOf.get(apartmentId)?.length,
      positionOf: (apartmentId, householdId) => positionOf.get(apartmentId)?.get(householdId),
      rankingOf: (apartmentId) => rankingOf.get(apartmentId),
    };
    LOOKUPS.set(result, lookups);
  }
  return lookups;
}

/**
 * The unredacted explanation: every value about other households is present (`shown: true`).
 * Only {@link redact} turns it into a {@link HouseholdExplanation} that renderers accept.
 */
export interface UnredactedExplanation {
  kind: "unredacted";
  body: Omit<HouseholdExplanation, "kind" | "audience">;
}

/** The audit reference of a run, from the result's audit record and the policy label. */
export function runRef(run: Run, result: Pick<AllocationResult, "audit">): RunRef {
  const a = result.audit;
  return { asOf: a.asOf, seed: a.seed, engine: a.engine, policy: { ...a.policy, label: run.input.policy.label }, inputSha256: a.inputSha256, mechanism: "deferred-acceptance" };
}

/** The vacancy as listed. */
export function apartmentView(a: Apartment): ApartmentView {
  return {
    id: a.id,
    landlord: a.landlord,
    district: a.district,
    rooms: a.rooms,
    bedrooms: a.bedrooms,
    areaSqm: a.areaSqm,
    monthlyRentSek: a.monthlyRentSek,
    floor: a.floor,
    elevator: a.elevator,
    lettingRule: a.lettingRule,
    contract: a.contract,
    availableFrom: a.availableFrom,
  };
}

const partsView = (key: PriorityKey): KeyPartView[] => key.parts.map((p) => ({ key: p.key, value: p.value }));
const groupView = (g: PriorityKey["group"]): GroupView | null => (g === null ? null : { id: g.id, rank: g.rank, label: g.label, sensitive: g.sensitive });

function priorityView(run: Run, key: PriorityKey): PriorityView {
  const def = lettingRuleOf(run.input.policy, key.rule);
  return { rule: key.rule, group: groupView(key.group), parts: partsView(key), source: def?.source ?? "" };
}

const shown = <T>(value: T) => ({ shown: true as const, value });

/** The first criterion where two keys differ; when every score ties, the lottery (full digests) decided. */
export function decidingPart(own: PriorityKey, holder: PriorityKey): number {
  for (let i = 0; i < own.parts.length; i++) if (own.parts[i]!.score !== holder.parts[i]!.score) return i;
  return own.parts.findIndex((p) => p.key === "lottery");
}

function decider(own: PriorityKey, holder: PriorityKey, at: number): Decider {
  const mine: KeyPart = own.parts[at]!;
  const theirs: KeyPart = holder.parts[at]!;
  const num = (v: KeyPart["value"]): number => (typeof v === "number" ? v : 0);
  // A switch, not ts-pattern: one call per outranked choice of every household in a batch.
  const key = mine.key;
  switch (key) {
    case "priority-group":
      return { key, own: groupView(own.group), holder: shown(groupView(holder.group)) };
    case "work-income":
      return { key, own: mine.value === 1, holder: shown(theirs.value === 1) };
    case "queue-days":
    case "homeless-days":
      return { key, own: num(mine.value), holder: shown(num(theirs.value)) };
    case "social-priority-date":
      return { key, own: mine.value === null ? null : String(mine.value), holder: shown(theirs.value === null ? null : String(theirs.value)) };
    case "lottery":
      return { key, own: String(mine.value), holder: shown(String(theirs.value)) };
    default:
      return unreachable(key);
  }
}

/**
 * Builds the unredacted explanation of one household from the run's traces (eligibility checks, priority keys)
 * and the result (proposals, rankings). Counterfactuals are re-run before they are stated.
 */
export function buildExplanation(run: Run, result: AllocationResult, householdId: string, options: BuildOptions = {}): Result<UnredactedExplanation> {
  return explanationFrom(run, resultLookups(result), householdId, options);
}

/** {@link buildExplanation} from the lookups of a result, held or streamed. */
export function explanationFrom(run: Run, lookups: ResultLookups, householdId: string, options: BuildOptions = {}): Result<UnredactedExplanation> {
  const p = run.prepared;
  const hi = p.householdIndex.get(householdId);
  if (hi === undefined) return fail([unknownHousehold(householdId)]);
  if (lookups.audit.inputSha256 !== run.rawSha256) return fail([notThisRun()]);
  const household = p.households.at(hi)!;
  const indexOf = p.householdIndex;
  const proposal = lookups.proposalOf(householdId);
  const choices = choicesOf(p, hi);
  const withRankings = options.rankings ?? true;
  const withCounterfactuals = (options.counterfactuals ?? true) !== false;
  const withPriorityCounterfactuals = (options.counterfactuals ?? true) === true;
  const reruns = new Map<string, ReturnType<typeof rerunMechanism>>();
  const rerun = (change: Parameters<typeof applyChange>[1]) => {
    const k = JSON.stringify(change);
    let r = reruns.get(k);
    if (!r) reruns.set(k, (r = rerunMechanism(p, hi, applyChange(household, change, run.input))));
    return r;
  };

  const steps: ChoiceStep[] = [];
  for (const c of choices) {
    if (proposal && c.choiceRank >= proposal.choiceRank) break;
    const a = p.apartments[c.apartment]!;
    const apartment = apartmentView(a);
    if (!c.eligibility.eligible) {
      const failed = c.eligibility.checks.filter((x) => !x.pass);
      const before = failed.map((x) => x.code);
      const counterfactuals: Counterfactual[] = [];
      if (withCounterfactuals) {
        for (const change of eligibilityCandidates(failed)) {
          const cf = verifyEligibilityChange(p, household, a.id, before, change);
          if (cf) counterfactuals.push(cf);
        }
      }
      steps.push({ code: "ineligible", choiceRank: c.choiceRank, apartment, failed, counterfactuals });
      continue;
    }
    const holderId = lookups.holderOf(a.id);
    const applicants = lookups.applicantsOf(a.id);
    const holder = holderId === undefined ? undefined : indexOf.get(holderId);
    // Deferred acceptance wastes nothing and has no justified envy: an eligible, preferred apartment is held by someone ranked higher.
    if (holder === undefined || applicants === undefined) throw new Error(`invariant: ${a.id} is eligible for ${householdId}, preferred, and not held`);
    const ri = p.ruleIndex.get(a.lettingRule)!;
    const ownKey = keyAt(p, ri, hi)!;
    const holderKey = keyAt(p, ri, holder)!;
    const at = decidingPart(ownKey, holderKey);
    const position = lookups.positionOf(a.id, householdId)!;
    const holderPosition = lookups.positionOf(a.id, holderId!)!;
    const cutoff: Cutoff = {
      position,
      holderPosition,
      applicants,
      decidedBy: decider(ownKey, holderKey, at),
      holder: shown({ householdId: holderId!, priority: partsView(holderKey) }),
      ranking: withRankings ? shown(lookups.rankingOf(a.id)!.map((r) => ({ position: r.position, householdId: r.householdId, priority: r.priority.parts.map((x) => ({ key: x.key, value: x.value })), group: r.priority.group }))) : { shown: false },
    };
    const counterfactuals: Counterfactual[] = [];
    const q = ownKey.parts.findIndex((x) => x.key === "queue-days");
    if (withPriorityCounterfactuals && q !== -1 && at >= q) {
      const holderDays = holderKey.parts[q]!.value;
      const current = ownKey.parts[q]!.value;
      if (typeof holderDays === "number" && typeof current === "number") {
        const change = { code: "queue-days" as const, atLeast: holderDays + 1, current };
        const r = rerun(change);
        if (r.outranks(ri, holder)) {
          const got = r.apartment === -1 ? undefined : choices.find((x) => x.apartment === r.apartment);
          const effect = r.apartment === c.apartment ? "gets-apartment" : got !== undefined && got.choiceRank < c.choiceRank ? "gets-higher-choice" : "outranks-not-sufficient";
          counterfactuals.push({ change, effect });
        }
      }
    }
    steps.push({ code: "outranked", choiceRank: c.choiceRank, apartment, own: priorityView(run, ownKey), cutoff, counterfactuals });
  }

  let outcome: Outcome;
  if (proposal) {
    const ai = p.apartmentIndex.get(proposal.apartmentId)!;
    const a = p.apartments[ai]!;
    const ri = p.ruleIndex.get(a.lettingRule)!;
    const g = household.decisions.rentGuarantee;
    outcome = {
      code: "proposed",
      choiceRank: proposal.choiceRank,
      position: lookups.positionOf(a.id, householdId) ?? 0,
      applicants: lookups.applicantsOf(a.id) ?? 0,
      apartment: apartmentView(a),
      lettingRule: proposal.lettingRule,
      rentGuaranteeRequired: proposal.rentGuaranteeRequired,
      rentGuarantee:
        proposal.rentGuaranteeRequired && g !== undefined
          ? { maxMonthlySek: g.maxMonthlySek, validUntil: g.validUntil, reviewEveryMonths: run.input.policy.rentGuarantee.reviewEveryMonths, source: run.input.policy.rentGuarantee.source }
          : null,
      own: priorityView(run, keyAt(p, ri, hi)!),
    };
  } else {
    const kinds = new Set(steps.map((s) => s.code));
    const reason: UnmatchedReason = steps.length === 0 ? "no-choices" : kinds.size === 2 ? "mixed" : kinds.has("ineligible") ? "not-eligible" : "outranked";
    outcome = { code: "unmatched", reason, choices: choices.length };
  }

  const g = p.groups[hi]!.group;
  return ok({
    kind: "unredacted",
    body: {
      householdId,
      run: runRef(run, lookups),
      group: g === null ? null : { id: g.id, rank: g.rank, label: g.label, sensitive: g.sensitive, source: g.source },
      outcome,
      steps,
    },
  });
}

/** The order keys of a letting rule as applied (lottery last). */
export function orderOf(run: Run, rule: Apartment["lettingRule"]): ReturnType<typeof effectiveOrder> {
  const def = lettingRuleOf(run.input.policy, rule);
  return def ? effectiveOrder(def.order) : ["lottery"];
}

/** The issue for a household id that is not in the input (CLI exit 2). */
export function unknownHousehold(id: string): Issue {
  return issue("unknown_household", ["--household"], `Hushållet "${id}" finns inte i indata.`, `The household "${id}" is not in the input.`, { received: id });
}

function notThisRun(): Issue {
  return issue("invalid_input", ["audit", "inputSha256"], "Resultatet hör inte till den här indatan (olika inputSha256).", "The result does not belong to this input (different inputSha256).");
}
