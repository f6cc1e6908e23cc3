import { canonicalHash } from "../../audit/canonical.js";
import { type Run, type UnhashedRun, validateAndPrepare, validateAndPrepareUnhashed } from "../../mechanisms/allocate.js";
import { type Matching, deferredAcceptance } from "../../mechanisms/deferred-acceptance.js";
import { blockBytes, blocksAt, lineCount, linesData } from "../../mechanisms/lines.js";
import { outcomeIndex } from "../../mechanisms/outcome.js";
import { fullApartmentLines, rankDocumentLines, resultDocumentLines, resultHeader } from "../../mechanisms/stream.js";
import type { Detail } from "../../model/result.js";
import { type Result, issue, ok } from "../../model/issue.js";
import { ndjsonInputHash, withoutBom } from "../../model/ndjson.js";
import { NdjsonRunReader } from "../../mechanisms/ndjson-run.js";
import { type CliIo, EXIT, type ExitCode, type LineWriter, linesOf, readJsonSource, reportIssues, writeEncoded, writeLines, writeThrough, writerOf } from "../io.js";


/** Files named `*.ndjson` or `*.jsonl` are NDJSON (docs/input.md, "Large runs"). */
export const isNdjson = (path: string | undefined): boolean => path !== undefined && /\.(ndjson|jsonl)$/i.test(path);

/**
 * `bostad-forst allocate <input.json|input.ndjson|-> [--out FILE] [--detail full|decisions]`: batch allocation (DESIGN
 * section 4) at a detail level (docs/input.md, "Large runs"). NDJSON input is read line by line; an NDJSON `--out` (or
 * NDJSON input without `--out`) streams the result as NDJSON.
 */
export async function allocateCommand(source: string, out: string | undefined, io: CliIo, detail: Detail = "full"): Promise<ExitCode> {
  // Every input goes through readRun (the same validation as `allocate()`), so a large file is hashed in a worker.
  const run = await readRun(source, io);
  if (!run.ok) {
    io.progress?.("\n");
    reportIssues(run.issues, io);
    return EXIT.invalid;
  }
  const p = run.value.prepared;
  io.progress?.(`bostad-forst: ${p.households.length} hushåll / households, ${p.apartments.length} lägenheter / vacancies, ${p.pairApartment.length} val / choices; matchar / matching …`);
  const matching = deferredAcceptance(p.compiled);
  if (!isNdjson(out) && !(out === undefined && isNdjson(source))) {
    // One JSON document out (from JSON or NDJSON in): exactly `serializeResult(allocate(raw, { detail }).value)`, written
    // line by line, so that a result larger than one string (about 512 MB) is written too.
    io.progress?.("\n");
    const writer = writerOf(out, io);
    await writeThrough(writer, () => writeLines(writer, resultDocumentLines(run.value, matching, detail)));
    if (out !== undefined) io.stderr(`bostad-forst: skrev / wrote ${out}\n`);
    return EXIT.ok;
  }
  const writer = writerOf(out, io);
  const lines = await writeThrough(writer, () => writeResultLines(run.value, matching, detail, writer, io.progress));
  io.progress?.(`bostad-forst: klart / done, ${lines} rader / lines\n`);
  if (out !== undefined) io.stderr(`bostad-forst: skrev / wrote ${out}\n`);
  return EXIT.ok;
}

/**
 * Writes a run's NDJSON result (exactly `resultLines`' lines) through `writer`, a block of encoded lines at a time
 * (src/mechanisms/lines.ts), then at detail "full" the vacancy lines with their keys; the caller closes it (see
 * {@link writeThrough}). Returns the line count.
 */
export async function writeResultLines(run: Run, matching: Matching, detail: Detail, writer: LineWriter, progress?: (text: string) => void): Promise<number> {
  const x = outcomeIndex(run.prepared, matching, false);
  const d = linesData(x, resultHeader(run, detail));
  const blocks = blocksAt(d, detail);
  // Block b + 1 is built while block b is written, each into one of two buffers used in turn: gigabytes of fresh
  // buffers cost the garbage collector more than building them (at 10⁶ households, 3 s of 11).
  const buffers: Uint8Array[] = [new Uint8Array(1 << 20), new Uint8Array(1 << 20)];
  let writing: Promise<void> | undefined;
  for (let b = 0; b < blocks; b++) {
    const bytes = blockBytes(d, b, buffers[b % 2]);
    // Block b - 1's write settles before block b's starts: block b + 1 may then fill b - 1's buffer.
    await writing;
    buffers[b % 2] = new Uint8Array(bytes.buffer);
    writing = writeEncoded(writer, bytes);
    if (b % 64 === 63) progress?.(`bostad-forst: skriver / writing ${b + 1} av / of ${blocks} block …`);
  }
  await writing;
  if (detail === "full") await writeLines(writer, fullApartmentLines(x, d));
  return lineCount(d);
}

