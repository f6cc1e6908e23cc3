import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { generateBenchInput } from "../../bench/generate.js";
import { canonicalHash } from "../../src/audit/canonical.js";
import { readRun } from "../../src/cli/commands/allocate.js";
import { WORKER_HASH_MIN_BYTES, hashInputFile, hashInputFileInWorker, startInputHash } from "../../src/cli/input-hash.js";
import { nodeIo } from "../../src/cli/run.js";
import { validateAndPrepare } from "../../src/mechanisms/allocate.js";
import { deferredAcceptance } from "../../src/mechanisms/deferred-acceptance.js";
import { resultLines } from "../../src/mechanisms/stream.js";
import { toNdjsonLines } from "../../src/model/ndjson.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const doc = JSON.parse(readFileSync(join(ROOT, "examples", "data", "orebro-batch.json"), "utf8")) as { households: unknown[]; apartments: unknown[] } & Record<string, unknown>;
const tmp = mkdtempSync(join(tmpdir(), "bostad-forst-hash-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const expected = canonicalHash(doc);
const write = (name: string, text: string): string => {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
};
const ndjson = (d: typeof doc): string => `${[...toNdjsonLines(d)].join("\n")}\n`;

describe("the input hash outside the engine (CLI worker thread)", () => {
  it("of a JSON file and of the same document as NDJSON equals the engine's canonical hash, with or without a BOM", async () => {
    const json = write("in.json", JSON.stringify(doc, null, 2));
    const lines = write("in.ndjson", ndjson(doc));
    const bom = write("bom.ndjson", `\ufeff${ndjson(doc)}\n\n`);
    expect(await hashInputFile(json, "json")).toBe(expected);
    expect(await hashInputFile(lines, "ndjson")).toBe(expected);
    expect(await hashInputFile(bom, "ndjson")).toBe(expected);
    const run = validateAndPrepare(doc);
    expect(run.ok && run.value.rawSha256).toBe(expected);
  });

  it("is computed the same in a worker thread", async () => {
    const json = write("w.json", JSON.stringify(doc));
    const lines = write("w.ndjson", ndjson(doc));
    expect(await hashInputFileInWorker(json, "json").result).toBe(expected);
    expect(await hashInputFileInWorker(lines, "ndjson").result).toBe(expected);
  });

  it("is undefined for files that are not an input (validation reports them; nothing is hashed)", async () => {
    expect(await hashInputFile(write("bad.json", "{"), "json")).toBeUndefined();
    expect(await hashInputFile(write("bad.ndjson", '{"schemaVersion":1}\n{"tenant":{}}\n'), "ndjson")).toBeUndefined();
    expect(await hashInputFileInWorker(join(tmp, "missing.json"), "json").result).toBeUndefined();
  });

  it("uses a worker only for files of at least the threshold, never for standard input", async () => {
    const small = write("small.json", JSON.stringify(doc));
    expect(await startInputHash(small, "json")).toBeUndefined();
    expect(await startInputHash("-", "json", 0)).toBeUndefined();
    const pending = await startInputHash(small, "json", 0);
    expect(await pending?.result).toBe(expected);
    expect(WORKER_HASH_MIN_BYTES).toBeGreaterThan(readFileSync(small).length);
  });

  it("readRun gives the same run with the hash from a worker as without (JSON and NDJSON)", async () => {
    const json = write("r.json", JSON.stringify(doc));
    const lines = write("r.ndjson", ndjson(doc));
    const withWorker = { ...nodeIo, hashInput: (s: string, f: "json" | "ndjson") => startInputHash(s, f, 0) };
    const { hashInput: _, ...noWorker } = nodeIo;
    for (const source of [json, lines]) {
      const a = await readRun(source, withWorker);
      const b = await readRun(source, noWorker);
      expect(a.ok && a.value.rawSha256).toBe(expected);
      expect(b.ok && b.value.rawSha256).toBe(expected);
    }
  });

  it("an invalid input read with a worker reports its issues and stops the worker", async () => {
    const bad = { ...doc, households: [{ ...(doc.households[0] as object), members: [] }, ...doc.households.slice(1)] };
    const withWorker = { ...nodeIo, hashInput: (s: string, f: "json" | "ndjson") => startInputHash(s, f, 0) };
    const r = await readRun(write("invalid.ndjson", ndjson(bad)), withWorker);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]?.path.slice(0, 3)).toEqual(["line", 2 + doc.apartments.length, "household"]);
  });
});

describe("the built CLI hashes a large input in its worker", () => {
  // test/setup/build.ts has built dist/ before this file runs; the input is above the worker threshold.
  const big = generateBenchInput({ households: 12_000, apartments: 600, choices: 10, seed: "worker-hash" }) as typeof doc;
  it("and records the engine's canonical hash in the result", () => {
    const input = write("big.ndjson", ndjson(big));
    expect(readFileSync(input).length).toBeGreaterThanOrEqual(WORKER_HASH_MIN_BYTES);
    const out = join(tmp, "big-result.ndjson");
    const r = spawnSync(process.execPath, [join(ROOT, "dist", "cli", "main.js"), "allocate", input, "--out", out], { encoding: "utf8" });
    expect(r.status).toBe(0);
    expect(r.stderr).not.toContain("hash worker failed");
    const written = readFileSync(out, "utf8");
    const header = JSON.parse(written.split("\n", 1)[0]!) as { audit: { inputSha256: string } };
    expect(header.audit.inputSha256).toBe(canonicalHash(big));
    // The CLI's writer gathers lines into chunks of about 1 MB; the file, many chunks long, is exactly the stream.
    const run = validateAndPrepare(big);
    if (!run.ok) throw new Error("the generated input is valid");
    const lines = [...resultLines(run.value, deferredAcceptance(run.value.prepared.compiled))];
    expect(written.length).toBeGreaterThan(4 << 20);
    expect(written).toBe(`${lines.join("\n")}\n`);
  }, 60_000);
});
