import { type Facts, computeFacts } from "../facts/catalogue.js";
import type { Apartment } from "../model/apartment.js";
import type { LettingRule } from "../model/enums.js";
import type { Household } from "../model/household.js";
import type { AllocationInput } from "../model/input.js";
import type { Condition, Policy } from "../model/policy.js";
import { type Evaluation, holds } from "../rules/condition.js";
import { type ApartmentTerms, type Eligibility, FAILED_CHECKS, VERDICT_ELIGIBLE, VERDICT_GUARANTEE, apartmentTerms, checkEligibility, householdTerms, pairBits, verdictOf } from "../rules/eligibility.js";
import { lettingRuleOf } from "../rules/checks/letting-rule.js";
import { type GroupMatch, type KeyScorer, type PriorityKey, compareToScores, keyOfScores, keyScorer, keyWidth, lotteryNumber, mergePacked, priorityGroupAt, priorityGroupOf, priorityGroupOnly, priorityKey, sortPacked } from "../rules/priority.js";
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

/**
 * Records by index: an array, or records kept elsewhere and rebuilt on demand (a streamed national run keeps each
 * household as its line, see `src/mechanisms/ndjson-run.ts`). Arrays have this shape already.
 */
export interface Indexed<T> {
  readonly length: number;
  at(index: number): T | undefined;
}

/** Every record of an {@link Indexed}, as an array (the array itself when it is one). */
export function allOf<T>(records: Indexed<T>): readonly T[] {
  return Array.isArray(records) ? (records as readonly T[]) : Array.from({ length: records.length }, (_, i) => records.at(i)!);
}

/** A validated input without its households (they are `Prepared.households`). */
export type RunInput = Omit<AllocationInput, "households">;

/** Everything the mechanisms and explanations read, computed once per household, apartment and ranked pair. */
export interface Prepared {
  input: RunInput;
  /** Each household, by index (`at`): in memory, or rebuilt from its line by the same validation. */
  households: Indexed<Household>;
  /** Each household's id, by index. */
  householdIds: readonly string[];
  apartments: readonly Apartment[];
  apartmentIndex: ReadonlyMap<string, number>;
  /** What each apartment's verdicts read of it, by index (`apartmentTerms`). */
  apartmentTerms: readonly ApartmentTerms[];
  /** Household index by id (see {@link householdLookup}). */
  householdIndex: HouseholdLookup;
  /** Each household's facts, by index: kept, or computed again by the same `computeFacts` on demand. */
  facts: Indexed<Facts>;
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
  /**
   * Per rule index: the packed part scores of `order`'s households, in that order (the household at place r from
   * `r × width`): what {@link keyAt} builds a key from, with no household record or facts.
   */
  keyScores: readonly Float64Array[];
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
function fillChoices(ctx: Context, household: Household, facts: Facts, out: PairArrays, at: number, ranked?: Int32Array, rankedAt = at): void {
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
    const hint = ranked === undefined ? -1 : ranked[rankedAt + k]!;
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
  const facts = p.facts.at(h)!;
  const a = p.pairApartment[i]!;
  const e = pairEligibility(p, p.households.at(h)!, facts, a);
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
  const { households } = input;
  const n = households.length;
  let total = 0;
  for (let h = 0; h < n; h++) total += households[h]!.preferences.ranking.length;
  const known = ranked?.length === total ? ranked : undefined;
  const builder = new PrepareBuilder(input, { households: n, pairs: total });
  const facts: Facts[] = new Array(n);
  for (let h = 0, at = 0; h < n; h++) {
    const household = households[h]!;
    facts[h] = builder.add(household, known, at);
    at += household.preferences.ranking.length;
  }
  return builder.finish(households, facts);
}

/** A growable copy of `from` with room for `need` elements. */
function grown<T extends Int32Array | Uint8Array | Float64Array>(from: T, need: number): T {
  if (need <= from.length) return from;
  const next = new (from.constructor as new (n: number) => T)(Math.max(need, from.length * 2));
  next.set(from);
  return next;
}

/** What every household's preparation reads of the run, worked out once: apartments, their terms and letting rules. */
type RunContext = { ctx: Context; rules: LettingRule[]; ruleIndex: Map<LettingRule, number> };

function runContext(input: RunInput): RunContext {
  const { apartments, policy } = input;
  const apartmentIndex = new Map(apartments.map((a, i) => [a.id, i]));
  const rules = [...new Set(apartments.map((a) => a.lettingRule))].sort();
  const ruleIndex = new Map(rules.map((r, i) => [r, i]));
  const ruleOf = Uint8Array.from(apartments.map((a) => ruleIndex.get(a.lettingRule)!));
  const lettingConditions = rules.map((r) => lettingRuleOf(policy, r)?.eligible);
  return { ctx: { input, apartments, apartmentIndex, apartmentTerms: apartments.map((a) => apartmentTerms(a, policy)), lettingConditions, compiled: { ruleOf } }, rules, ruleIndex };
}

/**
 * {@link prepare} one household at a time, in input order, keeping nothing of a household but its id, priority group,
 * lottery digest, ranked pairs and ranking scores: the streamed NDJSON reader prepares each household as its line
 * arrives and lets the parsed record go (at 10⁶ households, keeping every record cost the garbage collector seconds).
 * `prepare` itself is this builder over an array.
 */
export class PrepareBuilder {
  private readonly run: RunContext;
  private readonly factCtx: { asOf: string; policy: RunInput["policy"] };
  private readonly ruleOfApartment: Uint8Array;
  private readonly scorers: KeyScorer[];
  private pairStart: Int32Array;
  private pairs: PairArrays;
  private total = 0;
  private n = 0;
  private readonly ids: string[] = [];
  private readonly groups: Pick<GroupMatch, "group">[] = [];
  private readonly lotteries: string[] = [];
  /** Per rule index: households that applied under it, in input order, and their scores side by side. */
  private readonly applicants: number[][];
  private readonly scores: Float64Array[];
  private readonly applied: Uint8Array;
  private sorted: PreparedPart | undefined;

