import { codesOfMask } from "../rules/eligibility.js";
import { type OutcomeIndex, proposalItem, unfilledItem } from "./outcome.js";

const ELIGIBLE = 1;

/*
 * The NDJSON result lines that make up nearly all of a national-scale result, written as text directly instead of
 * building each item's objects and handing them to JSON.stringify: `{"unmatched": …}` and, at detail "decisions",
 * `{"apartment": …}`. Each is byte for byte `JSON.stringify({ unmatched: unmatchedItem(x, h) })` and
 * `JSON.stringify({ apartment: apartmentItem(x, a, "decisions") })` (test/mechanisms/lines.test.ts holds them equal on
 * generated instances under every preset), with the same key order. Household and apartment ids are embedded without
 * escaping: IdSchema admits only `[A-Za-z0-9._:-]`, which JSON never escapes; every other string goes through
 * JSON.stringify.
 *
 * The lines are built from {@link LinesData}: typed arrays, id arrays and the few lines that need priority keys
 * (proposals) or counts (unfilled vacancies), built beforehand. It holds no functions and no input objects, so a worker
 * thread can receive a copy and build some of the blocks (src/cli/lines-worker.ts); {@link blockLines} gives the same
 * lines whichever thread runs it.
 */

/** `["income","rent-guarantee"]` for each failed-check mask (one byte per ranked pair, see prepare). */
const FAILED_JSON = Array.from({ length: 256 }, (_, mask) => JSON.stringify(codesOfMask(mask)));
const failedJsonOf = (mask: number): string => FAILED_JSON[mask]!;

/**
 * Households per block of {@link blockLines}, and apartments per block (by default): a few megabytes of lines each
 * at national scale, where an apartment line holds thousands of applicants and a household line twenty reasons.
 */
export const HOUSEHOLD_BLOCK = 2048;
export const APARTMENT_BLOCK = 32;

/** What a decisions-level NDJSON result is written from (see above); structured-cloneable. */
export interface LinesData {
  header: string;
  /** Households, and apartments, per block. */
  householdBlock: number;
  apartmentBlock: number;
  householdsById: Int32Array;
  apartmentsById: Int32Array;
  householdIds: readonly string[];
  apartmentIds: readonly string[];
  /** `JSON.stringify` of each apartment's letting rule. */
  lettingRuleJson: readonly string[];
  pairStart: Int32Array;
  pairApartment: Int32Array;
  pairFlags: Uint8Array;
  pairFailed: Uint8Array;
  apartmentOf: Int32Array;
  pairPosition: Int32Array;
  holderPosition: Int32Array;
  eligibleStart: Int32Array;
  eligibleHousehold: Int32Array;
  eligibleEntry: Int32Array;
  ineligibleStart: Int32Array;
  ineligibleHousehold: Int32Array;
  ineligibleEntry: Int32Array;
  /** The `{"proposal": …}` line of each matched household, by household index. */
  proposalLines: Map<number, string>;
  /** The `{"unfilled": …}` line of each vacancy that got no proposal, by apartment index. */
  unfilledLines: Map<number, string>;
}

/** The data of a decisions-level result for one run and matching (the header line is the caller's). */
export function linesData(x: OutcomeIndex, header: string, householdBlock = HOUSEHOLD_BLOCK, apartmentBlock = APARTMENT_BLOCK): LinesData {
  const { p, matching } = x;
  const proposalLines = new Map<number, string>();
  const unfilledLines = new Map<number, string>();
  for (let a = 0; a < p.apartments.length; a++) {
    const h = matching.householdOf[a]!;
    if (h !== -1) proposalLines.set(h, JSON.stringify({ proposal: proposalItem(x, h) }));
    else unfilledLines.set(a, JSON.stringify({ unfilled: unfilledItem(x, a) }));
  }
  return {
    header,
    householdBlock,
    apartmentBlock,
    householdsById: x.householdsById,
    apartmentsById: x.apartmentsById,
    householdIds: p.householdIds,
    apartmentIds: p.apartments.map((a) => a.id),
    lettingRuleJson: p.apartments.map((a) => JSON.stringify(a.lettingRule)),
    pairStart: p.pairStart,
    pairApartment: p.pairApartment,
    pairFlags: p.pairFlags,
    pairFailed: p.pairFailed,
    apartmentOf: matching.apartmentOf,
    pairPosition: x.pairPosition!,
    holderPosition: x.holderPosition!,
    eligibleStart: x.eligibleStart,
    eligibleHousehold: x.eligibleHousehold,
    eligibleEntry: x.eligibleEntry,
    ineligibleStart: x.ineligibleStart,
    ineligibleHousehold: x.ineligibleHousehold,
    ineligibleEntry: x.ineligibleEntry,
    proposalLines,
    unfilledLines,
  };
}

