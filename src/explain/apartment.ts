import { FACTS } from "../facts/catalogue.js";
import type { Run } from "../mechanisms/allocate.js";
import { type Result, fail, issue, ok } from "../model/issue.js";
import type { AllocationResult } from "../model/result.js";
import { lettingRuleOf } from "../rules/checks/letting-rule.js";
import type { Check } from "../rules/eligibility.js";
import { apartmentView, orderOf, runRef } from "./build.js";
import type { ApartmentAudience, ApartmentExplanation, GroupView, KeyPartView, Visible } from "./types.js";

const SENSITIVE_KEY = { "priority-group": false, "work-income": FACTS["income.work"].sensitive, "queue-days": FACTS["queue.days"].sensitive, "homeless-days": FACTS["housing.homelessDays"].sensitive, "social-priority-date": FACTS["decisions.socialPriority"].sensitive, lottery: false } as const;

/** Checks that reveal health or safety (accessibility needs, districts excluded because of a threat): never shown to a landlord. */
const PERSONAL_CHECKS = new Set<Check["code"]>(["accessibility", "excluded-district"]);

/**
 * A vacancy explained for its landlord (pseudonymous ids, ranking, who was ineligible and on which checks; no
 * sensitive fact values and no sensitive group labels) or for an auditor (everything, with the compared values).
 *
 * @example explainApartment(run, result, "A-017", "landlord")
 */
export function explainApartment(run: Run, result: AllocationResult, apartmentId: string, audience: ApartmentAudience = "landlord"): Result<ApartmentExplanation> {
  const p = run.prepared;
  const ai = p.apartmentIndex.get(apartmentId);
  const outcome = result.apartments.find((o) => o.apartmentId === apartmentId);
  if (ai === undefined || outcome === undefined) {
    return fail([issue("unknown_apartment", ["--apartment"], `Lägenheten "${apartmentId}" finns inte i indata.`, `The apartment "${apartmentId}" is not in the input.`, { received: apartmentId })]);
  }
  const a = p.apartments[ai]!;
  const auditor = audience === "auditor";
  const groups = new Map(run.input.policy.priorityGroups.map((g, i) => [g.id, { id: g.id, rank: i + 1, label: g.label, sensitive: g.sensitive } satisfies GroupView]));
  const ranking = outcome.ranking.map((r) => {
    const g = r.priority.group === null ? null : (groups.get(r.priority.group) ?? null);
    const group: Visible<GroupView | null> = auditor || g === null || !g.sensitive ? { shown: true, value: g } : { shown: false };
    const parts = r.priority.parts.map((x): Visible<KeyPartView> => (auditor || !SENSITIVE_KEY[x.key] ? { shown: true, value: { key: x.key, value: x.value } } : { shown: false }));
    return { position: r.position, householdId: r.householdId, choiceRank: r.choiceRank, rentGuaranteeRequired: r.rentGuaranteeRequired, group, parts };
  });
  const ineligible = outcome.ineligible.map((x) => {
    const checks = x.failed as unknown as Check[];
    const visible = checks.filter((c) => auditor || !PERSONAL_CHECKS.has(c.code));
    return { householdId: x.householdId, choiceRank: x.choiceRank, failed: visible.map((c) => c.code), withheld: checks.length - visible.length, checks: auditor ? { shown: true as const, value: checks } : { shown: false as const } };
  });
  return ok({
    kind: "apartment-explanation",
    audience,
    run: runRef(run, result),
    apartment: apartmentView(a),
    source: lettingRuleOf(run.input.policy, a.lettingRule)?.source ?? "",
    order: orderOf(run, a.lettingRule),
    proposedTo: result.proposals.find((x) => x.apartmentId === apartmentId)?.householdId ?? null,
    ranking,
    ineligible,
  });
}