  /** `expected`: how many households and ranked pairs are coming, when known (the arrays are then not grown). */
  constructor(
    private readonly input: RunInput,
    expected: { households: number; pairs: number } = { households: 1024, pairs: 1 << 16 },
  ) {
    const { policy, asOf } = input;
    this.factCtx = { asOf, policy };
    this.run = runContext(input);
    this.ruleOfApartment = this.run.ctx.compiled.ruleOf;
    this.pairStart = new Int32Array(expected.households + 1);
    this.pairs = { pairApartment: new Int32Array(expected.pairs), pairFlags: new Uint8Array(expected.pairs), pairFailed: new Uint8Array(expected.pairs) };
    this.scorers = this.run.rules.map((rule) => keyScorer(policy, rule));
    this.applicants = this.run.rules.map(() => []);
    this.scores = this.scorers.map((s) => new Float64Array(s.width * Math.min(expected.households, 1 << 16)));
    this.applied = new Uint8Array(this.run.rules.length);
  }

  /**
   * Prepares the next household (index = households added before it) and returns its facts. `ranked` from `at`: its
   * entries' apartment indices, when the reader looked them up.
   */
  add(household: Household, ranked?: Int32Array, at = 0): Facts {
    if (this.sorted) throw new Error("invariant: a household added after the builder's part was taken");
    const { policy, seed } = this.input;
    const h = this.n++;
    const length = household.preferences.ranking.length;
    const start = this.total;
    this.pairStart = grown(this.pairStart, h + 2);
    if (start + length > this.pairs.pairApartment.length) {
      const need = start + length;
      this.pairs = { pairApartment: grown(this.pairs.pairApartment, need), pairFlags: grown(this.pairs.pairFlags, need), pairFailed: grown(this.pairs.pairFailed, need) };
    }
    this.pairStart[h] = start;
    this.total = start + length;
    this.pairStart[h + 1] = this.total;
    const f = computeFacts(household, this.factCtx);
    const group = { group: priorityGroupOnly(f, policy) };
    const lottery = lotteryNumber(seed, household.id);
    this.ids.push(household.id);
    this.groups.push(group);
    this.lotteries.push(lottery);
    fillChoices(this.run.ctx, household, f, this.pairs, start, ranked, at);
    const { applied, ruleOfApartment } = this;
    const { pairApartment } = this.pairs;
    applied.fill(0);
    for (let i = start; i < this.total; i++) {
      const ri = ruleOfApartment[pairApartment[i]!]!;
      if (applied[ri] !== 0) continue;
      applied[ri] = 1;
      const list = this.applicants[ri]!;
      const scorer = this.scorers[ri]!;
      const from = list.length * scorer.width;
      this.scores[ri] = grown(this.scores[ri]!, from + scorer.width);
      scorer.write(f, household, lottery, group, this.scores[ri]!, from);
      list.push(h);
    }
    return f;
  }

