/**
 * Benchmark scenarios (DESIGN section 10), each run in its own child process by bench/run.ts so that peak RSS
 * is the scenario's own. Every scenario prints one JSON line: { scenario, figures: { name: ms }, maxRssMb }.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync, createWriteStream } from "node:fs";
import { once } from "node:events";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { explainHousehold } from "../src/explain/index.js";
import { allocate, buildResult, validateAndPrepare } from "../src/mechanisms/allocate.js";
import { serializeResult } from "../src/audit/serialize.js";
import { deferredAcceptance } from "../src/mechanisms/deferred-acceptance.js";
import { toNdjsonLines } from "../src/model/ndjson.js";
import { type BenchOptions, generateBenchInput } from "./generate.js";

const OUT = resolve(fileURLToPath(new URL(".", import.meta.url)), "out");
const now = (): number => performance.now();
const rssMb = (): number => Math.round(process.resourceUsage().maxRSS / 1024);

/** Writes (once) and returns the path of a generated instance as JSON or NDJSON. */
export async function instanceFile(o: BenchOptions, format: "json" | "ndjson"): Promise<string> {
  mkdirSync(OUT, { recursive: true });
  const path = resolve(OUT, `instance-${o.households}x${o.apartments}x${o.choices}.${format}`);
  if (existsSync(path)) return path;
  const doc = generateBenchInput(o) as { households: unknown[]; apartments: unknown[] } & Record<string, unknown>;
  if (format === "json") writeFileSync(path, JSON.stringify(doc));
  else {
    const out = createWriteStream(path);
    for (const line of toNdjsonLines(doc)) if (!out.write(`${line}\n`)) await once(out, "drain");
    out.end();
    await once(out, "finish");
  }
  return path;
}

/** Municipal batch: validate → allocate → caseworker explanations for every household (what `allocate` returns). */
export function municipal(raw: unknown): Record<string, number> {
  const t0 = now();
  const result = allocate(raw);
  if (!result.ok) throw new Error(JSON.stringify(result.issues.slice(0, 3)));
  const t1 = now();
  const text = serializeResult(result.value);
  const t2 = now();
  // One household's explanation with every counterfactual verified by re-running the mechanism (the `explain` path).
  const run = validateAndPrepare(raw);
  if (!run.ok) throw new Error("invalid");
  const unmatched = result.value.unmatchedHouseholds.find((u) => u.reasons.some((r) => r.code === "outranked"));
  const t3 = now();
  if (unmatched) explainHousehold(run.value, result.value, unmatched.householdId, { audience: "household" });
  const t4 = now();
  return { total: t1 - t0, serialize: t2 - t1, resultMb: Math.round(text.length / 1e6), oneExplanationAllCounterfactuals: t4 - t3 };
}

/** One JSON file end to end, against JSON.parse of the same text in the same process. */
export function fromJsonFile(path: string): Record<string, number> {
  const text = readFileSync(path, "utf8");
  const p0 = now();
  JSON.parse(text);
  const parseOnly = now() - p0;
  const t0 = now();
  const raw = JSON.parse(text);
  const run = validateAndPrepare(raw);
  if (!run.ok) throw new Error(JSON.stringify(run.issues.slice(0, 3)));
  const t1 = now();
  const matching = deferredAcceptance(run.value.prepared.compiled);
  const t2 = now();
  const result = buildResult(run.value, matching);
  const t3 = now();
  return { jsonParse: parseOnly, validateAndPrepare: t1 - t0, deferredAcceptance: t2 - t1, buildResult: t3 - t2, total: t3 - t0, proposals: result.proposals.length };
}

export const SCENARIOS = {
  municipal: { households: 5_000, apartments: 1_000, choices: 10 },
  json100k: { households: 100_000, apartments: 5_000, choices: 10 },
  queue1m: { households: 1_000_000, apartments: 20_000, choices: 20 },
} as const satisfies Record<string, BenchOptions>;

export { rssMb };
