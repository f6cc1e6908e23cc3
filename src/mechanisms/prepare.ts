import { type Facts, computeFacts } from "../facts/catalogue.js";
import type { Apartment } from "../model/apartment.js";
import type { LettingRule } from "../model/enums.js";
import type { Household } from "../model/household.js";
import type { AllocationInput } from "../model/input.js";
import { type Evaluation, evaluate } from "../rules/condition.js";
import { type Eligibility, checkEligibility } from "../rules/eligibility.js";
import { lettingRuleOf } from "../rules/checks/letting-rule.js";
import { type GroupMatch, type PriorityKey, compareKeys, lotteryNumber, priorityGroupOf, priorityKey } from "../rules/priority.js";
import type { CompiledInstance } from "./deferred-acceptance.js";

/** One entry of a household's ranking: the apartment, its 1-based place in the household's list, and the eligibility verdict. */
export interface RankedChoice {
  apartment: number;
  choiceRank: number;
  eligibility: Eligibility;
}

/** Everything the mechanisms and explanations read, computed once per household, apartment and ranked pair. */
export interface Prepared {
  input: AllocationInput;
  households: readonly Household[];
  apartments: readonly Apartment[];
  apartmentIndex: ReadonlyMap<string, number>;
  facts: readonly Facts[];
  groups: readonly GroupMatch[];
  lotteries: readonly string[];
  choices: readonly (readonly RankedChoice[])[];
  /** Letting rules used by the vacancies, in a fixed order; `ruleIndex` maps a rule to its place. */
  rules: readonly LettingRule[];
  ruleIndex: ReadonlyMap<LettingRule, number>;
  /** Per rule index: the priority key of every household that applied to an apartment under that rule. */
  keys: readonly (readonly (PriorityKey | undefined)[])[];
  /** Per rule index: households that applied under the rule, highest priority first. */
  order: readonly (readonly number[])[];
  compiled: CompiledInstance;
}

/** Computes facts, eligibility of every ranked pair and priority orders, and compiles the matching instance. */
export function prepare(input: AllocationInput): Prepared {
  const { households, apartments, policy, asOf, seed } = input;
  const ctx = { asOf, policy };
  const apartmentIndex = new Map(apartments.map((a, i) => [a.id, i]));
  const rules = [...new Set(apartments.map((a) => a.lettingRule))].sort();
  const ruleIndex = new Map(rules.map((r, i) => [r, i]));

  const facts = households.map((h) => computeFacts(h, ctx));
  const groups = facts.map((f) => priorityGroupOf(f, policy));
  const lotteries = households.map((h) => lotteryNumber(seed, h.id));
  const applicants = rules.map(() => new Set<number>());

  const choices = households.map((h, hi) => {
    const letting = new Map<LettingRule, Evaluation>();
    return h.preferences.ranking.map((id, k): RankedChoice => {
      const ai = apartmentIndex.get(id)!;
      const apartment = apartments[ai]!;
      let evaluation = letting.get(apartment.lettingRule);
      if (!evaluation) {
        const def = lettingRuleOf(policy, apartment.lettingRule);
        if (def) {
          evaluation = evaluate(def.eligible, facts[hi]!);
          letting.set(apartment.lettingRule, evaluation);
        }
      }
      const eligibility = checkEligibility(h, facts[hi]!, apartment, policy, asOf, evaluation ? { letting: evaluation } : {});
      applicants[ruleIndex.get(apartment.lettingRule)!]!.add(hi);
      return { apartment: ai, choiceRank: k + 1, eligibility };
    });
  });

  const keys = rules.map((rule, ri) => {
    const out: (PriorityKey | undefined)[] = new Array(households.length);
    for (const hi of applicants[ri]!) out[hi] = priorityKey(facts[hi]!, households[hi]!, rule, policy, seed, { lottery: lotteries[hi]!, group: groups[hi]! });
    return out;
  });
  const order = rules.map((_, ri) => [...applicants[ri]!].sort((x, y) => compareKeys(keys[ri]![x]!, keys[ri]![y]!)));

  return { input, households, apartments, apartmentIndex, facts, groups, lotteries, choices, rules, ruleIndex, keys, order, compiled: compile(households.length, apartments, choices, ruleIndex, order) };
}

function compile(n: number, apartments: readonly Apartment[], choices: readonly (readonly RankedChoice[])[], ruleIndex: ReadonlyMap<LettingRule, number>, order: readonly (readonly number[])[]): CompiledInstance {
  const prefStart = new Int32Array(n + 1);
  let total = 0;
  for (let h = 0; h < n; h++) {
    prefStart[h] = total;
    for (const c of choices[h]!) if (c.eligibility.eligible) total++;
  }
  prefStart[n] = total;
  const prefApartment = new Int32Array(total);
  let at = 0;
  for (let h = 0; h < n; h++) for (const c of choices[h]!) if (c.eligibility.eligible) prefApartment[at++] = c.apartment;
  const rank = order.map((households) => {
    const r = new Int32Array(n).fill(n);
    households.forEach((h, i) => (r[h] = i));
    return r;
  });
  const ruleOf = Uint8Array.from(apartments.map((a) => ruleIndex.get(a.lettingRule)!));
  return { households: n, apartments: apartments.length, prefStart, prefApartment, ruleOf, rank };
}