  /**
   * What this builder prepared, as one part of a run (see {@link PreparedPart}): each rule's applicants sorted by
   * their packed scores here, so that parts prepared in different threads are only merged when joined. Sorted once:
   * no household can be added afterwards.
   */
  part(): PreparedPart {
    this.sorted ??= this.sortedPart();
    return this.sorted;
  }

  private sortedPart(): PreparedPart {
    const { n, total } = this;
    const trim = <T extends Int32Array | Uint8Array>(a: T, length: number): T => (a.length === length ? a : (a.slice(0, length) as T));
    const order: Int32Array[] = [];
    const scores: Float64Array[] = [];
    for (let ri = 0; ri < this.run.rules.length; ri++) {
      const list = this.applicants[ri]!;
      const width = this.scorers[ri]!.width;
      const from = this.scores[ri]!;
      const sorted = sortPacked(from.subarray(0, list.length * width), width, list.map((h) => this.lotteries[h]!));
      const o = new Int32Array(sorted.length);
      const sc = new Float64Array(sorted.length * width);
      for (let i = 0; i < sorted.length; i++) {
        const k = sorted[i]!;
        o[i] = list[k]!;
        for (let w = 0; w < width; w++) sc[i * width + w] = from[k * width + w]!;
      }
      order.push(o);
      scores.push(sc);
    }
    return {
      households: n,
      pairStart: trim(this.pairStart, n + 1),
      pairApartment: trim(this.pairs.pairApartment, total),
      pairFlags: trim(this.pairs.pairFlags, total),
      pairFailed: trim(this.pairs.pairFailed, total),
      ids: this.ids,
      groups: this.groups,
      lotteries: this.lotteries,
      order,
      scores,
    };
  }

