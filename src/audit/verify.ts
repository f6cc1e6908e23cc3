import { match } from "ts-pattern";
import { allocate, rank } from "../mechanisms/allocate.js";
import { type Issue, type Path, issue } from "../model/issue.js";
import { stripBom } from "../model/ndjson.js";
import type { Detail } from "../model/result.js";
import { serializeResult } from "./serialize.js";

/**
 * The outcome of a replay: `identical` (byte for byte), `differs` (with the first differing JSON path and both
 * values there), or `invalid` (the input does not validate, or the result is not a JSON result document).
 */
export type VerifyOutcome =
  | { status: "identical"; mechanism: "deferred-acceptance" | "offer-order"; bytes: number }
  | { status: "differs"; path: Path; expected: unknown; received: unknown; reason: "value" | "formatting" }
  | { status: "invalid"; issues: Issue[] };

/**
 * Re-runs the engine on `rawInput` and compares its serialised result ({@link serializeResult}) with `resultText`
 * byte for byte. A result whose audit names `offer-order` is replayed with `rank`, any other with `allocate` at the
 * detail level its `audit.detail` records ("full" when absent).
 *
 * @example
 * const v = verify(JSON.parse(inputText), resultText);
 * if (v.status === "differs") console.error("first difference at", v.path);
 */
export function verify(rawInput: unknown, resultText: string): VerifyOutcome {
  let received: unknown;
  try {
    received = JSON.parse(stripBom(resultText));
  } catch {
    return { status: "invalid", issues: [issue("invalid_json", [], "Resultatfilen är inte giltig JSON.", "The result file is not valid JSON.", { expected: "JSON" })] };
  }
  const mechanism = mechanismOf(received);
  if (mechanism === undefined) {
    return { status: "invalid", issues: [issue("invalid_value", ["audit", "mechanism"], "Resultatfilen saknar ett känt audit.mechanism.", "The result file has no known audit.mechanism.", { expected: ["deferred-acceptance", "offer-order"] })] };
  }
  const rerun = match(mechanism)
    .with("deferred-acceptance", () => allocate(rawInput, { detail: detailOf(received) }))
    .with("offer-order", () => rank(rawInput))
    .exhaustive();
  if (!rerun.ok) return { status: "invalid", issues: rerun.issues };
  return compareResult(serializeResult(rerun.value), resultText, received, mechanism);
}

/** The replayed result's text against the result as written (`received`: that text parsed): identical, or the first difference. */
export function compareResult(expectedText: string, resultText: string, received: unknown, mechanism: "deferred-acceptance" | "offer-order"): VerifyOutcome {
  if (expectedText === resultText) return { status: "identical", mechanism, bytes: Buffer.byteLength(expectedText, "utf8") };
  const diff = firstDifference(JSON.parse(expectedText) as unknown, received, []);
  return diff === undefined
    ? { status: "differs", path: [], expected: null, received: null, reason: "formatting" }
    : { status: "differs", path: diff.path, expected: diff.expected, received: diff.received, reason: "value" };
}

function auditField(v: unknown, key: string): unknown {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return undefined;
  const audit = (v as Record<string, unknown>)["audit"];
  if (typeof audit !== "object" || audit === null) return undefined;
  return (audit as Record<string, unknown>)[key];
}

/** The mechanism a result records in `audit.mechanism`, or undefined when it records none that is known. */
export function mechanismOf(v: unknown): "deferred-acceptance" | "offer-order" | undefined {
  const m = auditField(v, "mechanism");
  return m === "deferred-acceptance" || m === "offer-order" ? m : undefined;
}

/**
 * The detail level a result (or an NDJSON result's header line) records in `audit.detail`: "decisions", or "full" for
 * anything else — a replay at "full" then names `audit.detail` as the first difference.
 */
export function detailOf(result: unknown): Detail {
  return auditField(result, "detail") === "decisions" ? "decisions" : "full";
}

/** The first place, in the expected document's key order, where two JSON values differ (key order itself included). */
export function firstDifference(expected: unknown, received: unknown, path: Path): { path: Path; expected: unknown; received: unknown } | undefined {
  const here = { path, expected, received };
  if (Array.isArray(expected) || Array.isArray(received)) {
    if (!Array.isArray(expected) || !Array.isArray(received)) return here;
    const n = Math.max(expected.length, received.length);
    for (let i = 0; i < n; i++) {
      if (i >= expected.length || i >= received.length) return { path: [...path, i], expected: expected[i], received: received[i] };
      const d = firstDifference(expected[i], received[i], [...path, i]);
      if (d) return d;
    }
    return undefined;
  }
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;
  if (isObj(expected) || isObj(received)) {
    if (!isObj(expected) || !isObj(received)) return here;
    const ek = Object.keys(expected);
    const rk = Object.keys(received);
    for (let i = 0; i < Math.max(ek.length, rk.length); i++) {
      const k = ek[i];
      if (k === undefined) return { path: [...path, rk[i]!], expected: undefined, received: received[rk[i]!] };
      if (!Object.hasOwn(received, k)) return { path: [...path, k], expected: expected[k], received: undefined };
      const d = firstDifference(expected[k], received[k], [...path, k]);
      if (d) return d;
    }
    // Same keys and values in another order: the object's key lists are the difference.
    return ek.every((k, i) => rk[i] === k) ? undefined : { path, expected: ek, received: rk };
  }
  return Object.is(expected, received) ? undefined : here;
}

