import { addMonths, days, fromDayNumber } from "../model/date.js";
import type { Household } from "../model/household.js";
import { unreachable } from "../model/unreachable.js";
import type { AllocationInput } from "../model/input.js";
import { type ProposalState, proposals, proposeFrom } from "../mechanisms/deferred-acceptance.js";
import { type Prepared, householdVariant, keyAt, pairEligibility } from "../mechanisms/prepare.js";
import { FACTS, type FactValue, type Facts, computeFacts } from "../facts/catalogue.js";
import type { FactId } from "../facts/ids.js";
import { type Check, type CheckCode, VERDICT_ELIGIBLE, householdTerms, pairBits, verdictOf } from "../rules/eligibility.js";
import { holds } from "../rules/condition.js";
import { compareKeys } from "../rules/priority.js";
import type { Change, Counterfactual } from "./types.js";

/** The household with one fact changed as `change` says (a copy; the original is never touched). */
export function applyChange(household: Household, change: Change, input: Pick<AllocationInput, "asOf" | "policy">): Household {
  // Copy only the containers a change writes into; every change replaces values, never edits shared nested objects.
  const h: Household = { ...household, income: [...household.income], credit: { ...household.credit }, needs: { ...household.needs }, decisions: { ...household.decisions } };
  const { asOf, policy } = input;
  // A switch, not ts-pattern: this runs for every counterfactual candidate of every household in a batch.
  switch (change.code) {
    case "rent-guarantee": {
      const years = Math.max(policy.rentGuarantee.maxYears, 1);
      h.decisions.rentGuarantee = { status: "approved", maxMonthlySek: change.maxMonthlySek, months: Math.max(policy.rentGuarantee.minMonths, 1), validUntil: addMonths(asOf, 12 * years) };
      break;
    }
    case "income":
      // An extra income that every landlord counts and that is not work income, so no priority key moves.
      h.income.push({ source: "other", monthlySek: change.atLeastMonthlySek - change.countedMonthlySek });
      break;
    case "payment-remarks":
      h.credit.paymentRemarks = change.atMost;
      break;
    case "housing-debt":
      h.credit.housingDebt = false;
      break;
    case "queue-days":
      h.queue = { registeredOn: fromDayNumber(days(asOf) - change.atLeast) };
      break;
    case "social-priority-decision":
      h.decisions.socialPriority = { grantedOn: asOf, validUntil: addMonths(asOf, 12), grounds: ["social"] };
      break;
    case "housing-first-enrollment":
      h.decisions.housingFirst = { enrolledOn: asOf };
      break;
    case "lss-decision":
      h.needs.lssHousing = true;
      break;
    default:
      unreachable(change);
  }
  // The changes are built from a validated household and checked failures, so the result needs no re-parse; guard the one computed amount.
  if (h.income.some((i) => !Number.isSafeInteger(i.monthlySek) || i.monthlySek < 0)) throw new Error("counterfactual income must be a whole, non-negative amount");
  return h;
}

/**
 * Candidate single changes for an ineligible pair, read off the failed checks (the smallest of each kind):
 * a rent guarantee covering the rent, the missing income, the allowed number of payment remarks, no housing debt,
 * or the letting rule's missing decision or queue registration. Size, accessibility and a district the household
 * must avoid are not the household's to change, so they give none.
 */
export function eligibilityCandidates(failed: readonly Check[]): Change[] {
  const out: Change[] = [];
  const financial = failed.some((c) => c.code === "income" || c.code === "payment-remarks" || c.code === "housing-debt" || c.code === "rent-guarantee");
  for (const c of failed) {
    switch (c.code) {
      case "rent-guarantee":
        if (c.landlordAccepts) out.push({ code: "rent-guarantee", maxMonthlySek: c.rent });
        break;
      case "income":
        out.push({ code: "income", atLeastMonthlySek: c.required, countedMonthlySek: c.counted });
        break;
      case "payment-remarks":
        out.push({ code: "payment-remarks", atMost: c.max, current: c.count });
        break;
      case "housing-debt":
        out.push({ code: "housing-debt" });
        break;
      case "letting-rule":
        for (const t of c.trace) {
          if (t.result) continue;
          if (t.fact === "queue.days" && typeof t.value === "number" && typeof t.expected === "number" && (t.op === "gt" || t.op === "gte")) {
            out.push({ code: "queue-days", atLeast: t.op === "gt" ? t.expected + 1 : t.expected, current: t.value });
          } else if (t.op === "eq" && t.expected === true) {
            if (t.fact === "decisions.socialPriority") out.push({ code: "social-priority-decision" });
            if (t.fact === "decisions.housingFirst") out.push({ code: "housing-first-enrollment" });
            if (t.fact === "needs.lssHousing") out.push({ code: "lss-decision" });
          }
        }
        break;
      case "size":
      case "accessibility":
      case "excluded-district":
        break;
      default:
        unreachable(c);
    }
  }
  // A rent guarantee is one change that lifts every financial check at once; list it first.
  if (!financial) return out;
  return [...out.filter((c) => c.code === "rent-guarantee"), ...out.filter((c) => c.code !== "rent-guarantee")];
}

/**
 * The facts each kind of change can move (the fact functions read only these fields for them). Counterfactual checks
 * recompute just these with the catalogue's own functions; a property test holds this equal to a full `computeFacts`.
 */
