import * as crypto from "node:crypto";
import { match } from "ts-pattern";
import type { Facts } from "../facts/catalogue.js";
import { days, fromDayNumber } from "../model/date.js";
import type { LettingRule } from "../model/enums.js";
import type { Household } from "../model/household.js";
import type { Message } from "../model/issue.js";
import type { OrderKey, Policy } from "../model/policy.js";
import { type TraceEntry, evaluate, holds } from "./condition.js";
import { lettingRuleOf } from "./checks/letting-rule.js";

/** One criterion of a priority key: its value (for explanations) and a score where higher ranks first. */
export interface KeyPart {
  key: OrderKey;
  value: number | string | null;
  score: number;
}

/** The priority group a household falls in: `rank` 1 is the policy's first (highest) group. */
export interface GroupRef {
  id: string;
  rank: number;
  label: Message;
  sensitive: boolean;
}

/** A household's priority under one letting rule; keys compare lexicographically by part score, see {@link compareKeys}. */
export interface PriorityKey {
  rule: LettingRule;
  /** The household's priority group; `null` when it is in none, or when the rule's order does not use `priority-group`. */
  group: GroupRef | null;
  parts: KeyPart[];
}

/** The first priority group whose condition holds, and the trace of every group condition evaluated to find it. */
export interface GroupMatch {
  group: (GroupRef & { source: string }) | null;
  trace: TraceEntry[];
}

/** Work already done by the caller for this household (both independent of the apartment and the rule). */
export interface PriorityOptions {
  lottery?: string;
  group?: Pick<GroupMatch, "group">;
}

/** Score of a missing value (no social priority decision): below every real one; finite so keys stay valid JSON. */
export const NO_VALUE_SCORE = Number.MIN_SAFE_INTEGER;
const LOTTERY_TOP = 0xffff_ffff_ffff;

/**
 * The household's lottery number: sha256 of `seed + "\u0000" + householdId` as 64 hex digits. One number per
 * household for all apartments (single tie-breaking); the smaller digest draws first. Anyone with the seed can check it.
 *
 * @example lotteryNumber("orebro-2026-w47", "H-0001") // "3f…" (64 hex digits)
 */
export function lotteryNumber(seed: string, householdId: string): string {
  return sha256Hex(`${seed}\u0000${householdId}`);
}

// One-shot `crypto.hash` (Node 20.12 and later) is several times faster than a Hash object per household.
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: "hex") => string }).hash;
const sha256Hex = oneShot ? (text: string): string => oneShot("sha256", text, "hex") : (text: string): string => crypto.createHash("sha256").update(text, "utf8").digest("hex");

/** Score of a lottery number: its first 48 bits, inverted so that the smaller digest scores higher. */
export function lotteryScore(hex: string): number {
  return LOTTERY_TOP - Number.parseInt(hex.slice(0, 12), 16);
}

/** {@link priorityGroupOf}'s group alone, by the same conditions evaluated without their traces. */
export function priorityGroupOnly(facts: Facts, policy: Policy): GroupMatch["group"] {
  const groups = policy.priorityGroups;
  for (let i = 0; i < groups.length; i++) if (holds(groups[i]!.when, facts)) return groupRef(groups[i]!, i);
  return null;
}

const groupRef = (g: Policy["priorityGroups"][number], i: number): NonNullable<GroupMatch["group"]> => ({ id: g.id, rank: i + 1, label: g.label, sensitive: g.sensitive, source: g.source });

/** The group of {@link priorityGroupOnly} by its place in the policy's list (its `rank` − 1), or null for −1. */
export const priorityGroupAt = (policy: Policy, index: number): GroupMatch["group"] => (index < 0 ? null : groupRef(policy.priorityGroups[index]!, index));

/**
 * The household's priority group: the first in the policy's list whose `when` holds (DESIGN section 5).
 *
 * @example priorityGroupOf(facts, policy).group?.id // "families-with-children"
 */
export function priorityGroupOf(facts: Facts, policy: Policy): GroupMatch {
  const trace: TraceEntry[] = [];
  const groups = policy.priorityGroups;
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i]!;
    const e = evaluate(g.when, facts);
    for (const t of e.trace) trace.push(t);
    if (e.result) return { group: groupRef(g, i), trace };
  }
  return { group: null, trace };
}

/** The rule's order with `lottery` appended when missing (it always ends the key). */
export function effectiveOrder(order: readonly OrderKey[]): OrderKey[] {
  return order.includes("lottery") ? [...order] : [...order, "lottery"];
}

