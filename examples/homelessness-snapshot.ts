/**
 * The homelessness snapshot of the bundled Örebro batch at its asOf: Socialstyrelsen's situations 1–4, children,
 * long-term homelessness, families in hotel/hostel/shelter (goal zero), discharges, priority groups and the
 * statistics-only gender breakdown. Run: npx tsx examples/homelessness-snapshot.ts
 */
import { readFileSync } from "node:fs";
import { type HomelessnessSnapshot, snapshotFromInput } from "../src/followup/index.js";
import { HOUSING_SITUATIONS } from "../src/model/enums.js";
import { dataFile, isMain } from "./run-if-main.js";

export function main(log: (line: string) => void = console.log): HomelessnessSnapshot {
  const r = snapshotFromInput(JSON.parse(readFileSync(dataFile("orebro-batch.json"), "utf8")), { byGender: true });
  if (!r.ok) throw new Error(r.issues.map((i) => i.message.en).join("\n"));
  const s = r.value;
  log(`Homelessness snapshot ${s.asOf} (${s.policy.id}): ${s.population.households} households, ${s.population.persons} persons`);
  for (const x of HOUSING_SITUATIONS) log(`  ${x}: ${s.bySituation[x].households} households, ${s.bySituation[x].persons} persons, ${s.bySituation[x].children} children`);
  log(`Homeless (situations 1–4): ${s.homeless.households} households, ${s.homeless.children} children; children affected incl. eviction risk: ${s.childrenAffected}`);
  log(`Homeless more than six months: ${s.homelessOverSixMonths.households} households`);
  log(`Families with children in hotel/hostel/shelter: ${s.familiesInHotelHostelShelter.households} (goal ${s.familiesInHotelHostelShelter.goal})`);
  log(`Leaving an institution within three months without a home: ${s.institutionDischargeWithinThreeMonths.households}`);
  for (const g of s.byPriorityGroup) log(`  group ${g.id ?? "(none)"}: ${g.households} households`);
  if (s.byGender) log(`Persons by gender (statistics only): ${Object.entries(s.byGender.persons).map(([k, n]) => `${k} ${n}`).join(", ")}`);
  return s;
}

if (isMain(import.meta.url)) main();