export const FACTS_MOVED_BY: { readonly [K in Change["code"]]: readonly FactId[] } = {
  "rent-guarantee": ["decisions.rentGuarantee"],
  income: ["income.monthlyTotal", "income.work", "pensioner"],
  "payment-remarks": ["credit.paymentRemarks"],
  "housing-debt": ["credit.housingDebt"],
  "queue-days": ["queue.days"],
  "social-priority-decision": ["decisions.socialPriority"],
  "housing-first-enrollment": ["decisions.housingFirst"],
  "lss-decision": ["needs.lssHousing"],
};

/** The changed household's facts: `before` with the facts the change can move recomputed. */
export function factsAfter(before: Facts, changed: Household, change: Change, input: Pick<AllocationInput, "asOf" | "policy">): Facts {
  const out: Record<FactId, FactValue> = { ...before };
  for (const id of FACTS_MOVED_BY[change.code]) out[id] = FACTS[id].compute(changed, input);
  return out;
}

/** Failed check codes of a household for one apartment, re-run through the same eligibility function as the allocation. */
export function rerunEligibility(p: Prepared, household: Household, apartmentId: string, known?: Facts): { eligible: boolean; failed: CheckCode[] } {
  const { policy, asOf } = p.input;
  const facts = known ?? computeFacts(household, { asOf, policy });
  const a = p.apartmentIndex.get(apartmentId)!;
  // The allocation's own verdict first, from the run's apartment terms and letting conditions; the full checks only
  // when the codes of what still fails are needed.
  const condition = p.lettingConditions[p.compiled.ruleOf[a]!];
  const bits = pairBits(householdTerms(household, facts, policy, asOf), p.apartmentTerms[a]!, condition === undefined ? undefined : holds(condition, facts));
  if ((verdictOf(bits) & VERDICT_ELIGIBLE) !== 0) return { eligible: true, failed: [] };
  const e = pairEligibility(p, household, facts, a);
  return { eligible: e.eligible, failed: e.checks.filter((c) => !c.pass).map((c) => c.code) };
}

/**
 * Confirms an eligibility counterfactual by re-running eligibility with the changed household:
 * `eligible` when every check passes; `not-sufficient-alone` when the change fixed a failed check and broke none;
 * `undefined` (not stated) otherwise.
 */
export function verifyEligibilityChange(p: Prepared, household: Household, apartmentId: string, before: readonly CheckCode[], change: Change): Counterfactual | undefined {
  const changed = applyChange(household, change, p.input);
  const index = p.householdIndex.get(household.id);
  const known = index === undefined || p.households.at(index) !== household ? undefined : factsAfter(p.facts.at(index)!, changed, change, p.input);
  const after = rerunEligibility(p, changed, apartmentId, known);
  if (after.eligible) return { change, effect: "eligible" };
  const fixedSome = before.some((c) => !after.failed.includes(c));
  const brokeNone = after.failed.every((c) => before.includes(c));
  return fixedSome && brokeNone ? { change, effect: "not-sufficient-alone", remaining: after.failed } : undefined;
}

/** What the whole mechanism gives a changed household: its apartment index (-1 none) and its ranks under the changed keys. */
export interface MechanismRerun {
  apartment: number;
  /** Whether the changed household now ranks above `rival` under `rule` (rival by household index). */
  outranks(ruleIndex: number, rival: number): boolean;
}

/**
 * Re-runs deferred acceptance with one household replaced: its facts, eligibility and keys are recomputed by the
 * same functions as the allocation, it is re-ranked among the others (whose data is unchanged), and the matching is
 * run again. Caps do not depend on households.
 *
 * Incrementally: deferred acceptance gives the same matching whatever order households propose in (McVitie and
 * Wilson), so the matching of everyone else is computed once per household explained (it does not depend on the
 * change), and each change only lets the changed household propose into it, with the chain of displacements that
 * follows. A property test holds the result equal to a whole re-run of `withHousehold`'s instance.
 */
export function rerunMechanism(p: Prepared, index: number, changed: Household): MechanismRerun {
  const variant = householdVariant(p, index, changed);
  const base = othersMatched(p, index);
  const state: ProposalState = { householdOf: base.householdOf.slice(), next: base.next.slice() };
  state.next[index] = 0;
  proposeFrom(p.compiled, state, index, variant);
  let apartment = -1;
  for (const a of variant.prefs) if (state.householdOf[a] === index) apartment = a;
  return {
    apartment,
    outranks: (ri, rival) => {
      const mine = variant.key(ri);
      const theirs = keyAt(p, ri, rival);
      return mine !== undefined && theirs !== undefined && compareKeys(mine, theirs) < 0;
    },
  };
}

/** The last household's "everyone else matched" state per run: an explanation asks for several changes of one household. */
const OTHERS = new WeakMap<Prepared, { index: number; state: ProposalState }>();

/** Deferred acceptance of every household but `index` (see {@link rerunMechanism}); kept for the household last asked. */
function othersMatched(p: Prepared, index: number): ProposalState {
  const kept = OTHERS.get(p);
  if (kept?.index === index) return kept.state;
  const state = proposals(p.compiled, index);
  OTHERS.set(p, { index, state });
  return state;
}
