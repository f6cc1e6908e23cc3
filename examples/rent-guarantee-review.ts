/**
 * The twice-yearly rent-guarantee review (Lund, 003_a6b4b33b68e1eed4.txt) of five tenancies: which guarantees are due,
 * which can end because the household now meets LKF's criteria alone, which break the terms, which expire soon,
 * and which Housing First tenancies should move to a first-hand contract. Run: npx tsx examples/rent-guarantee-review.ts
 */
import { readFileSync } from "node:fs";
import { type RentGuaranteeReview, reviewRentGuarantees } from "../src/followup/index.js";
import { dataFile, isMain } from "./run-if-main.js";

export function main(log: (line: string) => void = console.log): RentGuaranteeReview {
  const r = reviewRentGuarantees(JSON.parse(readFileSync(dataFile("rent-guarantees.json"), "utf8")));
  if (!r.ok) throw new Error(r.issues.map((i) => i.message.en).join("\n"));
  const v = r.value;
  log(`Rent-guarantee review ${v.asOf} (${v.policy.id}): ${v.counts.active} active guarantees, review every ${v.terms.reviewEveryMonths} months`);
  for (const d of v.dueForReview) log(`  due for review: ${d.tenancyId} (since ${d.basis} ${d.since}, due ${d.dueOn}, ${d.daysOverdue} days overdue)`);
  for (const c of v.canEnd) {
    const [income, remarks, debt] = c.checks;
    log(`  can end: ${c.tenancyId} — income ${income.counted} ≥ ${income.required} (${income.multiple} × ${income.rent}), payment remarks ${remarks.count} ≤ ${remarks.max}, housing debt ${debt.housingDebt ? "yes" : "no"}`);
  }
  for (const b of v.breaksTerms) {
    log(`  breaks terms: ${b.tenancyId} — ${b.violations.map((x) => (x.term === "min-months" ? `covers ${x.monthsCovered} months < ${x.minMonths}` : `valid until ${x.validUntil}, after ${x.latestAllowed} (${x.maxYears} years)`)).join("; ")}`);
  }
  for (const e of v.expiringSoon) log(`  expiring: ${e.tenancyId} on ${e.validUntil} (${e.daysLeft} days)`);
  for (const x of v.expired) log(`  expired: ${x.tenancyId} on ${x.validUntil}`);
  for (const h of v.convertToFirstHand) log(`  convert to first hand: ${h.tenancyId} (Housing First, second-hand for ${h.monthsOnSecondHand} months ≥ ${h.thresholdMonths})`);
  return v;
}

if (isMain(import.meta.url)) main();
