/**
 * Where the time of a large NDJSON run goes, phase by phase, all in this one thread (the CLI hashes in a second
 * thread beside validation and preparation): `npx tsx bench/phases.ts [instance.ndjson]`. The default instance is
 * `npm run bench -- queue1m`'s, written by that scenario. Prints one JSON line of milliseconds (and MB written).
 * A report like the bench's, not a test: nothing is asserted.
 */
import { createReadStream, existsSync, statSync } from "node:fs";
import { createInterface } from "node:readline";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { writeResultLines } from "../src/cli/commands/allocate.js";
import { hashInputFile } from "../src/cli/input-hash.js";
import { writeThrough } from "../src/cli/io.js";
import { nodeIo } from "../src/cli/run.js";
import { checkDesignations } from "../src/mechanisms/designations.js";
import { deferredAcceptance } from "../src/mechanisms/deferred-acceptance.js";
import { prepare } from "../src/mechanisms/prepare.js";
import { NdjsonAssembler } from "../src/model/ndjson.js";
import { parseParts } from "../src/model/parse.js";

const OUT = resolve(fileURLToPath(new URL(".", import.meta.url)), "out");
const path = process.argv[2] ?? resolve(OUT, "instance-1000000x20000x20.ndjson");
if (!existsSync(path)) throw new Error(`${path} does not exist: run \`npm run bench -- queue1m\` first, or name an NDJSON instance`);

const lines = async function* (): AsyncGenerator<string> {
  yield* createInterface({ input: createReadStream(path, { encoding: "utf8" }), crlfDelay: Infinity });
};
const now = (): number => performance.now();
const figures: Record<string, number> = {};
const time = async <T>(name: string, work: () => T | Promise<T>): Promise<T> => {
  const t0 = now();
  const value = await work();
  figures[name] = Math.round(now() - t0);
  return value;
};

await time("readAndParseLines", async () => {
  for await (const line of lines()) JSON.parse(line);
});
const assembled = await time("readParseAndValidateRecords", async () => {
  const assembler = new NdjsonAssembler({ hash: false });
  let n = 0;
  for await (const line of lines()) assembler.push(line, ++n);
  return assembler.finish();
});
if (!assembled.ok) throw new Error(JSON.stringify(assembled.issues.slice(0, 3)));
const parsed = await time("policyAndCrossRecordChecks", () => parseParts(assembled.parts, ["line", 1]));
if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues.slice(0, 3)));
const input = parsed.value;
const caps = await time("caps", () => checkDesignations(input.apartments, input.stock, input.policy));
const prepared = await time("prepare", () => prepare(input));
const matching = await time("deferredAcceptance", () => deferredAcceptance(prepared.compiled));
await time("canonicalInputHash", () => hashInputFile(path, "ndjson"));
const run = { input, designations: caps.usage, prepared, rawSha256: "0".repeat(64) };
const result = resolve(OUT, "phases-decisions.ndjson");
const writer = nodeIo.openWriter!(result);
await time("writeDecisions", () => writeThrough(writer, () => writeResultLines(run, matching, "decisions", writer)));
console.log(JSON.stringify({ instance: path, households: input.households.length, pairs: prepared.pairApartment.length, figures, writtenMb: Math.round(statSync(result).size / 1e6), maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
