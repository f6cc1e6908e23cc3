import { type Facts, computeFacts } from "../facts/catalogue.js";
import type { Apartment } from "../model/apartment.js";
import type { LettingRule } from "../model/enums.js";
import type { Household } from "../model/household.js";
import type { AllocationInput } from "../model/input.js";
import type { Condition } from "../model/policy.js";
import { type Evaluation, holds } from "../rules/condition.js";
import { type ApartmentTerms, type Eligibility, FAILED_CHECKS, VERDICT_ELIGIBLE, VERDICT_GUARANTEE, apartmentTerms, checkEligibility, householdTerms, pairBits, verdictOf } from "../rules/eligibility.js";
import { lettingRuleOf } from "../rules/checks/letting-rule.js";
import { type GroupMatch, type PriorityKey, compareKeys, keyWidth, lotteryNumber, packScores, priorityGroupOf, priorityGroupOnly, priorityKey, sortPacked } from "../rules/priority.js";
import type { CompiledInstance, HouseholdVariant } from "./deferred-acceptance.js";

/** One entry of a household's ranking: the apartment, its 1-based place in the list, and the eligibility verdict. */
export interface RankedChoice {
  apartment: number;
  choiceRank: number;
  eligible: boolean;
  rentGuaranteeRequired: boolean;
  /** Every check with the values it compared; recomputed on demand by the same `checkEligibility` as the verdict. */
  readonly eligibility: Eligibility;
}

// A pair's flags are its eligibility verdict's bits.
const ELIGIBLE = VERDICT_ELIGIBLE;
const GUARANTEE = VERDICT_GUARANTEE;

/** Everything the mechanisms and explanations read, computed once per household, apartment and ranked pair. */
export interface Prepared {
  input: AllocationInput;
  households: readonly Household[];
  apartments: readonly Apartment[];
  apartmentIndex: ReadonlyMap<string, number>;
  /** What each apartment's verdicts read of it, by index (`apartmentTerms`). */
  apartmentTerms: readonly ApartmentTerms[];
  /** Household index by id (see {@link householdLookup}). */
  householdIndex: HouseholdLookup;
  facts: readonly Facts[];
  /** Each household's priority group (the condition traces are not kept: an explanation re-evaluates what it shows). */
  groups: readonly Pick<GroupMatch, "group">[];
  lotteries: readonly string[];
  /** Ranked pairs of household h are `pairStart[h] .. pairStart[h + 1]`, in the household's order. */
  pairStart: Int32Array;
  pairApartment: Int32Array;
  /** Bit 1: eligible; bit 2: eligible through the rent guarantee. */
  pairFlags: Uint8Array;
  /** The checks a pair fails, bits 0–7 of `eligibilityBits` (0 for eligible pairs): reason codes without recomputation. */
  pairFailed: Uint8Array;
  /** Letting rules used by the vacancies, in a fixed order; `ruleIndex` maps a rule to its place. */
  rules: readonly LettingRule[];
  ruleIndex: ReadonlyMap<LettingRule, number>;
  /** Per rule index: the policy's `eligible` condition of the rule, or undefined when the policy lacks the rule. */
  lettingConditions: readonly (Condition | undefined)[];
  /** Per rule index: households that applied under the rule, highest priority first (keys: {@link keyAt}). */
  order: readonly (readonly number[])[];
  compiled: CompiledInstance;
}

type Context = Pick<Prepared, "input" | "apartments" | "apartmentIndex" | "apartmentTerms" | "lettingConditions"> & { compiled: Pick<CompiledInstance, "ruleOf"> };

/** Full eligibility of one ranked pair: the one function behind every verdict, explanation and counterfactual. */
export function pairEligibility(ctx: Context, household: Household, facts: Facts, apartment: number, letting?: Evaluation): Eligibility {
  const a = ctx.apartments[apartment]!;
  const { policy, asOf } = ctx.input;
  return checkEligibility(household, facts, a, policy, asOf, letting ? { letting } : {});
}

/** The per-pair arrays of {@link Prepared} that {@link fillChoices} writes. */
type PairArrays = Pick<Prepared, "pairApartment" | "pairFlags" | "pairFailed">;

/**
 * Verdicts of every apartment a household ranked, in its order, written from pair index `at`: the apartment index,
 * the verdict flags (eligible, through rent guarantee) and the checks it fails, by `pairBits` — what
 * `checkEligibility` decides without building the check objects, and without an object per pair. The household's
 * terms are worked out once, and each letting rule's condition once per rule it applies under (it does not depend on
 * the apartment; explanations evaluate it again, with the trace).
 */
