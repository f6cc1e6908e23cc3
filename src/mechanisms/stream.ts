import type { Matching } from "./deferred-acceptance.js";
import { type Run, auditOf } from "./allocate.js";
import type { Detail } from "../model/result.js";
import { type LinesData, blockLines, blocksAt, linesData, unfilledLine } from "./lines.js";
import { type OutcomeIndex, apartmentItem, outcomeIndex } from "./outcome.js";

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
