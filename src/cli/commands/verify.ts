import { type VerifyOutcome, compareResult, detailOf, mechanismOf, verify, verifyBytes, verifyLines } from "../../audit/verify.js";
import { deferredAcceptance } from "../../mechanisms/deferred-acceptance.js";
import { rankDocumentLines, resultDocumentLines, resultLines } from "../../mechanisms/stream.js";
import { isNdjson, readRun } from "./allocate.js";
import { formatPath, issue } from "../../model/issue.js";
import { stripBom } from "../../model/ndjson.js";
import { type CliIo, EXIT, type ExitCode, linesOf, readJsonSource, reportIssues, toJson } from "../io.js";

/**
 * `bostad-forst verify <input.json> <result.json>`: re-runs the engine and compares its result byte for byte.
 * NDJSON input or result (`*.ndjson`, a large run) is re-read and re-streamed and compared line by line. The re-run
 * writes the detail level the result records in `audit.detail` (of the document, or of an NDJSON result's header line).
 * Prints `{ ok: true, status, … }` on stdout; 0 identical · 3 differs (first differing JSON path) · 2 invalid.
 * `argv` is everything after `verify`.
 */
export async function verifyCommand(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const [inputPath, resultPath, ...extra] = argv;
  if (inputPath === undefined || resultPath === undefined || extra.length > 0) {
    reportIssues([issue("invalid_value", [], "Användning: bostad-forst verify <input.json> <result.json>", "Usage: bostad-forst verify <input.json> <result.json>", { received: [...argv] })], io);
    return EXIT.invalid;
  }
  if (!isNdjson(resultPath)) {
    const large = await verifyLargeDocument(inputPath, resultPath, io);
    if (large) return report(large, io);
  }
  if (isNdjson(inputPath) || isNdjson(resultPath)) return report(await verifyNdjson(inputPath, resultPath, io), io);
  const raw = await readJsonSource(inputPath, io);
  if (!raw.ok) {
    reportIssues(raw.issues, io);
    return EXIT.invalid;
  }
  let resultText: string;
  try {
    resultText = resultPath === "-" ? await io.readStdin() : await io.readFile(resultPath);
  } catch {
    reportIssues([issue("invalid_input", ["<result.json>"], `Kunde inte läsa resultatfilen "${resultPath}".`, `Could not read the result file "${resultPath}".`)], io);
    return EXIT.invalid;
  }
  return report(verify(raw.value, resultText), io);
}

/** A large run: the input is read as `allocate` reads it, the result re-streamed and compared line by line (or whole, for a JSON result). */
async function verifyNdjson(inputPath: string, resultPath: string, io: CliIo): Promise<VerifyOutcome> {
  const run = await readRun(inputPath, io);
  if (!run.ok) return { status: "invalid", issues: run.issues };
  const matching = deferredAcceptance(run.value.prepared.compiled);
  try {
    if (isNdjson(resultPath)) {
      const { first, lines } = await peekFirst(linesOf(resultPath, io));
      return await verifyLines(resultLines(run.value, matching, { detail: detailOf(parseOrUndefined(first)) }), lines);
    }
    const text = resultPath === "-" ? await io.readStdin() : await io.readFile(resultPath);
    let received: unknown;
    try {
      received = JSON.parse(text);
    } catch {
      return { status: "invalid", issues: [issue("invalid_json", [], "Resultatfilen är inte giltig JSON.", "The result file is not valid JSON.", { expected: "JSON" })] };
    }
    // The document allocate writes, line by line (byte for byte `serializeResult` of the result, held whole here).
    return compareResult(`${[...resultDocumentLines(run.value, matching, detailOf(received))].join("\n")}\n`, text, received, "deferred-acceptance");
  } catch {
    return { status: "invalid", issues: [issue("invalid_input", ["<result.json>"], `Kunde inte läsa resultatfilen "${resultPath}".`, `Could not read the result file "${resultPath}".`)] };
  }
}

/** JSON result documents at least this large are compared as a stream of bytes (docs/input.md, "Large runs"). */
export const LARGE_DOCUMENT_BYTES = 64 * 1024 * 1024;
/** How far into a result document its audit record is looked for. */
const HEADER_BYTES = 1 << 20;

