import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { serializeResult } from "../../src/audit/serialize.js";
import { verifyBytes } from "../../src/audit/verify.js";
import { LARGE_DOCUMENT_BYTES, verifyLargeDocument } from "../../src/cli/commands/verify.js";
import { run } from "../../src/cli/run.js";
import { allocate, rank } from "../../src/mechanisms/allocate.js";
import { memoryIo } from "./helpers.js";

const exampleText = readFileSync(new URL("../../examples/data/orebro-batch.json", import.meta.url), "utf8");
const example = JSON.parse(exampleText) as Record<string, unknown>;

function documentOf(result: { ok: true; value: unknown } | { ok: false }): string {
  if (!result.ok) throw new Error("the example does not allocate");
  return serializeResult(result.value);
}

const full = documentOf(allocate(example));
const decisions = documentOf(allocate(example, { detail: "decisions" }));
const ranking = documentOf(rank(example));

/** The bytes of `text` in chunks of `size` (a chunk boundary anywhere, even inside a character). */
async function* chunksOf(text: string | Uint8Array, size = 4096): AsyncGenerator<Uint8Array> {
  const bytes = typeof text === "string" ? new TextEncoder().encode(text) : text;
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

/** A memory io whose result file reports `size` (a large file, without writing one) and streams the given text. */
function ioWith(resultText: string | Uint8Array, size = LARGE_DOCUMENT_BYTES) {
  const io = memoryIo({ "in.json": exampleText });
  io.readBytes = async (path: string) => (path === "result.json" ? { size, chunks: chunksOf(resultText, 3001) } : undefined);
  return io;
}

const lines = (text: string): string[] => text.slice(0, -1).split("\n");

describe("verifyBytes: a document's bytes against the re-run's lines", () => {
  it("is identical for the exact bytes, in chunks of any size, with a byte-order mark or without", async () => {
    for (const size of [7, 4096, 1 << 20]) {
      expect(await verifyBytes(lines(full), chunksOf(full, size), "deferred-acceptance")).toEqual({ status: "identical", mechanism: "deferred-acceptance", bytes: Buffer.byteLength(full) });
    }
    expect(await verifyBytes(lines(ranking).slice(0, 400), chunksOf(`${lines(ranking).slice(0, 400).join("\n")}\n`, 1), "offer-order")).toMatchObject({ status: "identical" });
    expect(await verifyBytes(lines(full), chunksOf(`\uFEFF${full}`), "deferred-acceptance")).toMatchObject({ status: "identical" });
  });

  it("skips a byte-order mark split over the first chunks, and only a whole one at the start", async () => {
    // Chunks of one and two bytes, and empty chunks before them: the mark's three bytes arrive apart.
    for (const size of [1, 2]) {
      expect(await verifyBytes(lines(full), chunksOf(`\uFEFF${full}`, size), "deferred-acceptance")).toMatchObject({ status: "identical" });
    }
    async function* withEmpty(): AsyncGenerator<Uint8Array> {
      yield new Uint8Array(0);
      yield Uint8Array.of(0xef);
      yield new Uint8Array(0);
      yield* chunksOf(new TextEncoder().encode(`\uFEFF${full}`).subarray(1), 4096);
    }
    expect(await verifyBytes(lines(full), withEmpty(), "deferred-acceptance")).toMatchObject({ status: "identical" });
    // Two marks: the second is the document's own first bytes, which differ from the re-run's.
    expect(await verifyBytes(lines(full), chunksOf(`\uFEFF\uFEFF${full}`, 2), "deferred-acceptance")).toMatchObject({ status: "differs", path: ["line", 1] });
    // A mark and nothing else, and fewer bytes than a mark: the document's lines are missing.
    expect(await verifyBytes(["{"], chunksOf("\uFEFF", 1), "deferred-acceptance")).toMatchObject({ status: "differs", path: ["line", 1], expected: "(a missing line)" });
    expect(await verifyBytes(["{"], chunksOf("{", 1), "deferred-acceptance")).toMatchObject({ status: "differs", path: ["line", 1], expected: "{", received: "{" });
    expect(await verifyBytes([], chunksOf("", 1), "deferred-acceptance")).toMatchObject({ status: "identical", bytes: 0 });
  });

  it("reports the first differing line with both lines: a changed value, CRLF line ends, no final newline", async () => {
    const at = full.indexOf('"choiceRank": ') + '"choiceRank": '.length;
    const changed = `${full.slice(0, at)}9${full.slice(at + 1)}`;
    const n = full.slice(0, at).split("\n").length;
    const outcome = await verifyBytes(lines(full), chunksOf(changed, 5), "deferred-acceptance");
    expect(outcome).toEqual({ status: "differs", path: ["line", n], expected: lines(full)[n - 1], received: lines(changed)[n - 1], reason: "value" });
    expect(await verifyBytes(lines(full), chunksOf(full.replaceAll("\n", "\r\n")), "deferred-acceptance")).toMatchObject({ status: "differs", path: ["line", 1], expected: "{", received: "{\r" });
    expect(await verifyBytes(lines(full), chunksOf(full.slice(0, -1)), "deferred-acceptance")).toMatchObject({ status: "differs", path: ["line", lines(full).length], expected: "}", received: "}" });
  });

  it("reports a missing line and an extra line as verifyLines does", async () => {
    const all = lines(full);
    const cut = `${all.slice(0, 10).join("\n")}\n`;
    expect(await verifyBytes(all, chunksOf(cut), "deferred-acceptance")).toEqual({ status: "differs", path: ["line", 11], expected: "(a missing line)", received: null, reason: "value" });
    expect(await verifyBytes(all, chunksOf(`${full}{}\n`), "deferred-acceptance")).toEqual({ status: "differs", path: ["line", all.length + 1], expected: null, received: "(an extra line)", reason: "value" });
  });

  it("shows a received line with characters of several bytes whole, whatever the chunks", async () => {
    const expected = ['{ "note": "åäö" }'];
    const outcome = await verifyBytes(expected, chunksOf('{ "note": "åäx €" }\n', 1), "deferred-acceptance");
    expect(outcome).toMatchObject({ status: "differs", path: ["line", 1], received: '{ "note": "åäx €" }' });
  });
});

describe("verify of a large JSON result document (streamed)", () => {
  it.each([
    ["an allocation at full", full, "deferred-acceptance"],
    ["an allocation at decisions", decisions, "deferred-acceptance"],
    ["a ranking", ranking, "offer-order"],
  ] as const)("%s: identical, from the audit record at its top", async (_, text, mechanism) => {
    const outcome = await verifyLargeDocument("in.json", "result.json", ioWith(text));
    expect(outcome).toEqual({ status: "identical", mechanism, bytes: Buffer.byteLength(text) });
  });

  it("a decisions document replayed at full (its audit.detail removed) differs at that line", async () => {
    const unlabelled = decisions.replace('    "mechanism": "deferred-acceptance",\n    "detail": "decisions"\n', '    "mechanism": "deferred-acceptance"\n');
    expect(unlabelled).not.toBe(decisions);
    expect(await verifyLargeDocument("in.json", "result.json", ioWith(unlabelled))).toMatchObject({ status: "differs", path: ["line", expect.any(Number)] });
  });

  it("leaves a small file, standard input and a file that is not a result document to the whole-text comparison", async () => {
    expect(await verifyLargeDocument("in.json", "result.json", ioWith(full, LARGE_DOCUMENT_BYTES - 1))).toBeUndefined();
    expect(await verifyLargeDocument("in.json", "-", ioWith(full))).toBeUndefined();
    expect(await verifyLargeDocument("in.json", "result.json", ioWith('{\n  "x": 1\n}\n'))).toBeUndefined();
  });

  it("reads nothing of a small file, and leaves a file whose bytes cannot be read to the whole-text comparison", async () => {
    let started = false;
    const small = memoryIo({ "in.json": exampleText });
    small.readBytes = async () => ({
      size: LARGE_DOCUMENT_BYTES - 1,
      chunks: (async function* () {
        started = true;
        yield new Uint8Array(0);
      })(),
    });
    expect(await verifyLargeDocument("in.json", "result.json", small)).toBeUndefined();
    expect(started).toBe(false);
    const unreadable = memoryIo({ "in.json": exampleText });
    unreadable.readBytes = async () => ({
      size: LARGE_DOCUMENT_BYTES,
      chunks: (async function* () {
        throw Object.assign(new Error("EACCES: permission denied"), { code: "EACCES" });
      })(),
    });
    expect(await verifyLargeDocument("in.json", "result.json", unreadable)).toBeUndefined();
  });

  it("gives the input's issues when the input is invalid", async () => {
    const io = ioWith(full);
    io.files["in.json"] = JSON.stringify({ ...example, households: [{}] });
    expect(await verifyLargeDocument("in.json", "result.json", io)).toMatchObject({ status: "invalid", issues: expect.arrayContaining([expect.objectContaining({ path: expect.arrayContaining(["households", 0]) })]) });
  });

  it("bostad-forst verify takes this way for a large file: identical (0), a changed line (3)", async () => {
    const same = ioWith(full);
    expect(await run(["verify", "in.json", "result.json"], same)).toBe(0);
    expect(JSON.parse(same.out)).toEqual({ ok: true, status: "identical", mechanism: "deferred-acceptance", bytes: Buffer.byteLength(full) });
    const changed = ioWith(full.replace('"seed": "orebro-2026-w47"', '"seed": "orebro-2026-w48"'));
    expect(await run(["verify", "in.json", "result.json"], changed)).toBe(3);
    expect(JSON.parse(changed.out)).toMatchObject({ ok: true, status: "differs", path: ["line", expect.any(Number)], received: expect.stringContaining("w48") });
  });
});