/**
 * Compares a streamed NDJSON result line by line with the lines a re-run produces (`expected`, e.g. `resultLines`):
 * `identical` when every line is byte-identical and the counts match; otherwise the first differing line, as
 * `["line", n, …path inside it]`. Neither side is ever held whole.
 */
export async function verifyLines(expected: Iterable<string>, received: AsyncIterable<string>): Promise<VerifyOutcome> {
  const want = expected[Symbol.iterator]();
  let n = 0;
  let bytes = 0;
  for await (const raw of received) {
    const line = n === 0 ? stripBom(raw) : raw;
    if (line === "") continue;
    n++;
    const next = want.next();
    if (next.done) return { status: "differs", path: ["line", n], expected: null, received: "(an extra line)", reason: "value" };
    if (next.value === line) {
      bytes += Buffer.byteLength(line, "utf8") + 1;
      continue;
    }
    let got: unknown;
    try {
      got = JSON.parse(line);
    } catch {
      return { status: "differs", path: ["line", n], expected: null, received: "(not JSON)", reason: "value" };
    }
    const diff = firstDifference(JSON.parse(next.value) as unknown, got, ["line", n]);
    return diff === undefined
      ? { status: "differs", path: ["line", n], expected: null, received: null, reason: "formatting" }
      : { status: "differs", path: diff.path, expected: diff.expected, received: diff.received, reason: "value" };
  }
  if (!want.next().done) return { status: "differs", path: ["line", n + 1], expected: "(a missing line)", received: null, reason: "value" };
  return { status: "identical", mechanism: "deferred-acceptance", bytes };
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const BOM = Uint8Array.of(0xef, 0xbb, 0xbf);

/**
 * Chunks of bytes without a leading UTF-8 byte-order mark, however the first bytes are split into chunks: the first
 * three bytes are gathered before they are judged.
 */
async function* withoutLeadingBom(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  let head = new Uint8Array(0);
  let judged = false;
  for await (const chunk of chunks) {
    if (judged) {
      yield chunk;
      continue;
    }
    head = Buffer.concat([head, chunk]);
    if (head.length < BOM.length) continue;
    judged = true;
    yield Buffer.compare(head.subarray(0, BOM.length), BOM) === 0 ? head.subarray(BOM.length) : head;
  }
  // Fewer than three bytes in all: no room for a mark and anything after it.
  if (!judged && head.length > 0) yield head;
}

/** How much of a differing line is read to show it (a line of a result document is far shorter). */
const SHOWN_LINE_BYTES = 1 << 16;

/**
 * Compares a result document's bytes (`received`, in chunks; a leading byte-order mark is skipped) with the lines a
 * re-run writes (`expected`, each followed by a newline, e.g. `resultDocumentLines`): `identical` only when every byte
 * is the same, line ends and the final newline included. Otherwise the first differing line, as `["line", n]` with
 * both lines' text (`verifyLines`' conventions for a missing or an extra line). Neither side is ever held whole.
 */
export async function verifyBytes(expected: Iterable<string>, received: AsyncIterable<Uint8Array>, mechanism: "deferred-acceptance" | "offer-order"): Promise<VerifyOutcome> {
  const source = withoutLeadingBom(received)[Symbol.asyncIterator]();
  let chunk: Uint8Array = new Uint8Array(0);
  let at = 0;
  /** The next non-empty chunk in `chunk` (from `at` = 0), or false at the end. */
  const more = async (): Promise<boolean> => {
    for (let r = await source.next(); !r.done; r = await source.next()) {
      if (r.value.length === 0) continue;
      chunk = r.value;
      at = 0;
      return true;
    }
    return false;
  };
  /** The received bytes from here up to the next newline (at most SHOWN_LINE_BYTES). */
  const restOfLine = async (): Promise<Uint8Array> => {
    const parts: Uint8Array[] = [];
    let length = 0;
    while (length < SHOWN_LINE_BYTES && (at < chunk.length || (await more()))) {
      const newline = chunk.indexOf(0x0a, at);
      const end = newline === -1 ? chunk.length : newline;
      parts.push(chunk.slice(at, end));
      length += end - at;
      at = end;
      if (newline !== -1) break;
    }
    return Buffer.concat(parts);
  };
  try {
    return await compareBytes();
  } finally {
    await source.return?.(undefined);
  }

  async function compareBytes(): Promise<VerifyOutcome> {
    let n = 0;
    let bytes = 0;
    for (const line of expected) {
      n++;
      const want = encoder.encode(`${line}\n`);
      let k = 0;
      while (k < want.length) {
        if (at === chunk.length && !(await more())) {
          if (k === 0) return { status: "differs", path: ["line", n], expected: "(a missing line)", received: null, reason: "value" };
          return { status: "differs", path: ["line", n], expected: line, received: decoder.decode(want.subarray(0, k)), reason: "value" };
        }
        const m = Math.min(want.length - k, chunk.length - at);
        if (Buffer.compare(chunk.subarray(at, at + m), want.subarray(k, k + m)) !== 0) {
          let j = 0;
          while (chunk[at + j] === want[k + j]) j++;
          at += j;
          // The line as received: the bytes that matched, then the file's own up to its newline.
          const receivedLine = decoder.decode(Buffer.concat([want.subarray(0, k + j), await restOfLine()]));
          return { status: "differs", path: ["line", n], expected: line, received: receivedLine, reason: "value" };
        }
        k += m;
        at += m;
      }
      bytes += want.length;
    }
    if (at < chunk.length || (await more())) return { status: "differs", path: ["line", n + 1], expected: null, received: "(an extra line)", reason: "value" };
    return { status: "identical", mechanism, bytes };
  }
}