function fillChoices(ctx: Context, household: Household, facts: Facts, out: PairArrays, at: number, ranked?: Int32Array): void {
  const { policy, asOf } = ctx.input;
  const terms = householdTerms(household, facts, policy, asOf);
  const { apartmentTerms, lettingConditions, apartmentIndex } = ctx;
  const ruleOf = ctx.compiled.ruleOf;
  // Bit r: rule index r's condition was evaluated (known) and holds (held); at most six letting rules exist.
  let known = 0;
  let held = 0;
  const ranking = household.preferences.ranking;
  for (let k = 0; k < ranking.length; k++) {
    // The reader's index when it has one (its lookup of this very entry); otherwise the entry is looked up here.
    const hint = ranked === undefined ? -1 : ranked[at + k]!;
    const ai = hint >= 0 ? hint : apartmentIndex.get(ranking[k]!)!;
    const r = ruleOf[ai]!;
    const bit = 1 << r;
    const condition = lettingConditions[r];
    if ((known & bit) === 0) {
      known |= bit;
      if (condition !== undefined && holds(condition, facts)) held |= bit;
    }
    // One reading of the checks gives both the verdict and the failed checks (the reason codes).
    const bits = pairBits(terms, apartmentTerms[ai]!, condition === undefined ? undefined : (held & bit) !== 0);
    out.pairApartment[at + k] = ai;
    out.pairFlags[at + k] = verdictOf(bits);
    out.pairFailed[at + k] = bits & FAILED_CHECKS;
  }
}

/** {@link fillChoices} for one household on its own: its ranked pairs' arrays. */
export function householdChoices(ctx: Context, household: Household, facts: Facts): PairArrays {
  const n = household.preferences.ranking.length;
  const out = { pairApartment: new Int32Array(n), pairFlags: new Uint8Array(n), pairFailed: new Uint8Array(n) };
  fillChoices(ctx, household, facts, out, 0);
  return out;
}

const MEMO = new WeakMap<Prepared, Map<number, Eligibility>>();

/**
 * Full eligibility of ranked pair `i` (an index into `pairApartment`), recomputed by the same function as the verdict.
 * With `memo`, kept for the life of `p` so that the result and the explanations compute each pair once; a streamed
 * national-scale run passes `memo: false` and keeps nothing.
 */
export function eligibilityAt(p: Prepared, h: number, i: number, memo = true): Eligibility {
  let cache = MEMO.get(p);
  const hit = cache?.get(i);
  if (hit) return hit;
  const facts = p.facts[h]!;
  const a = p.pairApartment[i]!;
  const e = pairEligibility(p, p.households[h]!, facts, a);
  if (memo) {
    if (!cache) MEMO.set(p, (cache = new Map()));
    cache.set(i, e);
  }
  return e;
}

/** A household's ranked choices with full eligibility recomputed on first read (explanations read these). */
export function choicesOf(p: Prepared, h: number): RankedChoice[] {
  const out: RankedChoice[] = [];
  for (let i = p.pairStart[h]!, k = 1; i < p.pairStart[h + 1]!; i++, k++) {
    const flags = p.pairFlags[i]!;
    const pair = i;
    out.push({
      apartment: p.pairApartment[i]!,
      choiceRank: k,
      eligible: (flags & ELIGIBLE) !== 0,
      rentGuaranteeRequired: (flags & GUARANTEE) !== 0,
      get eligibility(): Eligibility {
        return eligibilityAt(p, h, pair);
      },
    });
  }
  return out;
}

/**
 * Computes facts, eligibility of every ranked pair and priority orders, and compiles the matching instance.
 * `ranked`: the apartment index of every ranking entry in order, when the reader already looked them up (the NDJSON
 * reader does, `NdjsonParts.rankedApartments`, from the same rankings, unchanged since); used only when it covers
 * exactly every ranked pair. Reading the index instead of looking the entry up again saves 1.5 s at 10⁶ × 20: the
 * lookup itself is cheap, but reading each entry and the apartment it names again is a cache miss per pair.
 */