/**
 * The priority key of a household under a letting rule: one part per order key, ending with the lottery.
 * It reads only the household's facts and decision dates, the rule, the policy and the seed — never the apartment
 * or the input order — so households can be ranked once per letting rule.
 *
 * @example
 * const key = priorityKey(facts, household, "queue", policy, "orebro-2026-w47");
 * key.parts.map((p) => p.key) // ["queue-days", "lottery"]
 */
export function priorityKey(
  facts: Facts,
  household: Household,
  lettingRule: LettingRule,
  policy: Policy,
  seed: string,
  options: PriorityOptions = {},
): PriorityKey {
  const parts = partsOf(policy, lettingRule);
  // A part's value and score both read the group and the lottery: each worked out once here when not given.
  const given = { lottery: options.lottery ?? lotteryNumber(seed, household.id), group: options.group ?? { group: priorityGroupOnly(facts, policy) } };
  const ctx: PartContext = { facts, household, policy, options: given };
  const out: KeyPart[] = new Array(parts.length);
  let group: GroupRef | null = null;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    out[i] = { key: part.key, value: part.value(ctx), score: part.score(ctx) };
    if (part.key === "priority-group") group = groupOf(ctx);
  }
  return { rule: lettingRule, group: shownRef(group), parts: out };
}

/** A key's group as results show it: the group without its source. */
const shownRef = (group: GroupRef | null): GroupRef | null => (group === null ? null : { id: group.id, rank: group.rank, label: group.label, sensitive: group.sensitive });

/**
 * The key {@link priorityKey} gives a household under a rule, from the scores {@link keyScorer} packed for it (`width`
 * from `at`), its lottery digest and its group, without its facts or record: each part's value follows from its score
 * (flags and day counts are their own score, a decision's date its negated day number) or is the digest or the group.
 * A property test holds it equal to `priorityKey`.
 */
export function keyOfScores(policy: Policy, lettingRule: LettingRule, scores: Float64Array, at: number, lottery: string, group: Pick<GroupMatch, "group">): PriorityKey {
  const parts = partsOf(policy, lettingRule);
  const out: KeyPart[] = new Array(parts.length);
  let shownGroup: GroupRef | null = null;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const score = scores[at + i]!;
    out[i] = { key: part.key, value: part.shown(score, lottery, group.group), score };
    if (part.key === "priority-group" && group.group !== null) shownGroup = group.group;
  }
  return { rule: lettingRule, group: shownRef(shownGroup), parts: out };
}

/**
 * {@link compareKeys} of `key` and the key of packed scores `scores` from `at` with lottery digest `lottery`, under the
 * same rule, without building that key.
 */
export function compareToScores(key: PriorityKey, scores: Float64Array, at: number, lottery: string): number {
  const { parts } = key;
  for (let i = 0; i < parts.length; i++) {
    const sa = parts[i]!.score;
    const sb = scores[at + i]!;
    if (sa !== sb) return sa > sb ? -1 : 1;
  }
  const own = lotteryOf(key);
  return own < lottery ? -1 : own > lottery ? 1 : 0;
}

/** How many parts a key under the rule has (its order, with the lottery). */
export function keyWidth(policy: Policy, lettingRule: LettingRule): number {
  return partsOf(policy, lettingRule).length;
}

/** Writes one household's part scores under one letting rule, as {@link keyScorer} makes it. */
export interface KeyScorer {
  /** Scores per household: `keyWidth`. */
  readonly width: number;
  write(facts: Facts, household: Household, lottery: string, group: Pick<GroupMatch, "group">, out: Float64Array, at: number): void;
}

/**
 * The scores of {@link priorityKey}'s parts under one letting rule, household by household, by the same part
 * definitions, without building the keys: the definitions are looked up once and one context serves every household.
 */
export function keyScorer(policy: Policy, lettingRule: LettingRule): KeyScorer {
  const parts = partsOf(policy, lettingRule);
  const width = parts.length;
  const options: Required<PriorityOptions> = { lottery: "", group: { group: null } };
  const ctx: PartContext = { facts: {} as Facts, household: {} as Household, policy, options };
  return {
    width,
    write(facts, household, lottery, group, out, at) {
      ctx.facts = facts;
      ctx.household = household;
      options.lottery = lottery;
      options.group = group;
      for (let k = 0; k < width; k++) out[at + k] = parts[k]!.score(ctx);
    },
  };
}

