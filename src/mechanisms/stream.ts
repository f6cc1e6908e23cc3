import { type Matching, deferredAcceptance } from "./deferred-acceptance.js";
import { type Run, auditOf, explanationEntries, outcomeLookups } from "./allocate.js";
import type { Detail } from "../model/result.js";
import { type LinesData, blockLines, blocksAt, linesData, unfilledLine } from "./lines.js";
import { type OutcomeIndex, apartmentItem, outcomeIndex, proposalItem, unfilledItem, unmatchedItem } from "./outcome.js";

/** Options of {@link resultLines}. */
export interface ResultLinesOptions {
  /** `"full"` (default) or `"decisions"` (header `audit.detail`, rankings without keys, failed checks as codes). */
  detail?: Detail;
}

/**
 * The batch result as NDJSON lines (docs/input.md, "Large runs"), written item by item so that no single string or
 * object graph holds the whole result: a header `{"schemaVersion","audit","designations"}`, then one line per
 * household in id order (`{"proposal": …}` or `{"unmatched": …}`), then one line per apartment in id order
 * (`{"apartment": …}`, followed by `{"unfilled": …}` when it got no proposal). Each line is the JSON of the
 * corresponding item of the JSON result at the same detail level: the unmatched and decisions-level apartment lines,
 * nearly all of a large result, are built as bytes in blocks (lines.ts, held byte-equal to the items by test), the
 * rest by the same functions as the JSON result. Explanations are left to `explain`, one household at a time.
 */
export function* resultLines(run: Run, matching: Matching, { detail = "full" }: ResultLinesOptions = {}): Generator<string> {
  const x = outcomeIndex(run.prepared, matching, false);
  const d = linesData(x, resultHeader(run, detail));
  for (let b = 0; b < blocksAt(d, detail); b++) yield* blockLines(d, b);
  if (detail === "full") yield* fullApartmentLines(x, d);
}

/** The header line of an NDJSON result: `{"schemaVersion","audit","designations"}`. */
export function resultHeader(run: Run, detail: Detail): string {
  return JSON.stringify({ schemaVersion: 1, audit: auditOf(run, "deferred-acceptance", detail), designations: run.designations });
}

/** The apartment lines at detail "full" (with priority keys and compared values), each followed by its unfilled line. */
export function* fullApartmentLines(x: OutcomeIndex, d: LinesData): Generator<string> {
  for (const a of x.apartmentsById) {
    yield JSON.stringify({ apartment: apartmentItem(x, a, "full") });
    const unfilled = unfilledLine(d, a);
    if (unfilled !== undefined) yield unfilled;
  }
}

/** A field of a document written by {@link documentLines}: a value, an array given item by item, or an object entry by entry. */
type DocumentField = { value: unknown } | { items: Iterable<unknown> } | { entries: Iterable<[string, unknown]> };

/** `JSON.stringify(value, null, 2)` of a value that sits `depth` levels deep in a two-space indented document. */
const nested = (value: unknown, depth: number): string => JSON.stringify(value, null, 2).replaceAll("\n", `\n${"  ".repeat(depth)}`);

/**
 * The lines of `JSON.stringify(document, null, 2)` for an object with these fields in this order, written field by field
 * and item by item: no string or object holds the whole document. (JSON text has no newline inside a string, so every
 * newline of a nested value's text is its indentation.)
 */
function* documentLines(fields: readonly (readonly [string, DocumentField])[]): Generator<string> {
  yield "{";
  for (let f = 0; f < fields.length; f++) {
    const [key, field] = fields[f]!;
    const end = f === fields.length - 1 ? "" : ",";
    const name = `  ${JSON.stringify(key)}: `;
    if ("value" in field) {
      yield `${name}${nested(field.value, 1)}${end}`;
      continue;
    }
    const [open, close] = "items" in field ? ["[", "]"] : ["{", "}"];
    const texts = "items" in field ? mapped(field.items, (item) => `    ${nested(item, 2)}`) : mapped(field.entries, ([k, v]) => `    ${JSON.stringify(k)}: ${nested(v, 2)}`);
    // Each member is written once the next one is known, with the comma JSON.stringify puts after all but the last.
    let pending: string | undefined;
    for (const text of texts) {
      yield pending === undefined ? `${name}${open}` : `${pending},`;
      pending = text;
    }
    if (pending === undefined) yield `${name}${open}${close}${end}`;
    else {
      yield pending;
      yield `  ${close}${end}`;
    }
  }
  yield "}";
}

function* mapped<T, U>(items: Iterable<T>, f: (item: T) => U): Generator<U> {
  for (const item of items) yield f(item);
}

function* defined<T>(indices: Int32Array, item: (index: number) => T | undefined): Generator<T> {
  for (const k of indices) {
    const value = item(k);
    if (value !== undefined) yield value;
  }
}

/**
 * The JSON result document of a run, exactly `serializeResult(allocate(raw, { detail }).value)` without its final
 * newline, as lines: what the CLI writes for a JSON `--out`, so that no single string holds the document (V8 strings stop
 * at about 512 MB; a result at "full" passes that at about 20 000 households × 10 choices). No object holds the result: each
 * item, and at "full" each explanation (from the outcome index, `outcomeLookups`), is built as it is written.
 */
export function resultDocumentLines(run: Run, matching: Matching, detail: Detail = "full"): Generator<string> {
  const x = outcomeIndex(run.prepared, matching, false);
  return documentLines([
    ["schemaVersion", { value: 1 }],
    ["audit", { value: auditOf(run, "deferred-acceptance", detail) }],
    ["proposals", { items: defined(x.householdsById, (h) => proposalItem(x, h)) }],
    ["unmatchedHouseholds", { items: defined(x.householdsById, (h) => unmatchedItem(x, h)) }],
    ["unfilledApartments", { items: defined(x.apartmentsById, (a) => unfilledItem(x, a)) }],
    ["apartments", { items: mapped(x.apartmentsById, (a) => apartmentItem(x, a, detail)) }],
    ...(detail === "full" ? [["explanations", { entries: explanationEntries(run, outcomeLookups(run, x)) }] as const] : []),
    ["designations", { value: run.designations }],
  ]);
}

/**
 * The single-vacancy (`rank`) result document of a run, exactly `serializeResult(rank(raw).value)` without its final
 * newline, as lines: each vacancy's outcome is built as it is written, so a document of any size is written.
 */
export function rankDocumentLines(run: Run): Generator<string> {
  const x = outcomeIndex(run.prepared, deferredAcceptance(run.prepared.compiled), false);
  return documentLines([
    ["schemaVersion", { value: 1 }],
    ["audit", { value: auditOf(run, "offer-order") }],
    ["apartments", { items: mapped(x.apartmentsById, (a) => apartmentItem(x, a)) }],
  ]);
}