export function prepare(input: AllocationInput, ranked?: Int32Array): Prepared {
  const { households, apartments, policy, asOf, seed } = input;
  const factCtx = { asOf, policy };
  const apartmentIndex = new Map(apartments.map((a, i) => [a.id, i]));
  const rules = [...new Set(apartments.map((a) => a.lettingRule))].sort();
  const ruleIndex = new Map(rules.map((r, i) => [r, i]));
  const ruleOfApartment = Uint8Array.from(apartments.map((a) => ruleIndex.get(a.lettingRule)!));
  const apartmentTermsOf = apartments.map((a) => apartmentTerms(a, policy));
  const lettingConditions = rules.map((r) => lettingRuleOf(policy, r)?.eligible);
  const ctx: Context = { input, apartments, apartmentIndex, apartmentTerms: apartmentTermsOf, lettingConditions, compiled: { ruleOf: ruleOfApartment } };

  const n = households.length;
  const facts: Facts[] = new Array(n);
  const groups: Pick<GroupMatch, "group">[] = new Array(n);
  const lotteries: string[] = new Array(n);
  const pairStart = new Int32Array(n + 1);
  let total = 0;
  for (let h = 0; h < n; h++) {
    pairStart[h] = total;
    total += households[h]!.preferences.ranking.length;
  }
  pairStart[n] = total;
  const known = ranked?.length === total ? ranked : undefined;
  const pairApartment = new Int32Array(total);
  const pairFlags = new Uint8Array(total);
  const pairFailed = new Uint8Array(total);
  const pairs: PairArrays = { pairApartment, pairFlags, pairFailed };
  const applicants = rules.map(() => [] as number[]);
  const applied = new Uint8Array(rules.length);

  for (let h = 0; h < n; h++) {
    const household = households[h]!;
    const f = computeFacts(household, factCtx);
    facts[h] = f;
    groups[h] = { group: priorityGroupOnly(f, policy) };
    lotteries[h] = lotteryNumber(seed, household.id);
    applied.fill(0);
    fillChoices(ctx, household, f, pairs, pairStart[h]!, known);
    for (let i = pairStart[h]!; i < pairStart[h + 1]!; i++) {
      const ri = ruleOfApartment[pairApartment[i]!]!;
      if (applied[ri] === 0) {
        applied[ri] = 1;
        applicants[ri]!.push(h);
      }
    }
  }

  // Only the keys' scores exist, while sorting; afterwards the rank arrays carry the order and keyAt recomputes a key.
  const scoreInputs = { facts, households, lotteries, groups };
  const order = rules.map((rule, ri) => {
    const list = applicants[ri]!;
    const width = keyWidth(policy, rule);
    const scores = new Float64Array(list.length * width);
    packScores(list, scoreInputs, rule, policy, scores);
    return sortPacked(scores, width, list.map((h) => lotteries[h]!)).map((i) => list[i]!);
  });
  const rank = order.map((list) => {
    const r = new Int32Array(n).fill(n);
    for (let i = 0; i < list.length; i++) r[list[i]!] = i;
    return r;
  });
  const compiled = compile(n, apartments.length, pairStart, pairApartment, pairFlags, ruleOfApartment, rank);
  return {
    input,
    households,
    apartments,
    apartmentIndex,
    apartmentTerms: apartmentTermsOf,
    householdIndex: householdLookup(households),
    facts,
    groups,
    lotteries,
    pairStart,
    pairApartment,
    pairFlags,
    pairFailed,
    rules,
    ruleIndex,
    lettingConditions,
    order,
    compiled,
  };
}

/** Finds a household's index by its id. */
export interface HouseholdLookup {
  get(id: string): number | undefined;
}

/**
 * Households by id, for explanations (an allocation itself never looks one up). A binary search finds the id when the
 * ids rise strictly, the usual export order; an index it finds is right whatever the order, since a valid run's ids
 * are unique. When it finds nothing, a map of every id, built on that first miss, answers. Nothing is built while
 * preparing: at 10⁶ households the map took 0.4 s, which a run that only writes its result does not need, and an
 * explanation after a national run does not either when the ids are in order.
 */
export function householdLookup(households: readonly Household[]): HouseholdLookup {
  let map: Map<string, number> | undefined;
  return {
    get(id) {
      let lo = 0;
      let hi = households.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (households[mid]!.id < id) lo = mid + 1;
        else hi = mid;
      }
      if (lo < households.length && households[lo]!.id === id) return lo;
      return (map ??= new Map(households.map((h, i) => [h.id, i]))).get(id);
    },
  };
}

/**
 * Household h's priority key under rule index ri, or undefined if it did not apply under that rule. Recomputed by the
 * same `priorityKey` as the ranking (deterministic and cheap), so a national-scale run keeps no key objects.
 */
export function keyAt(p: Prepared, ri: number, h: number): PriorityKey | undefined {
  if (p.compiled.rank[ri]![h]! >= p.households.length) return undefined;
  const { policy, seed } = p.input;
  return priorityKey(p.facts[h]!, p.households[h]!, p.rules[ri]!, policy, seed, { lottery: p.lotteries[h]!, group: p.groups[h]! });
}