/**
 * Reads `<file|->` (JSON, or NDJSON when the file is named so), validates it and prepares the run; NDJSON issue paths
 * name lines. The canonical input hash is computed in a worker thread when the io offers one (large files), while
 * this thread validates; otherwise here.
 */
export async function readRun(source: string, io: CliIo): Promise<Result<Run>> {
  const format = isNdjson(source) ? "ndjson" : "json";
  // A large valid NDJSON file: read in two threads, the input hash with it (otherwise, or on any issue, as below).
  const halves = format === "ndjson" ? await io.readInHalves?.(source, io.progress) : undefined;
  if (halves) return ok({ ...halves.run, rawSha256: halves.inputSha256 });
  const pending = await io.hashInput?.(source, format);
  const read = await readUnhashed(source, io, format === "ndjson" && pending === undefined);
  if (!read.ok) {
    pending?.cancel();
    return read;
  }
  const { run, rawSha256, raw } = read.value;
  if (rawSha256 !== undefined) return ok({ ...run, rawSha256 });
  if (pending) io.progress?.("bostad-forst: väntar på indatans hash / waiting for the input hash …");
  const fromWorker = await pending?.result;
  if (pending && fromWorker === undefined) io.stderr("bostad-forst: hash-tråden misslyckades, hashar här / the hash worker failed, hashing here\n");
  // No worker, or it failed: hash the parsed document (JSON) or read the lines again (NDJSON) in this thread.
  const sha = fromWorker ?? (format === "json" ? canonicalHash(raw) : await ndjsonInputHash(linesOf(source, io)));
  if (sha === undefined) throw new Error("invariant: a valid input has a hash");
  return ok({ ...run, rawSha256: sha });
}

/** A validated run, with its hash when the NDJSON reader streamed it, and the parsed JSON document to hash otherwise. */
type Unhashed = { run: UnhashedRun; rawSha256?: string; raw?: unknown };

/** `streamHash`: hash NDJSON lines while reading them (no worker); a JSON document is hashed by the caller. */
async function readUnhashed(source: string, io: CliIo, streamHash: boolean): Promise<Result<Unhashed>> {
  if (!isNdjson(source)) {
    const raw = await readJsonSource(source, io);
    if (!raw.ok) return raw;
    io.progress?.("bostad-forst: validerar och förbereder / validating and preparing …");
    // The document is this command's own (parsed from the file here), so the validated input may share its objects.
    const run = validateAndPrepareUnhashed(raw.value, { owned: true });
    if (!run.ok) return run;
    return ok({ run: run.value, raw: raw.value });
  }
  const reader = new NdjsonRunReader({ hash: streamHash });
  let lineNo = 0;
  try {
    for await (const line of linesOf(source, io)) {
      reader.push(withoutBom(line, ++lineNo), lineNo);
      if (lineNo % 100_000 === 0) io.progress?.(`bostad-forst: läser och validerar / reading and validating ${lineNo} rader / lines …`);
    }
  } catch (error) {
    const reason = error instanceof Error && "code" in error ? String((error as { code: unknown }).code) : "error";
    return { ok: false, issues: [issue("invalid_input", [], `Kunde inte läsa filen "${source}" (${reason}).`, `Could not read the file "${source}" (${reason}).`, { received: reason })] };
  }
  io.progress?.("bostad-forst: kontrollerar och förbereder / checking and preparing …");
  const done = reader.finish();
  if (!done.ok) return done;
  const { run, inputSha256 } = done.value;
  return ok(inputSha256 === undefined ? { run } : { run, rawSha256: inputSha256 });
}

/**
 * `bostad-forst rank <input.json|->`: each vacancy's offer order (single-vacancy mode), exactly
 * `serializeResult(rank(raw).value)`, written line by line. 0 ok · 2 invalid input.
 */
export async function rankCommand(source: string, io: CliIo): Promise<ExitCode> {
  const raw = await readJsonSource(source, io);
  const run = raw.ok ? validateAndPrepare(raw.value) : raw;
  if (!run.ok) {
    reportIssues(run.issues, io);
    return EXIT.invalid;
  }
  const writer = writerOf(undefined, io);
  await writeThrough(writer, () => writeLines(writer, rankDocumentLines(run.value)));
  return EXIT.ok;
}