/**
 * A JSON result document of {@link LARGE_DOCUMENT_BYTES} or more, which `allocate` and `rank` write line by line and
 * which may be larger than one string: the re-run's document lines are compared with the file's bytes as both are
 * streamed (`verifyBytes`), the mechanism and detail level taken from the audit record at the document's top. A
 * difference is reported as the first differing line, `["line", n]`, with both lines. Undefined for a smaller file,
 * standard input, or a file whose top is not a result's: those are read whole as before.
 */
export async function verifyLargeDocument(inputPath: string, resultPath: string, io: CliIo, minBytes = LARGE_DOCUMENT_BYTES): Promise<VerifyOutcome | undefined> {
  if (resultPath === "-") return undefined;
  const file = await io.readBytes?.(resultPath);
  if (file === undefined || file.size < minBytes) return undefined;
  const source = file.chunks[Symbol.asyncIterator]();
  // However this ends, the file is closed (a source never read opened nothing).
  try {
    const head: Uint8Array[] = [];
    let top: unknown;
    try {
      for (let length = 0; top === undefined && length < HEADER_BYTES; ) {
        const next = await source.next();
        if (next.done) break;
        head.push(next.value);
        length += next.value.length;
        top = documentTop(Buffer.concat(head).toString("utf8"));
      }
    } catch {
      // A file that cannot be read is left to the whole-text reading, which reports it.
      return undefined;
    }
    const mechanism = mechanismOf(top);
    if (mechanism === undefined) return undefined;
    const run = await readRun(inputPath, io);
    if (!run.ok) return { status: "invalid", issues: run.issues };
    const expected = mechanism === "offer-order" ? rankDocumentLines(run.value) : resultDocumentLines(run.value, deferredAcceptance(run.value.prepared.compiled), detailOf(top));
    async function* chunks(): AsyncGenerator<Uint8Array> {
      yield* head;
      for (let r = await source.next(); !r.done; r = await source.next()) yield r.value;
    }
    return await verifyBytes(expected, chunks(), mechanism);
  } finally {
    await source.return?.();
  }
}

/**
 * `{ schemaVersion, audit }` of a two-space indented result document, from its text up to its first array field
 * (`proposals` in an allocation result, `apartments` in a ranking), or undefined when that is not in `text` yet.
 */
function documentTop(text: string): unknown {
  const body = stripBom(text);
  const end = ["\n  \"proposals\": ", "\n  \"apartments\": "].map((key) => body.indexOf(key)).filter((k) => k !== -1);
  if (end.length === 0) return undefined;
  const fields = body.slice(0, Math.min(...end)).replace(/,$/, "");
  try {
    return JSON.parse(`${fields}\n}`) as unknown;
  } catch {
    return undefined;
  }
}

/** The first non-empty line (the NDJSON header), and every line again from there, reading the source once. */
async function peekFirst(source: AsyncIterable<string>): Promise<{ first: string | undefined; lines: AsyncIterable<string> }> {
  const it = source[Symbol.asyncIterator]();
  let next = await it.next();
  while (!next.done && next.value === "") next = await it.next();
  const first = next.done ? undefined : next.value;
  async function* replay(): AsyncGenerator<string> {
    if (first === undefined) return;
    yield first;
    for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
  }
  return { first, lines: replay() };
}

function parseOrUndefined(line: string | undefined): unknown {
  if (line === undefined) return undefined;
  try {
    return JSON.parse(stripBom(line)) as unknown;
  } catch {
    return undefined;
  }
}

function report(v: VerifyOutcome, io: CliIo): ExitCode {
  switch (v.status) {
    case "invalid":
      reportIssues(v.issues, io);
      return EXIT.invalid;
    case "identical":
      io.stdout(toJson({ ok: true, status: "identical", mechanism: v.mechanism, bytes: v.bytes }));
      io.stderr("bostad-forst verify: identiskt / identical\n");
      return EXIT.ok;
    case "differs":
      io.stdout(toJson({ ok: true, status: "differs", reason: v.reason, path: v.path, expected: v.expected ?? null, received: v.received ?? null }));
      io.stderr(`bostad-forst verify: skiljer sig / differs at ${formatPath(v.path)}${v.reason === "formatting" ? " (formatering / formatting)" : ""}\n`);
      return EXIT.differs;
  }
}
