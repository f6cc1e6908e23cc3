/** Runs one scenario in this process and prints its figures as one JSON line (see bench/run.ts). */
import { readFileSync } from "node:fs";
import { SCENARIOS, fromJsonFile, fromNdjsonFile, instanceFile, municipal, rssMb } from "./scenarios.js";
import { generateBenchInput } from "./generate.js";

const [scenario, repeatText] = process.argv.slice(2);
const repeat = Number(repeatText ?? "3");
const runs: Record<string, number>[] = [];

if (scenario === "municipal") {
  const raw = generateBenchInput(SCENARIOS.municipal);
  municipal(raw); // warm-up: JIT and caches, not counted
  for (let i = 0; i < repeat; i++) runs.push(municipal(raw));
} else if (scenario === "json100k") {
  const path = await instanceFile(SCENARIOS.json100k, "json");
  readFileSync(path); // page cache
  for (let i = 0; i < repeat; i++) runs.push(await fromJsonFile(path));
} else if (scenario === "queue1m") {
  const path = await instanceFile(SCENARIOS.queue1m, "ndjson");
  for (let i = 0; i < repeat; i++) runs.push(await fromNdjsonFile(path));
} else {
  throw new Error(`unknown scenario ${String(scenario)}`);
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const figures: Record<string, number> = {};
for (const key of Object.keys(runs[0] ?? {})) figures[key] = Math.round(median(runs.map((r) => r[key]!)));
process.stdout.write(`${JSON.stringify({ scenario, runs: runs.length, figures, maxRssMb: rssMb() })}\n`);