function partsOf(policy: Policy, lettingRule: LettingRule): readonly PartDefinition[] {
  const def = lettingRuleOf(policy, lettingRule);
  if (!def) throw new Error(`policy ${policy.id} does not define letting rule ${lettingRule}`);
  return compiledOrder(def.order);
}

interface PartContext {
  facts: Facts;
  household: Household;
  policy: Policy;
  /** The household's lottery digest and group, worked out once per key. */
  options: Required<PriorityOptions>;
}

/**
 * One order key: the value a key part shows and the score it ranks by, both read from the same context; and the value
 * again from the score, the lottery digest and the group alone (see {@link keyOfScores}).
 */
interface PartDefinition {
  key: OrderKey;
  value(ctx: PartContext): number | string | null;
  score(ctx: PartContext): number;
  shown(score: number, lottery: string, group: GroupMatch["group"]): number | string | null;
}

/** A part whose shown value is its score (flags and day counts). */
const ownScore = (score: number): number => score;

// An order is turned into part definitions once per order array (policies are immutable once resolved).
const orderCache = new WeakMap<readonly OrderKey[], PartDefinition[]>();

function compiledOrder(order: readonly OrderKey[]): PartDefinition[] {
  let parts = orderCache.get(order);
  if (!parts) {
    parts = effectiveOrder(order).map(partDefinition);
    orderCache.set(order, parts);
  }
  return parts;
}

const groupOf = (ctx: PartContext): GroupMatch["group"] => ctx.options.group.group;
const numberOf = (value: unknown): number => (typeof value === "number" ? value : 0);
// Only a decision valid at asOf gives priority; an expired one ranks like none.
const socialPriorityOf = (ctx: PartContext) => (ctx.facts["decisions.socialPriority"] === true ? ctx.household.decisions.socialPriority : undefined);
const lotteryHexOf = (ctx: PartContext): string => ctx.options.lottery;

function partDefinition(key: OrderKey): PartDefinition {
  return match(key)
    .with("priority-group", (): PartDefinition => ({
      key,
      value: (ctx) => groupOf(ctx)?.id ?? null,
      score: (ctx) => {
        const found = groupOf(ctx);
        return found === null ? 0 : ctx.policy.priorityGroups.length + 1 - found.rank;
      },
      shown: (_score, _lottery, group) => group?.id ?? null,
    }))
    .with("work-income", (): PartDefinition => ({ key, value: (ctx) => (ctx.facts["income.work"] === true ? 1 : 0), score: (ctx) => (ctx.facts["income.work"] === true ? 1 : 0), shown: ownScore }))
    .with("queue-days", (): PartDefinition => ({ key, value: (ctx) => numberOf(ctx.facts["queue.days"]), score: (ctx) => numberOf(ctx.facts["queue.days"]), shown: ownScore }))
    .with("homeless-days", (): PartDefinition => ({ key, value: (ctx) => numberOf(ctx.facts["housing.homelessDays"]), score: (ctx) => numberOf(ctx.facts["housing.homelessDays"]), shown: ownScore }))
    .with("social-priority-date", (): PartDefinition => ({
      key,
      value: (ctx) => socialPriorityOf(ctx)?.grantedOn ?? null,
      score: (ctx) => {
        const decision = socialPriorityOf(ctx);
        return decision === undefined ? NO_VALUE_SCORE : -days(decision.grantedOn);
      },
      // The decision's date back from its day number (dates are validated as YYYY-MM-DD, which days() reads exactly).
      shown: (score) => (score === NO_VALUE_SCORE ? null : fromDayNumber(-score)),
    }))
    .with("lottery", (): PartDefinition => ({ key, value: lotteryHexOf, score: (ctx) => lotteryScore(lotteryHexOf(ctx)), shown: (_score, lottery) => lottery }))
    .exhaustive();
}

/**
 * Orders two keys of the same letting rule: negative when `a` ranks higher. Compares part scores in order; if all
 * tie, the full lottery digests decide (smaller first). Never falls back to the household id.
 *
 * @example ranked.sort((x, y) => compareKeys(x.key, y.key))
 */
export function compareKeys(a: PriorityKey, b: PriorityKey): number {
  const n = Math.min(a.parts.length, b.parts.length);
  for (let i = 0; i < n; i++) {
    const sa = a.parts[i]!.score;
    const sb = b.parts[i]!.score;
    if (sa !== sb) return sa > sb ? -1 : 1;
  }
  const la = lotteryOf(a);
  const lb = lotteryOf(b);
  return la < lb ? -1 : la > lb ? 1 : 0;
}

