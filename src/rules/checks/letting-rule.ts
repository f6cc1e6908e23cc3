import type { Facts } from "../../facts/catalogue.js";
import type { LettingRule } from "../../model/enums.js";
import type { LettingRuleDefinition, Policy } from "../../model/policy.js";
import { type Evaluation, type TraceEntry, evaluate } from "../condition.js";

/** The apartment's letting rule: who may get an apartment let under it (förtur, Housing First enrollment, LSS decision, …). */
export interface LettingRuleCheck {
  code: "letting-rule";
  pass: boolean;
  rule: LettingRule;
  /** False when the policy does not define the rule (the input check reports that as an issue too). */
  defined: boolean;
  trace: TraceEntry[];
  source: string;
}

/** The policy's definition of a letting rule, or `undefined` when it has none. */
export function lettingRuleOf(policy: Policy, rule: LettingRule): LettingRuleDefinition | undefined {
  return Object.hasOwn(policy.lettingRules, rule) ? policy.lettingRules[rule] : undefined;
}

/** Evaluates the letting rule's `eligible` condition; pass `evaluation` to reuse one computed for the same household and rule. */
export function checkLettingRule(facts: Facts, rule: LettingRule, policy: Policy, evaluation?: Evaluation): LettingRuleCheck {
  const def = lettingRuleOf(policy, rule);
  if (!def) return { code: "letting-rule", pass: false, rule, defined: false, trace: [], source: `policy ${policy.id} (rule not defined)` };
  const e = evaluation ?? evaluate(def.eligible, facts);
  return { code: "letting-rule", pass: e.result, rule, defined: true, trace: e.trace, source: def.source };
}