/** Keeps only eligible pairs, in each household's order: the deferred-acceptance instance. */
function compile(n: number, apartments: number, pairStart: Int32Array, pairApartment: Int32Array, pairFlags: Uint8Array, ruleOf: Uint8Array, rank: Int32Array[]): CompiledInstance {
  let total = 0;
  for (let i = 0; i < pairFlags.length; i++) if ((pairFlags[i]! & ELIGIBLE) !== 0) total++;
  const prefStart = new Int32Array(n + 1);
  const prefApartment = new Int32Array(total);
  let at = 0;
  for (let h = 0; h < n; h++) {
    prefStart[h] = at;
    for (let i = pairStart[h]!; i < pairStart[h + 1]!; i++) if ((pairFlags[i]! & ELIGIBLE) !== 0) prefApartment[at++] = pairApartment[i]!;
  }
  prefStart[n] = at;
  return { households: n, apartments, prefStart, prefApartment, ruleOf, rank };
}

/** The instance with one household replaced, for counterfactual re-runs, and that household's new keys. */
export interface Variant {
  compiled: CompiledInstance;
  /** The changed household's key under a rule index (undefined if it does not apply under the rule). */
  key(ruleIndex: number): PriorityKey | undefined;
}

/**
 * Re-prepares only household `index` (facts, eligibility, keys) and re-ranks it within each rule's order by the same
 * `compareKeys`; every other household keeps its facts, verdicts and relative order. Its ranking (preferences) must
 * be unchanged. O(pairs + households) instead of a full `prepare`. The whole changed instance: counterfactuals run
 * incrementally from {@link householdVariant} instead, and tests hold the two equal.
 */
export function withHousehold(p: Prepared, index: number, changed: Household): Variant {
  const { prefs: mine, keys: newKeys } = changedHousehold(p, index, changed);
  const rank = p.compiled.rank.map((old, ri) => {
    const key = newKeys[ri];
    if (key === undefined) return old;
    const others = p.order[ri]!.filter((h) => h !== index);
    let lo = 0;
    let hi = others.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareKeys(keyAt(p, ri, others[mid]!)!, key) < 0) lo = mid + 1;
      else hi = mid;
    }
    others.splice(lo, 0, index);
    const r = new Int32Array(old.length).fill(old.length);
    for (let i = 0; i < others.length; i++) r[others[i]!] = i;
    return r;
  });
  const { prefStart: ps, prefApartment: pa } = p.compiled;
  const before = ps[index + 1]! - ps[index]!;
  const delta = mine.length - before;
  const prefStart = new Int32Array(ps.length);
  for (let h = 0; h < ps.length; h++) prefStart[h] = h <= index ? ps[h]! : ps[h]! + delta;
  const prefApartment = new Int32Array(pa.length + delta);
  prefApartment.set(pa.subarray(0, ps[index]!), 0);
  prefApartment.set(mine, ps[index]!);
  prefApartment.set(pa.subarray(ps[index + 1]!), ps[index]! + mine.length);
  return { compiled: { ...p.compiled, prefStart, prefApartment, rank }, key: (ri) => newKeys[ri] };
}

/**
 * Household `index` re-prepared as `changed` (facts, eligibility, keys, by the same functions as `prepare`): the
 * apartments it is now eligible for, in its order, and its key under each rule index it applies under.
 */
function changedHousehold(p: Prepared, index: number, changed: Household): { prefs: Int32Array; keys: (PriorityKey | undefined)[] } {
  const { input } = p;
  const facts = computeFacts(changed, { asOf: input.asOf, policy: input.policy });
  const group = priorityGroupOf(facts, input.policy);
  const lottery = lotteryNumber(input.seed, changed.id);
  const choices = householdChoices(p, changed, facts);
  const keys = p.rules.map((rule, ri) => (p.compiled.rank[ri]![index]! >= p.households.length ? undefined : priorityKey(facts, changed, rule, input.policy, input.seed, { lottery, group })));
  return { prefs: choices.pairApartment.filter((_, k) => (choices.pairFlags[k]! & ELIGIBLE) !== 0), keys };
}

/**
 * Household `index` changed as {@link withHousehold} changes it, for the mechanism's incremental re-run
 * ({@link proposeFrom}): its eligible apartments, and its order against any other household by `compareKeys` (the
 * same order `withHousehold` gives it by inserting it among the others), without building a whole instance.
 */
export function householdVariant(p: Prepared, index: number, changed: Household): HouseholdVariant & { key(ruleIndex: number): PriorityKey | undefined } {
  const { prefs, keys } = changedHousehold(p, index, changed);
  return {
    household: index,
    prefs,
    compare: (rule, other) => compareKeys(keys[rule]!, keyAt(p, rule, other)!),
    key: (ri) => keys[ri],
  };
}
