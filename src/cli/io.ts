import { decodeLines } from "../mechanisms/lines.js";
import { type Issue, type Result, formatPath, issue } from "../model/issue.js";
import { stripBom } from "../model/ndjson.js";
import type { UnhashedRun } from "../mechanisms/allocate.js";
import type { InputFormat, PendingHash } from "./input-hash.js";

/** Where a command writes and reads; the CLI passes the process streams, tests pass buffers. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Reads all of standard input as UTF-8. */
  readStdin(): Promise<string>;
  readFile(path: string): Promise<string>;
  writeFile(path: string, text: string): Promise<void>;
  /** Reads a file (or standard input for "-") line by line, without holding it whole; defaults to `readFile` split. */
  readLines?(source: string): AsyncIterable<string>;
  /** Opens a file (or standard output when undefined) for writing line by line with backpressure; defaults to buffering. */
  openWriter?(path: string | undefined): LineWriter;
  /** Progress for long runs: shown only when standard error is a terminal (phases and counts); silent otherwise. */
  progress?(text: string): void;
  /**
   * Starts hashing an input file in another thread (the CLI uses a worker for large files), or returns undefined; the
   * command then hashes in its own thread. Either way the hash is the engine's canonical input hash.
   */
  hashInput?(source: string, format: InputFormat): Promise<PendingHash | undefined>;
  /**
   * Reads a large NDJSON input file in two threads (the CLI's split reading), or returns undefined: the command then
   * reads it in one. Either way the run and its hash are the same.
   */
  readInHalves?(source: string, progress?: (text: string) => void): Promise<{ run: UnhashedRun; inputSha256: string } | undefined>;
  /** A file's size and its bytes in chunks, never held whole; undefined when it cannot be read. */
  readBytes?(path: string): Promise<{ size: number; chunks: AsyncIterable<Uint8Array> } | undefined>;
}

/** A line sink. */
export interface LineWriter {
  write(line: string): Promise<void> | void;
  /**
   * Lines already encoded as UTF-8, each ended by a newline (optional; see {@link writeEncoded}). Once the returned
   * promise settles (or at once, when nothing is returned) the writer holds no reference to `bytes`: the caller may
   * write new lines into the same memory.
   */
  writeBytes?(bytes: Uint8Array): Promise<void> | void;
  close(): Promise<void>;
  /**
   * Gives up after an error (optional): what was written to a file is removed, so that no partial result is left. A
   * writer that writes only on close, or to standard output, has nothing to take back.
   */
  abort?(): Promise<void>;
}

/** Writes through `writer` and closes it; if anything throws, the writer's partial output is removed first (abort). */
export async function writeThrough<T>(writer: LineWriter, write: () => Promise<T>): Promise<T> {
  try {
    const value = await write();
    await writer.close();
    return value;
  } catch (error) {
    await writer.abort?.();
    throw error;
  }
}

/** Writes each line through `writer`, waiting whenever the writer asks to (its backpressure). */
export async function writeLines(writer: LineWriter, lines: Iterable<string>): Promise<void> {
  for (const line of lines) {
    const pending = writer.write(line);
    if (pending) await pending;
  }
}

/**
 * Writes encoded lines (each ended by a newline) as bytes, or line by line when the writer takes only strings; once it
 * settles, `bytes` may be written over.
 */
export async function writeEncoded(writer: LineWriter, bytes: Uint8Array): Promise<void> {
  if (writer.writeBytes) return writer.writeBytes(bytes);
  await writeLines(writer, decodeLines(bytes));
}

/** Lines of `<file|->` through the io's streaming reader, or its whole-text reader split at newlines. */
export async function* linesOf(source: string, io: CliIo): AsyncIterable<string> {
  if (io.readLines) {
    yield* io.readLines(source);
    return;
  }
  const text = source === "-" ? await io.readStdin() : await io.readFile(source);
  yield* stripBom(text).split(/\r?\n/);
}

/** A line writer through the io's streaming writer, or one that buffers and writes once on close. */
export function writerOf(path: string | undefined, io: CliIo): LineWriter {
  if (io.openWriter) return io.openWriter(path);
  const lines: string[] = [];
  return {
    write: (line) => void lines.push(line),
    close: async () => {
      const text = lines.length === 0 ? "" : `${lines.join("\n")}\n`;
      if (path === undefined) io.stdout(text);
      else await io.writeFile(path, text);
    },
  };
}