  /**
   * The prepared run over every household added and then the households of `later` (parts of the same input, prepared
   * elsewhere, in input order), which `households` and `facts` give by index.
   */
  finish(households: Indexed<Household>, facts: Indexed<Facts>, later: readonly PreparedPart[] = []): Prepared {
    return joinParts(this.input, [this.part(), ...later], households, facts, this.run);
  }
}

/**
 * Households prepared by one {@link PrepareBuilder}, as plain data and typed arrays (a worker thread can hand it over,
 * the arrays without a copy): its pairs with offsets from 0, its ids, groups and lottery digests, and per rule index
 * its applicants (indices within the part) highest priority first with their packed scores in that order.
 */
export interface PreparedPart {
  households: number;
  pairStart: Int32Array;
  pairApartment: Int32Array;
  pairFlags: Uint8Array;
  pairFailed: Uint8Array;
  ids: readonly string[];
  groups: readonly Pick<GroupMatch, "group">[];
  lotteries: readonly string[];
  order: readonly Int32Array[];
  scores: readonly Float64Array[];
}

/**
 * A {@link PreparedPart} as a worker's message: typed arrays (transferred, not copied) and two strings (copied whole,
 * where a million small strings would each be cloned): the ids joined by newlines (an id holds none), the lottery
 * digests end to end (64 hex digits each), and each household's priority group as its place in the policy's list.
 */
export interface PartMessage {
  households: number;
  pairStart: Int32Array;
  pairApartment: Int32Array;
  pairFlags: Uint8Array;
  pairFailed: Uint8Array;
  order: Int32Array[];
  scores: Float64Array[];
  ids: string;
  lotteries: string;
  groups: Int16Array;
}

const DIGEST = 64;

/** A part as a message, and the buffers to transfer with it (the part's arrays are then unusable here). */
export function partMessage(part: PreparedPart): { message: PartMessage; transfer: ArrayBuffer[] } {
  for (const lottery of part.lotteries) if (lottery.length !== DIGEST) throw new Error("invariant: a lottery number is 64 hex digits");
  const groups = Int16Array.from(part.groups, (g) => (g.group ? g.group.rank - 1 : -1));
  const { households, pairStart, pairApartment, pairFlags, pairFailed } = part;
  const message: PartMessage = { households, pairStart, pairApartment, pairFlags, pairFailed, order: [...part.order], scores: [...part.scores], ids: part.ids.join("\n"), lotteries: part.lotteries.join(""), groups };
  const arrays = [pairStart, pairApartment, pairFlags, pairFailed, groups, ...message.order, ...message.scores];
  // A buffer is transferred once, even when two arrays share it.
  return { message, transfer: [...new Set(arrays.map((a) => a.buffer as ArrayBuffer))] };
}

/** The part a {@link partMessage} carried, under the same policy. */
export function partOfMessage(message: PartMessage, policy: Policy): PreparedPart {
  const { households, pairStart, pairApartment, pairFlags, pairFailed, order, scores } = message;
  const ids = households === 0 ? [] : message.ids.split("\n");
  const lotteries = Array.from({ length: households }, (_, h) => message.lotteries.slice(h * DIGEST, (h + 1) * DIGEST));
  // One group object per policy group, shared by its households.
  const byIndex = new Map<number, Pick<GroupMatch, "group">>();
  const groupOf = (index: number): Pick<GroupMatch, "group"> => byIndex.get(index) ?? byIndex.set(index, { group: priorityGroupAt(policy, index) }).get(index)!;
  const groups = Array.from(message.groups, groupOf);
  return { households, pairStart, pairApartment, pairFlags, pairFailed, ids, groups, lotteries, order, scores };
}

/**
 * The prepared run over parts that follow each other in input order (each prepared by a {@link PrepareBuilder} of the
 * same input): pairs laid end to end, and each rule's order merged from the parts' sorted orders by the same
 * comparison as `sortPacked`, an earlier part first on equal keys. The same run as one builder over every household
 * (a property test holds the two equal for any split).
 */
export function joinParts(input: RunInput, parts: readonly PreparedPart[], households: Indexed<Household>, facts: Indexed<Facts>, context = runContext(input)): Prepared {
  const { apartments, policy } = input;
  // `context`: the builder's own, when it joins its single part (the apartments' terms are then not worked out twice).
  const { ctx, rules, ruleIndex } = context;
  const { apartmentIndex, apartmentTerms: terms, lettingConditions } = ctx;
  const ruleOfApartment = ctx.compiled.ruleOf;
  const single = parts.length === 1 ? parts[0]! : undefined;
  let n = 0;
  let total = 0;
  for (const part of parts) {
    n += part.households;
    total += part.pairApartment.length;
  }
  const pairStart = single ? single.pairStart : new Int32Array(n + 1);
  const pairApartment = single ? single.pairApartment : new Int32Array(total);
  const pairFlags = single ? single.pairFlags : new Uint8Array(total);
  const pairFailed = single ? single.pairFailed : new Uint8Array(total);
  const ids = single ? single.ids : parts.flatMap((part) => part.ids);
  const groups = single ? single.groups : parts.flatMap((part) => part.groups);
  const lotteries = single ? single.lotteries : parts.flatMap((part) => part.lotteries);
  if (!single) {
    let h0 = 0;
    let at = 0;
    for (const part of parts) {
      for (let h = 0; h < part.households; h++) pairStart[h0 + h] = part.pairStart[h]! + at;
      pairApartment.set(part.pairApartment, at);
      pairFlags.set(part.pairFlags, at);
      pairFailed.set(part.pairFailed, at);
      h0 += part.households;
      at += part.pairApartment.length;
    }
    pairStart[n] = total;
  }
  const sorted = rules.map((rule, ri) => {
    if (single) return { order: single.order[ri]!, scores: single.scores[ri]! };
    const width = keyWidth(policy, rule);
    let merged: { order: Int32Array; scores: Float64Array } = { order: new Int32Array(0), scores: new Float64Array(0) };
    let offset = 0;
    for (const part of parts) {
      const shifted = offset === 0 ? part.order[ri]! : part.order[ri]!.map((h) => h + offset);
      merged = mergePacked(merged, { order: shifted, scores: part.scores[ri]! }, width, lotteries);
      offset += part.households;
    }
    return merged;
  });
  const order = sorted.map((s) => Array.from(s.order));
  const keyScores = sorted.map((s) => s.scores);
  const rank = order.map((list) => {
    const r = new Int32Array(n).fill(n);
    for (let i = 0; i < list.length; i++) r[list[i]!] = i;
    return r;
  });
  const compiled = compile(n, apartments.length, pairStart, pairApartment, pairFlags, ruleOfApartment, rank);
  return {
    input,
    households,
    householdIds: ids,
    apartments,
    apartmentIndex,
    apartmentTerms: terms,
    householdIndex: householdLookup(ids),
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
    keyScores,
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
export function householdLookup(ids: readonly string[]): HouseholdLookup {
  let map: Map<string, number> | undefined;
  return {
    get(id) {
      let lo = 0;
      let hi = ids.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (ids[mid]! < id) lo = mid + 1;
        else hi = mid;
      }
      if (lo < ids.length && ids[lo] === id) return lo;
      return (map ??= new Map(ids.map((h, i) => [h, i]))).get(id);
    },
  };
}

/** Where household h's scores under rule index ri begin in `p.keyScores[ri]`, or -1 if it did not apply under it. */
function scoresAt(p: Prepared, ri: number, h: number): number {
  const r = p.compiled.rank[ri]![h]!;
  const applied = p.order[ri]!.length;
  return r >= applied ? -1 : r * (p.keyScores[ri]!.length / applied);
}

/**
 * Household h's priority key under rule index ri, or undefined if it did not apply under that rule: built from the
 * scores the ranking packed (`keyOfScores`, held equal to `priorityKey` by a property test), so that neither its
 * record nor its facts are read and a national-scale run keeps no key objects.
 */
export function keyAt(p: Prepared, ri: number, h: number): PriorityKey | undefined {
  const at = scoresAt(p, ri, h);
  return at === -1 ? undefined : keyOfScores(p.input.policy, p.rules[ri]!, p.keyScores[ri]!, at, p.lotteries[h]!, p.groups[h]!);
}

/** {@link compareKeys} of `key` (under rule index ri) and household h's key under it, which must exist. */
export function compareKeyAt(p: Prepared, ri: number, key: PriorityKey, h: number): number {
  return compareToScores(key, p.keyScores[ri]!, scoresAt(p, ri, h), p.lotteries[h]!);
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
      if (compareKeyAt(p, ri, key, others[mid]!) > 0) lo = mid + 1;
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
    compare: (rule, other) => compareKeyAt(p, rule, keys[rule]!, other),
    key: (ri) => keys[ri],
  };
}