/** Blocks 0 .. this - 1 hold the header and the household lines (the same at every detail level). */
export function householdBlockEnd(d: LinesData): number {
  return 1 + Math.ceil(d.householdsById.length / d.householdBlock);
}

/**
 * Blocks of a decisions-level result: the header, then households in id order, then apartments in id order,
 * a block at a time. (At detail "full" only the first {@link householdBlockEnd} blocks come from here.)
 */
export function blockCount(d: LinesData): number {
  return householdBlockEnd(d) + Math.ceil(d.apartmentsById.length / d.apartmentBlock);
}

/** The lines of block b, in result order (see {@link blockCount}), one at a time. */
export function* blockLines(d: LinesData, b: number): Generator<string> {
  if (b === 0) {
    yield d.header;
    return;
  }
  const hb = householdBlockEnd(d) - 1;
  if (b <= hb) {
    const end = Math.min(b * d.householdBlock, d.householdsById.length);
    for (let k = (b - 1) * d.householdBlock; k < end; k++) yield householdLine(d, d.householdsById[k]!);
    return;
  }
  const end = Math.min((b - hb) * d.apartmentBlock, d.apartmentsById.length);
  for (let k = (b - hb - 1) * d.apartmentBlock; k < end; k++) {
    const a = d.apartmentsById[k]!;
    yield apartmentLine(d, a);
    const unfilled = d.unfilledLines.get(a);
    if (unfilled !== undefined) yield unfilled;
  }
}

/** The line of household h: its `{"proposal": …}`, or `{"unmatched": …}` with a reason per ranked apartment. */
export function householdLine(d: LinesData, h: number): string {
  if (d.apartmentOf[h] !== -1) return d.proposalLines.get(h)!;
  const start = d.pairStart[h]!;
  const end = d.pairStart[h + 1]!;
  const id = d.householdIds[h]!;
  if (start === end) return `{"unmatched":{"householdId":"${id}","reasons":[{"code":"no-choices"}]}}`;
  let s = `{"unmatched":{"householdId":"${id}","reasons":[`;
  for (let i = start; i < end; i++) {
    const a = d.pairApartment[i]!;
    const head = `${i === start ? "" : ","}{"code":"`;
    const where = `","apartmentId":"${d.apartmentIds[a]!}","choiceRank":${i - start + 1}`;
    if ((d.pairFlags[i]! & ELIGIBLE) === 0) s += `${head}ineligible${where},"failed":${failedJsonOf(d.pairFailed[i]!)}}`;
    else s += `${head}outranked${where},"position":${d.pairPosition[i]!},"holderPosition":${d.holderPosition[a]!}}`;
  }
  return `${s}]}}`;
}

/** The decisions-level `{"apartment": …}` line of apartment a. */
export function apartmentLine(d: LinesData, a: number): string {
  const ids = d.householdIds;
  let s = `{"apartment":{"apartmentId":"${d.apartmentIds[a]!}","lettingRule":${d.lettingRuleJson[a]!},"ranking":[`;
  const e0 = d.eligibleStart[a]!;
  for (let k = e0; k < d.eligibleStart[a + 1]!; k++) {
    const entry = d.eligibleEntry[k]!;
    s += `${k === e0 ? "" : ","}{"position":${k - e0 + 1},"householdId":"${ids[d.eligibleHousehold[k]!]!}","choiceRank":${entry >> 1},"rentGuaranteeRequired":${(entry & 1) !== 0}}`;
  }
  s += `],"ineligible":[`;
  const i0 = d.ineligibleStart[a]!;
  for (let k = i0; k < d.ineligibleStart[a + 1]!; k++) {
    const entry = d.ineligibleEntry[k]!;
    s += `${k === i0 ? "" : ","}{"householdId":"${ids[d.ineligibleHousehold[k]!]!}","choiceRank":${entry >> 8},"failed":${failedJsonOf(entry & 0xff)}}`;
  }
  return `${s}]}}`;
}
