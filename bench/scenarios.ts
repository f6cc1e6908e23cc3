/**
 * Benchmark scenarios (DESIGN section 10), each run in its own child process by bench/run.ts so that peak RSS
 * is the scenario's own. Every scenario prints one JSON line: { scenario, figures: { name: ms }, maxRssMb }.
 */
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { once } from "node:events";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { explainHousehold, explainInRun } from "../src/explain/index.js";
import { readRun, writeResultLines } from "../src/cli/commands/allocate.js";
import { type CliIo, writeThrough } from "../src/cli/io.js";
import { nodeIo } from "../src/cli/run.js";
import { type Run, allocate, validateAndPrepare } from "../src/mechanisms/allocate.js";
import type { Detail } from "../src/model/result.js";
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
  const text = JSON.stringify(raw);
  const f0 = now();
  JSON.parse(text);
  const jsonParse = now() - f0;
  const t0 = now();
  const result = allocate(raw);
  if (!result.ok) throw new Error(JSON.stringify(result.issues.slice(0, 3)));
  const t1 = now();
  const resultText = serializeResult(result.value);
  const t2 = now();
  // One household's explanation with every counterfactual verified by re-running the mechanism (the `explain` path).
  const run = validateAndPrepare(raw);
  if (!run.ok) throw new Error("invalid");
  const unmatched = result.value.unmatchedHouseholds.find((u) => u.reasons.some((r) => r.code === "outranked"));
  const t3 = now();
  if (unmatched) explainHousehold(run.value, result.value, unmatched.householdId, { audience: "household" });
  const t4 = now();
  return { jsonParse, total: t1 - t0, serialize: t2 - t1, resultMb: Math.round(resultText.length / 1e6), oneExplanationAllCounterfactuals: t4 - t3 };
}

/** Streams a run's NDJSON result to a file with the CLI's writer (what `allocate … --out result.ndjson [--detail …]` writes). */
async function writeResult(path: string, run: Run, matching: ReturnType<typeof deferredAcceptance>, detail: Detail): Promise<number> {
  const writer = benchIo.openWriter!(path);
  await writeThrough(writer, () => writeResultLines(run, matching, detail, writer));
  return Math.round(statSync(path).size / 1e6);
}

/** The CLI's io without progress output: input read as the CLI reads it (a large NDJSON file in two threads, a JSON file with its hash in a worker). */
const benchIo: CliIo = { ...nodeIo, progress: () => undefined };

/** Reads, validates and prepares a file exactly as `bostad-forst allocate` does. */
async function cliRun(path: string): Promise<Run> {
  const run = await readRun(path, benchIo);
  if (!run.ok) throw new Error(JSON.stringify(run.issues.slice(0, 3)));
  return run.value;
}

/**
 * One JSON file end to end as the CLI runs it (read, parse, validate and prepare while a worker hashes the input,
 * match, stream the result at each detail level), against JSON.parse of the same text in the same process.
 */
export async function fromJsonFile(path: string): Promise<Record<string, number>> {
  const text = readFileSync(path, "utf8");
  const p0 = now();
  JSON.parse(text);
  const parseOnly = now() - p0;
  const t0 = now();
  const run = await cliRun(path);
  const t1 = now();
  const matching = deferredAcceptance(run.prepared.compiled);
  const t2 = now();
  const decisionsMb = await writeResult(resolve(OUT, "result-json100k-decisions.ndjson"), run, matching, "decisions");
  const t3 = now();
  const fullMb = await writeResult(resolve(OUT, "result-json100k-full.ndjson"), run, matching, "full");
  const t4 = now();
  const head = t2 - t0;
  return { jsonParse: parseOnly, readValidatePrepare: t1 - t0, deferredAcceptance: t2 - t1, writeDecisions: t3 - t2, writeFull: t4 - t3, totalDecisions: head + (t3 - t2), totalFull: head + (t4 - t3), decisionsMb, fullMb };
}

/**
 * National scale from an NDJSON file as the CLI runs it: read, validate and prepare line by line in two threads, each
 * half of the households (src/cli/split-read.ts), match, stream the result at detail "decisions" (the full contract
 * is ~8 GB at this size; see docs/performance.md), and explain one household with verified counterfactuals.
 */
export async function fromNdjsonFile(path: string): Promise<Record<string, number>> {
  const f0 = now();
  for await (const line of createInterface({ input: createReadStream(path, { encoding: "utf8" }), crlfDelay: Infinity })) JSON.parse(line);
  const floor = now() - f0;
  const t0 = now();
  const run = await cliRun(path);
  const t1 = now();
  const das: number[] = [];
  let matching = deferredAcceptance(run.prepared.compiled);
  for (let i = 0; i < 3; i++) {
    const d0 = now();
    matching = deferredAcceptance(run.prepared.compiled);
    das.push(now() - d0);
  }
  const t2 = now();
  const decisionsMb = await writeResult(resolve(OUT, "result-queue1m-decisions.ndjson"), run, matching, "decisions");
  const t3 = now();
  // A household that lost eligible choices on priority: each priority counterfactual re-runs the matching (from
  // everyone else's matching, computed once for the household; src/explain/counterfactual.ts).
  const p = run.prepared;
  const lostOnPriority = (h: number): boolean => {
    for (let i = p.pairStart[h]!; i < p.pairStart[h + 1]!; i++) if ((p.pairFlags[i]! & 1) !== 0) return true;
    return false;
  };
  let explained = -1;
  for (let h = 0; h < p.households.length && explained === -1; h++) if (matching.apartmentOf[h] === -1 && lostOnPriority(h)) explained = h;
  const e0 = now();
  if (explained !== -1) explainInRun(run, matching, run.prepared.householdIds[explained]!, { audience: "household" });
  const e1 = now();
  const sorted = [...das].sort((a, b) => a - b);
  return {
    lineParseFloor: floor,
    readValidatePrepare: t1 - t0,
    deferredAcceptance: sorted[1]!,
    writeDecisions: t3 - t2,
    totalDecisions: t1 - t0 + sorted[1]! + (t3 - t2),
    decisionsMb,
    oneExplanation: e1 - e0,
    households: run.prepared.households.length,
    pairs: run.prepared.pairApartment.length,
  };
}

export const SCENARIOS = {
  municipal: { households: 5_000, apartments: 1_000, choices: 10 },
  json100k: { households: 100_000, apartments: 5_000, choices: 10 },
  queue1m: { households: 1_000_000, apartments: 20_000, choices: 20 },
} as const satisfies Record<string, BenchOptions>;

export { rssMb };
