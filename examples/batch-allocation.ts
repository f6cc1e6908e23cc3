/**
 * Batch allocation of the bundled Örebro batch (300 households, 61 vacancies): who is proposed which apartment,
 * and why the others went without. Run: npx tsx examples/batch-allocation.ts
 */
import { readFileSync } from "node:fs";
import { allocate } from "../src/mechanisms/allocate.js";
import type { AllocationResult } from "../src/model/result.js";
import { dataFile, isMain } from "./run-if-main.js";

export function main(log: (line: string) => void = console.log): AllocationResult {
  const input = JSON.parse(readFileSync(dataFile("orebro-batch.json"), "utf8")) as unknown;
  const result = allocate(input);
  if (!result.ok) throw new Error(result.issues.map((i) => i.message.en).join("\n"));
  const r = result.value;
  log(`Policy ${r.audit.policy.id}@${r.audit.policy.version}, asOf ${r.audit.asOf}, seed ${r.audit.seed}`);
  log(`Proposals: ${r.proposals.length} · not housed: ${r.unmatchedHouseholds.length} · vacancies not let: ${r.unfilledApartments.length}`);
  for (const p of r.proposals.slice(0, 5)) {
    log(`  ${p.householdId} → ${p.apartmentId} (choice ${p.choiceRank}, ${p.lettingRule}${p.rentGuaranteeRequired ? ", with rent guarantee" : ""})`);
  }
  const first = r.unmatchedHouseholds[0];
  if (first) log(`  ${first.householdId} not housed: ${first.reasons.map((x) => (x.code === "no-choices" ? x.code : `${x.apartmentId} ${x.code}${x.code === "ineligible" ? ` (${x.failed.join(", ")})` : ""}`)).join("; ")}`);
  return r;
}

if (isMain(import.meta.url)) main();
