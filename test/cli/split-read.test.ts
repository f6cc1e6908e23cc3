import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { afterAll, describe, expect, it } from "vitest";
import { generateBenchInput } from "../../bench/generate.js";
import { canonicalHash } from "../../src/audit/canonical.js";
import { readRun } from "../../src/cli/commands/allocate.js";
import type { CliIo } from "../../src/cli/io.js";
import { nodeIo } from "../../src/cli/run.js";
import { SPLIT_MIN_BYTES, cutOf, readInHalves } from "../../src/cli/split-read.js";
import type { Run } from "../../src/mechanisms/allocate.js";
import type { ReaderHalf } from "../../src/mechanisms/ndjson-run.js";
import { deferredAcceptance } from "../../src/mechanisms/deferred-acceptance.js";
import { resultLines } from "../../src/mechanisms/stream.js";
import { toNdjsonLines } from "../../src/model/ndjson.js";

type Doc = Parameters<typeof toNdjsonLines>[0] & { households: { id: string; members: unknown[] }[] };

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), "bostad-forst-split-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const write = (name: string, text: string): string => {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
};
const linesOf = (doc: Doc): string[] => [...toNdjsonLines(doc)];
/** The same commands' io reading in two threads from any size on, and in one thread only. */
const { readInHalves: _, ...oneThread } = nodeIo;
const split: CliIo = { ...nodeIo, readInHalves: (source) => readInHalves(source, undefined, 0) };
const lines = (run: Run): string[] => [...resultLines(run, deferredAcceptance(run.prepared.compiled), { detail: "decisions" })];

const doc = generateBenchInput({ households: 3000, apartments: 150, choices: 8, seed: "split" }) as Doc;

describe("a large NDJSON input read in two threads (src/cli/split-read.ts)", () => {
  it("gives one thread's run, hash and result lines, with or without a byte-order mark, CRLF line ends and blank lines", async () => {
    const text = linesOf(doc);
    const files = {
      plain: `${text.join("\n")}\n`,
      "bom-crlf": `\ufeff${text.join("\r\n")}\r\n`,
      blank: `\n${text.join("\n\n")}\n\n`,
    };
    const reference = await readRun(write("reference.ndjson", files.plain), oneThread);
    if (!reference.ok) throw new Error("the generated input is valid");
    expect(reference.value.rawSha256).toBe(canonicalHash(doc));
    const expected = lines(reference.value);
    for (const [name, content] of Object.entries(files)) {
      const file = write(`${name}.ndjson`, content);
      const halves = await readInHalves(file, undefined, 0);
      expect(halves, name).toBeDefined();
      expect(halves!.inputSha256).toBe(reference.value.rawSha256);
      expect(halves!.run.prepared.households.length).toBe(doc.households.length);
      const got = await readRun(file, split);
      expect(got.ok && lines(got.value)).toEqual(expected);
    }
  });

  it("hands an input with any issue to one thread, which reports exactly its issues with their line numbers", async () => {
    const text = linesOf(doc);
    const first = 1 + doc.apartments.length;
    const late = text.length - 5;
    const edited = (edit: (copy: string[]) => void): string => {
      const copy = [...text];
      edit(copy);
      return `${copy.join("\n")}\n`;
    };
    const withHousehold = (at: number, change: (h: Doc["households"][number]) => void) => (copy: string[]) => {
      const line = JSON.parse(copy[at]!) as { household: Doc["households"][number] };
      change(line.household);
      copy[at] = JSON.stringify(line);
    };
    const cases = {
      "a line that is not JSON, late": edited((c) => c.splice(late, 0, "{not json")),
      "an invalid household, early": edited(withHousehold(first + 2, (h) => (h.members = []))),
      "an invalid household, late": edited(withHousehold(late, (h) => (h.members = []))),
      "an id repeated across the halves": edited(withHousehold(late, (h) => (h.id = doc.households[0]!.id))),
      "an apartment line among the late households": edited((c) => c.splice(late, 0, c[1]!)),
    };
    for (const [name, content] of Object.entries(cases)) {
      const file = write("invalid.ndjson", content);
      expect(await readInHalves(file, undefined, 0), name).toBeUndefined();
      const reference = await readRun(file, oneThread);
      expect(reference.ok, name).toBe(false);
      expect(await readRun(file, split), name).toEqual(reference);
    }
  });

  it("leaves files below the threshold, missing files and files without a line after the middle to one thread", async () => {
    const file = write("small.ndjson", `${linesOf(doc).join("\n")}\n`);
    expect(statSync(file).size).toBeLessThan(SPLIT_MIN_BYTES);
    expect(await readInHalves(file)).toBeUndefined();
    expect(await readInHalves(join(tmp, "missing.ndjson"), undefined, 0)).toBeUndefined();
    const oneLine = write("one-line.ndjson", JSON.stringify({ schemaVersion: 1 }));
    expect(await readInHalves(oneLine, undefined, 0)).toBeUndefined();
  });
});

describe("the built CLI reads an NDJSON input above the threshold in two threads", () => {
  // test/setup/build.ts has built dist/ before this file runs: this runs the bundled half-worker.js.
  it("and writes the result and the input hash of one thread", async () => {
    const big = generateBenchInput({ households: 85_000, apartments: 2000, choices: 20, seed: "split-big" }) as Doc;
    const input = write("big.ndjson", `${linesOf(big).join("\n")}\n`);
    expect(statSync(input).size).toBeGreaterThanOrEqual(SPLIT_MIN_BYTES);
    const out = join(tmp, "big-result.ndjson");
    const r = spawnSync(process.execPath, [join(ROOT, "dist", "cli", "main.js"), "allocate", input, "--out", out, "--detail", "decisions"], { encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    const reference = await readRun(input, oneThread);
    if (!reference.ok) throw new Error("the generated input is valid");
    expect(reference.value.rawSha256).toBe(canonicalHash(big));
    const written = readFileSync(out, "utf8");
    expect(written === `${lines(reference.value).join("\n")}\n`).toBe(true);
    // The bundled worker itself reads the households after the cut (the CLI would fall back to one thread without it).
    const size = statSync(input).size;
    const cut = (await cutOf(input, size))!;
    const worker = new Worker(join(ROOT, "dist", "cli", "half-worker.js"), { workerData: { path: input, cut, size } });
    const share = await new Promise<ReaderHalf | null>((resolve, reject) => {
      worker.once("message", resolve);
      worker.once("error", reject);
    });
    await worker.terminate();
    const after = readFileSync(input).subarray(cut).toString("utf8").split("\n").filter((line) => line !== "").length;
    expect(share?.part.households).toBe(after);
    expect(after).toBeGreaterThan(30_000);
  }, 120_000);
});