/**
 * Indices 0 … n − 1 in {@link compareKeys} order for keys given as packed scores (`width` per key, as
 * {@link keyScorer} writes them) and each key's full lottery digest: scores in turn, higher first, then the smaller
 * digest; keys equal on all of it keep their index order. A stable merge sort over typed arrays (insertion sort on
 * runs of {@link RUN}, then merges), with the comparison inlined: at 10⁶ households per rule, `Array#sort` calling a
 * comparator took about twice as long. A property test holds it to `Array#sort` with the same comparison.
 */
export function sortPacked(scores: Float64Array, width: number, lotteries: readonly string[]): number[] {
  const n = lotteries.length;
  // Whether key x goes after key y (strictly): what keeps equal keys in index order.
  const after = (x: number, y: number): boolean => {
    for (let k = 0, bx = x * width, by = y * width; k < width; k++) {
      const sx = scores[bx + k]!;
      const sy = scores[by + k]!;
      if (sx !== sy) return sx < sy;
    }
    return lotteries[x]! > lotteries[y]!;
  };
  let from = new Int32Array(n);
  for (let i = 0; i < n; i++) from[i] = i;
  for (let start = 0; start < n; start += RUN) {
    const end = Math.min(start + RUN, n);
    for (let i = start + 1; i < end; i++) {
      const v = from[i]!;
      let j = i - 1;
      while (j >= start && after(from[j]!, v)) {
        from[j + 1] = from[j]!;
        j--;
      }
      from[j + 1] = v;
    }
  }
  let to = new Int32Array(n);
  for (let size = RUN; size < n; size *= 2) {
    for (let lo = 0; lo < n; lo += 2 * size) {
      const mid = Math.min(lo + size, n);
      const hi = Math.min(lo + 2 * size, n);
      let i = lo;
      let j = mid;
      let o = lo;
      while (i < mid && j < hi) to[o++] = after(from[i]!, from[j]!) ? from[j++]! : from[i++]!;
      while (i < mid) to[o++] = from[i++]!;
      while (j < hi) to[o++] = from[j++]!;
    }
    [from, to] = [to, from];
  }
  const out: number[] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = from[i]!;
  return out;
}

/**
 * Two lists each in {@link sortPacked} order, merged into one: `order` holds indices into `lotteries`, `scores` their
 * packed scores (`width` each) in list order. The same comparison as `sortPacked`; on equal keys `a`'s entry comes
 * first, so merging the sorted halves of a list gives what sorting the whole list gives.
 */
export function mergePacked(a: { order: Int32Array; scores: Float64Array }, b: { order: Int32Array; scores: Float64Array }, width: number, lotteries: readonly string[]): { order: Int32Array; scores: Float64Array } {
  const na = a.order.length;
  const nb = b.order.length;
  if (na === 0) return b;
  if (nb === 0) return a;
  const order = new Int32Array(na + nb);
  const scores = new Float64Array((na + nb) * width);
  // Whether b's entry j goes before a's entry i (strictly).
  const before = (i: number, j: number): boolean => {
    for (let k = 0, bi = i * width, bj = j * width; k < width; k++) {
      const si = a.scores[bi + k]!;
      const sj = b.scores[bj + k]!;
      if (si !== sj) return si < sj;
    }
    return lotteries[a.order[i]!]! > lotteries[b.order[j]!]!;
  };
  let i = 0;
  let j = 0;
  for (let o = 0; o < na + nb; o++) {
    if (i === na || (j < nb && before(i, j))) {
      order[o] = b.order[j]!;
      for (let k = 0; k < width; k++) scores[o * width + k] = b.scores[j * width + k]!;
      j++;
    } else {
      order[o] = a.order[i]!;
      for (let k = 0; k < width; k++) scores[o * width + k] = a.scores[i * width + k]!;
      i++;
    }
  }
  return { order, scores };
}

/** Length of the runs {@link sortPacked} sorts by insertion before merging. */
const RUN = 24;

function lotteryOf(k: PriorityKey): string {
  for (let i = k.parts.length - 1; i >= 0; i--) {
    const p = k.parts[i]!;
    if (p.key === "lottery") return String(p.value);
  }
  return "";
}