/** Exit codes of DESIGN 4b. */
export const EXIT = { ok: 0, internal: 1, invalid: 2, differs: 3 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** How many issues the human summary on stderr lists before "… and N more". */
const SUMMARY_LIMIT = 5;

/** Serialises a document the way every command prints JSON: two-space indent, trailing newline. */
export const toJson = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/**
 * Reads `<file|->` and parses it as JSON. Every failure is an issue (exit 2), never an exception:
 * an unreadable file is `invalid_input`, text that is not JSON is `invalid_json`.
 */
export async function readJsonSource(source: string, io: CliIo): Promise<Result<unknown>> {
  let text: string;
  try {
    text = source === "-" ? await io.readStdin() : await io.readFile(source);
  } catch (error) {
    const reason = errorCode(error);
    const whereSv = source === "-" ? "standard in" : `filen "${source}"`;
    const whereEn = source === "-" ? "standard input" : `the file "${source}"`;
    return {
      ok: false,
      issues: [issue("invalid_input", [], `Kunde inte läsa ${whereSv} (${reason}).`, `Could not read ${whereEn} (${reason}).`, { received: reason })],
    };
  }
  return parseJsonText(text);
}

/**
 * `JSON.parse` with a bilingual issue on failure. The issue gives line and column only: newer Node
 * versions quote the offending text in their message, which could be personal data.
 */
export function parseJsonText(text: string): Result<unknown> {
  // A UTF-8 byte order mark (common from Windows/.NET writers) is not part of the document.
  const body = stripBom(text);
  try {
    return { ok: true, value: JSON.parse(body) as unknown };
  } catch (error) {
    const at = jsonErrorPosition(error, body);
    const whereSv = at ? ` (rad ${at.line}, kolumn ${at.column})` : "";
    const whereEn = at ? ` (line ${at.line}, column ${at.column})` : "";
    const empty = body.trim() === "";
    return {
      ok: false,
      issues: [
        issue(
          "invalid_json",
          [],
          empty ? "Indata är tomt; förväntade ett JSON-dokument." : `Indata är inte giltig JSON${whereSv}.`,
          empty ? "The input is empty; expected a JSON document." : `The input is not valid JSON${whereEn}.`,
          at ? { expected: "JSON", received: at } : { expected: "JSON" },
        ),
      ],
    };
  }
}

function jsonErrorPosition(error: unknown, text: string): { line: number; column: number } | undefined {
  const message = error instanceof Error ? error.message : "";
  const m = /position (\d+)/.exec(message);
  if (m) {
    const offset = Math.min(Number(m[1]), text.length);
    const before = text.slice(0, offset);
    const line = before.split("\n").length;
    return { line, column: offset - before.lastIndexOf("\n") };
  }
  // "Unexpected end of JSON input" carries no position: the document stops early.
  if (/end of JSON input/i.test(message)) {
    const lines = text.split("\n");
    return { line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 };
  }
  return undefined;
}

function errorCode(error: unknown): string {
  if (typeof error === "object" && error !== null && "code" in error && typeof error.code === "string") return error.code;
  return error instanceof Error ? error.name : "unknown error";
}

/**
 * DESIGN 4b: every issue as JSON on stdout, a short human summary on stderr. Messages name paths and
 * pseudonymous ids only, so the summary carries no personal data.
 */
export function reportIssues(issues: readonly Issue[], io: CliIo): void {
  io.stdout(toJson({ ok: false, issues }));
  io.stderr(summarizeIssues(issues));
}

/** `N problem(s)` followed by the first few as `path: sv / en`. */
export function summarizeIssues(issues: readonly Issue[]): string {
  const n = issues.length;
  const lines = [`bostad-forst: ${n} fel i indata / ${n} ${n === 1 ? "issue" : "issues"} in the input`];
  for (const i of issues.slice(0, SUMMARY_LIMIT)) {
    lines.push(`  ${formatPath(i.path)} [${i.code}]: ${i.message.sv} / ${i.message.en}`);
  }
  if (n > SUMMARY_LIMIT) lines.push(`  … och ${n - SUMMARY_LIMIT} till / and ${n - SUMMARY_LIMIT} more (se stdout / see stdout)`);
  return `${lines.join("\n")}\n`;
}

/** The issue printed when something unexpected throws (exit 1); the error's stack stays out of the output. */
export function internalIssue(): Issue {
  return issue("internal_error", [], "Ett internt fel uppstod; inget resultat skapades.", "An internal error occurred; no result was produced.");
}
