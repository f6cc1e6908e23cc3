/**
 * What if Örebro's income-priority vacancies were let by queue time instead of work income first? Runs the bundled
 * batch under both policies and lists who is housed differently, and why. Run: npx tsx examples/what-if.ts
 */
import { readFileSync } from "node:fs";
import { type WhatIfReport, whatIf } from "../src/followup/index.js";
import { dataFile, isMain } from "./run-if-main.js";

/** Örebro with the income-priority rule ordered like the queue (work income no longer first). */
export const INCOME_PRIORITY_OFF = { extends: "orebro", lettingRules: { "income-priority": { order: ["queue-days", "lottery"] } } };

export function main(log: (line: string) => void = console.log): WhatIfReport {
  const r = whatIf(JSON.parse(readFileSync(dataFile("orebro-batch.json"), "utf8")), INCOME_PRIORITY_OFF);
  if (!r.ok) throw new Error(r.issues.map((i) => i.message.en).join("\n"));
  const w = r.value;
  log(`A = ${w.a.id}@${w.a.version} housed ${w.a.housed}; B = income priority off housed ${w.b.housed}`);
  log(`Gained ${w.totals.gained}, lost ${w.totals.lost}, moved ${w.totals.moved}, unchanged ${w.totals.unchanged}`);
  for (const g of w.byGroup) log(`  group ${g.id ?? "(none)"}: +${g.gained} −${g.lost} ~${g.moved}`);
  for (const d of w.byDistrict.filter((x) => x.arrivals + x.departures > 0)) log(`  district ${d.district}: let ${d.lettingsA} → ${d.lettingsB} (arrivals ${d.arrivals}, departures ${d.departures})`);
  for (const c of w.changes) log(`  ${c.householdId} ${c.change} (queue ${c.queueDays} days): ${c.explanation.en}`);
  return w;
}

if (isMain(import.meta.url)) main();
