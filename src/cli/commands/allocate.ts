import { serializeResult } from "../../audit/serialize.js";
import { type Run, allocate, buildResult, rank, validateAndPrepare, validateAndPrepareParts, withExplanations } from "../../mechanisms/allocate.js";
import { deferredAcceptance } from "../../mechanisms/deferred-acceptance.js";
import { resultLines } from "../../mechanisms/stream.js";
import { type Result, issue } from "../../model/issue.js";
import { NdjsonAssembler } from "../../model/ndjson.js";
import { type CliIo, EXIT, type ExitCode, linesOf, readJsonSource, reportIssues, toJson, writerOf } from "../io.js";

/** An engine entry point: raw JSON in, the result contract or every input issue out (never a partial result). */
export type Engine = (raw: unknown) => Result<unknown>;

/**
 * Reads `<file|->`, runs `engine` and prints the result (or writes it to `out`): 0 ok · 2 invalid input.
 * Exceptions propagate to `run`, which turns them into exit 1.
 */
export async function runEngineCommand(engine: Engine, source: string, out: string | undefined, io: CliIo): Promise<ExitCode> {
  const raw = await readJsonSource(source, io);
  if (!raw.ok) {
    reportIssues(raw.issues, io);
    return EXIT.invalid;
  }
  const result = engine(raw.value);
  if (!result.ok) {
    reportIssues(result.issues, io);
    return EXIT.invalid;
  }
  // The one serialisation `verify` compares against, byte for byte.
  const text = serializeOrExplain(result.value, io);
  if (text === undefined) return EXIT.internal;
  if (out === undefined) {
    io.stdout(text);
  } else {
    await io.writeFile(out, text);
    io.stderr(`bostad-forst: skrev / wrote ${out}\n`);
  }
  return EXIT.ok;
}

/**
 * The result as one JSON document, or undefined (with the reason on stderr and an `internal_error` issue on stdout)
 * when it is too large for one string: V8 strings stop at about 512 MB; such runs stream NDJSON instead.
 */
function serializeOrExplain(result: unknown, io: CliIo): string | undefined {
  try {
    return serializeResult(result);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    io.stdout(toJson({ ok: false, issues: [issue("internal_error", [], "Resultatet är för stort för ett JSON-dokument; skriv det som NDJSON med --out resultat.ndjson.", "The result is too large for one JSON document; write it as NDJSON with --out result.ndjson.")] }));
    io.stderr("bostad-forst: resultatet är för stort för ett JSON-dokument / the result is too large for one JSON document: use --out result.ndjson\n");
    return undefined;
  }
}

/** Files named `*.ndjson` or `*.jsonl` are NDJSON (docs/input.md, "Large runs"). */
export const isNdjson = (path: string | undefined): boolean => path !== undefined && /\.(ndjson|jsonl)$/i.test(path);

/**
 * `bostad-forst allocate <input.json|input.ndjson|-> [--out FILE]`: batch allocation (DESIGN section 4).
 * NDJSON input is read line by line; an NDJSON `--out` (or NDJSON input without `--out`) streams the result as NDJSON.
 */
export async function allocateCommand(source: string, out: string | undefined, io: CliIo): Promise<ExitCode> {
  if (!isNdjson(source) && !isNdjson(out)) return runEngineCommand(allocate, source, out, io);
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
    // NDJSON in, one JSON document out: the same result as the JSON path, explanations included.
    const text = serializeOrExplain(withExplanations(run.value, buildResult(run.value, matching)), io);
    if (text === undefined) return EXIT.internal;
    if (out === undefined) io.stdout(text);
    else await io.writeFile(out, text);
    io.progress?.("\n");
    return EXIT.ok;
  }
  const writer = writerOf(out, io);
  let n = 0;
  for (const line of resultLines(run.value, matching)) {
    const pending = writer.write(line);
    if (pending) await pending;
    if (++n % 100_000 === 0) io.progress?.(`bostad-forst: skriver / writing ${n} rader / lines …`);
  }
  await writer.close();
  io.progress?.(`bostad-forst: klart / done, ${n} rader / lines\n`);
  if (out !== undefined) io.stderr(`bostad-forst: skrev / wrote ${out}\n`);
  return EXIT.ok;
}

/** Reads `<file|->` (JSON, or NDJSON when the file is named so), validates it and prepares the run; NDJSON issue paths name lines. */
export async function readRun(source: string, io: CliIo): Promise<Result<Run>> {
  if (!isNdjson(source)) {
    const raw = await readJsonSource(source, io);
    if (!raw.ok) return raw;
    io.progress?.("bostad-forst: validerar och förbereder / validating and preparing …");
    return validateAndPrepare(raw.value);
  }
  const asm = new NdjsonAssembler();
  let lineNo = 0;
  try {
    for await (const line of linesOf(source, io)) {
      asm.push(++lineNo === 1 && line.charCodeAt(0) === 0xfeff ? line.slice(1) : line, lineNo);
      if (lineNo % 100_000 === 0) io.progress?.(`bostad-forst: läser och validerar / reading and validating ${lineNo} rader / lines …`);
    }
  } catch (error) {
    const reason = error instanceof Error && "code" in error ? String((error as { code: unknown }).code) : "error";
    return { ok: false, issues: [issue("invalid_input", [], `Kunde inte läsa filen "${source}" (${reason}).`, `Could not read the file "${source}" (${reason}).`, { received: reason })] };
  }
  const done = asm.finish();
  if (!done.ok) return done;
  io.progress?.("bostad-forst: kontrollerar och förbereder / checking and preparing …");
  return validateAndPrepareParts(done.parts, (issues) => asm.remapIssues(issues));
}

/** `bostad-forst rank <input.json|->`: each vacancy's offer order (single-vacancy mode). */
export const rankCommand = (source: string, io: CliIo): Promise<ExitCode> => runEngineCommand(rank, source, undefined, io);
