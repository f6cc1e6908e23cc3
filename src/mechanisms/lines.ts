import type { Detail } from "../model/result.js";
import { codesOfMask } from "../rules/eligibility.js";
import { type OutcomeIndex, type WritingLookups, proposalItem, unfilledItem } from "./outcome.js";

const ELIGIBLE = 1;

/*
 * The NDJSON result lines that make up nearly all of a national-scale result, written as UTF-8 bytes directly instead
 * of building each item's objects and handing them to JSON.stringify: `{"unmatched": …}` and, at detail "decisions",
 * `{"apartment": …}`. Each is byte for byte `JSON.stringify({ unmatched: unmatchedItem(x, h) })` and
 * `JSON.stringify({ apartment: apartmentItem(x, a, "decisions") })` (test/mechanisms/lines.test.ts holds them equal on
 * generated instances under every preset, and with every character an id may hold), with the same key order.
 *
 * Household and apartment ids are copied as bytes without escaping: IdSchema admits only `[A-Za-z0-9._:-]`, which
 * JSON never escapes and UTF-8 encodes as one byte each. Everything else that is a string (letting rules, failed-check
 * codes, the proposal and unfilled lines, which need priority keys and counts) is JSON.stringify'd and encoded once,
 * beforehand. Building bytes leaves no string per line to collect: at 10⁶ households the result is 3.65 GB.
 */

const encoder = new TextEncoder();
const utf8 = (text: string): Uint8Array => encoder.encode(text);

/**
 * `,"failed":["income","rent-guarantee"]}` for each failed-check mask (one byte per ranked pair, see prepare), as bytes:
 * how every ineligible reason and entry ends.
 */
const FAILED_END = Array.from({ length: 256 }, (_, mask) => utf8(`,"failed":${JSON.stringify(codesOfMask(mask))}}`));

/**
 * Households per block of {@link blockBytes}, and apartments per block (by default): a few megabytes each at national
 * scale, where an apartment line holds thousands of applicants and a household line twenty reasons.
 */
export const HOUSEHOLD_BLOCK = 2048;
export const APARTMENT_BLOCK = 32;

/** Ids as one byte array: id k is `bytes[start[k] .. start[k + 1]]`. */
interface IdBytes {
  bytes: Uint8Array;
  start: Int32Array;
  /** The length every id has, or 0 when they differ: id k then starts at `k * width`, without reading `start`. */
  width: number;
}

function idBytes(ids: readonly string[]): IdBytes {
  const start = new Int32Array(ids.length + 1);
  for (let k = 0; k < ids.length; k++) start[k + 1] = start[k]! + ids[k]!.length;
  const bytes = new Uint8Array(start[ids.length]!);
  // IdSchema: ASCII only, so one byte per character.
  for (let k = 0; k < ids.length; k++) for (let c = 0, id = ids[k]!; c < id.length; c++) bytes[start[k]! + c] = id.charCodeAt(c);
  const width = ids.length > 0 && ids.every((id) => id.length === ids[0]!.length) ? ids[0]!.length : 0;
  return { bytes, start, width };
}

/** What the NDJSON result lines are written from (see above): the outcome index and what is encoded beforehand. */
export interface LinesData {
  x: OutcomeIndex;
  lookups: WritingLookups;
  header: Uint8Array;
  /** Households, and apartments, per block. */
  householdBlock: number;
  apartmentBlock: number;
  householdIds: IdBytes;
  apartmentIds: IdBytes;
  /** `JSON.stringify` of each apartment's letting rule, as bytes. */
  lettingRuleJson: readonly Uint8Array[];
  /** The `{"proposal": …}` line of each matched household, by household index. */
  proposalLines: Map<number, Uint8Array>;
  /** The `{"unfilled": …}` line of each vacancy that got no proposal, by apartment index. */
  unfilledLines: Map<number, Uint8Array>;
}

/** The data of a result's lines for an index built by `outcomeIndex`; `header` is the result's first line. */
export function linesData(x: OutcomeIndex, header: string, householdBlock = HOUSEHOLD_BLOCK, apartmentBlock = APARTMENT_BLOCK): LinesData {
  const { p, matching, lookups } = x;
  if (!lookups) throw new Error("invariant: result lines need outcomeIndex's lookups");
  const proposalLines = new Map<number, Uint8Array>();
  const unfilledLines = new Map<number, Uint8Array>();
  for (let a = 0; a < p.apartments.length; a++) {
    const h = matching.householdOf[a]!;
    if (h !== -1) proposalLines.set(h, utf8(JSON.stringify({ proposal: proposalItem(x, h) })));
    else unfilledLines.set(a, utf8(JSON.stringify({ unfilled: unfilledItem(x, a) })));
  }
  return {
    x,
    lookups,
    header: utf8(header),
    householdBlock,
    apartmentBlock,
    householdIds: idBytes(p.householdIds),
    apartmentIds: idBytes(p.apartments.map((a) => a.id)),
    lettingRuleJson: p.apartments.map((a) => utf8(JSON.stringify(a.lettingRule))),
    proposalLines,
    unfilledLines,
  };
}

/**
 * How many of the blocks a result at `detail` takes from here: all at "decisions"; at "full" only the header and the
 * household lines, the vacancy lines being written with their keys by the JSON result's own item builder.
 */
export function blocksAt(d: LinesData, detail: Detail): number {
  return detail === "decisions" ? blockCount(d) : householdBlockEnd(d);
}

/** Blocks 0 .. this - 1 hold the header and the household lines (the same at every detail level). */
export function householdBlockEnd(d: LinesData): number {
  return 1 + Math.ceil(d.x.householdsById.length / d.householdBlock);
}

/**
 * Blocks of a decisions-level result: the header, then households in id order, then apartments in id order, a block
 * at a time. (At detail "full" only the first {@link householdBlockEnd} blocks come from here.)
 */
export function blockCount(d: LinesData): number {
  return householdBlockEnd(d) + Math.ceil(d.x.apartmentsById.length / d.apartmentBlock);
}

/**
 * A growing byte buffer that lines are written into. `room(n)` is asked once per entry for an upper bound of what the
 * entry writes (ids are at most 64 bytes, integers at most 16 digits, the constant fragments below 40 bytes and the
 * longest failed-checks ending below 180: a reason takes at most about 320), so the writes themselves check nothing.
 */
class Bytes {
  buf: Uint8Array;
  at = 0;

  /** A buffer to write into (grown if a block needs more), or a new one of a megabyte (a block at national scale). */
  constructor(into?: Uint8Array) {
    this.buf = into ?? new Uint8Array(1 << 20);
  }

  room(n: number): void {
    if (this.at + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.at + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.at));
    this.buf = next;
  }

  put(src: Uint8Array): void {
    const { buf } = this;
    let at = this.at;
    // A native copy costs a call: it pays from about a dozen bytes (2026-11-21, Node 20: 1.4 ns a byte by loop, 0.5 at 32 bytes by set).
    if (src.length > 12) {
      buf.set(src, at);
      this.at = at + src.length;
      return;
    }
    for (let k = 0; k < src.length; k++) buf[at++] = src[k]!;
    this.at = at;
  }

  id(ids: IdBytes, k: number): void {
    const { buf } = this;
    const { bytes } = ids;
    let at = this.at;
    // Ids of one length (the usual case) are found without a read of `start`, a cache miss at national scale.
    const { width } = ids;
    const from = width !== 0 ? k * width : ids.start[k]!;
    const to = width !== 0 ? from + width : ids.start[k + 1]!;
    for (let c = from; c < to; c++) buf[at++] = bytes[c]!;
    this.at = at;
  }

  /** A non-negative integer below 2³¹ in decimal, as JSON.stringify writes it. */
  int(n: number): void {
    const { buf } = this;
    let digits = 1;
    for (let m = n; m >= 10; m = (m / 10) | 0) digits++;
    let at = this.at + digits;
    this.at = at;
    let m = n;
    do {
      buf[--at] = 48 + (m % 10);
      m = (m / 10) | 0;
    } while (m > 0);
  }

  byte(b: number): void {
    this.buf[this.at++] = b;
  }

  /** The bytes written (the buffer is not written again). */
  bytes(): Uint8Array {
    return this.buf.subarray(0, this.at);
  }
}

/** Bound on what one reason, ranking entry or ineligible entry writes (see Bytes). */
const ENTRY_ROOM = 512;

const NEWLINE = 0x0a;
const COMMA = 0x2c;
const UNMATCHED = utf8('{"unmatched":{"householdId":"');
const REASONS = utf8('","reasons":[');
const NO_CHOICES = utf8('","reasons":[{"code":"no-choices"}]}}');
const CHOICE_RANK = utf8('","choiceRank":');
const POSITION = utf8(',"position":');
const CLOSE_LINE = utf8("]}}");
const APARTMENT = utf8('{"apartment":{"apartmentId":"');
const LETTING_RULE = utf8('","lettingRule":');
const RANKING = utf8(',"ranking":[');
const RANKING_ENTRY = utf8('{"position":');
const HOUSEHOLD_ID = utf8(',"householdId":"');
const GUARANTEE_TRUE = utf8(',"rentGuaranteeRequired":true}');
const GUARANTEE_FALSE = utf8(',"rentGuaranteeRequired":false}');
const INELIGIBLE_LIST = utf8('],"ineligible":[');
const INELIGIBLE_ENTRY = utf8('{"householdId":"');
const OUTRANKED = utf8('{"code":"outranked","apartmentId":"');
const INELIGIBLE = utf8('{"code":"ineligible","apartmentId":"');
const HOLDER_POSITION = utf8(',"holderPosition":');
const CLOSE_BRACE = 0x7d;

/** The line of household h: its `{"proposal": …}`, or `{"unmatched": …}` with a reason per ranked apartment. */
function householdLineInto(out: Bytes, d: LinesData, h: number): void {
  const { pairStart, pairApartment, pairFlags, pairFailed } = d.x.p;
  const { pairPosition, holderPosition } = d.lookups;
  if (d.x.matching.apartmentOf[h] !== -1) {
    const line = d.proposalLines.get(h)!;
    out.room(line.length + 1);
    out.put(line);
    return;
  }
  const start = pairStart[h]!;
  const end = pairStart[h + 1]!;
  out.room(ENTRY_ROOM);
  out.put(UNMATCHED);
  out.id(d.householdIds, h);
  if (start === end) {
    out.put(NO_CHOICES);
    return;
  }
  out.put(REASONS);
  for (let i = start; i < end; i++) {
    const a = pairApartment[i]!;
    out.room(ENTRY_ROOM);
    if (i !== start) out.byte(COMMA);
    const eligible = (pairFlags[i]! & ELIGIBLE) !== 0;
    // Written from constants, the apartment's id bytes and integers: per-apartment fragments were 20 000 small arrays
    // spread over the heap, read in no order.
    out.put(eligible ? OUTRANKED : INELIGIBLE);
    out.id(d.apartmentIds, a);
    out.put(CHOICE_RANK);
    out.int(i - start + 1);
    if (eligible) {
      out.put(POSITION);
      out.int(pairPosition[i]!);
      out.put(HOLDER_POSITION);
      out.int(holderPosition[a]!);
      out.byte(CLOSE_BRACE);
    } else out.put(FAILED_END[pairFailed[i]!]!);
  }
  out.room(ENTRY_ROOM);
  out.put(CLOSE_LINE);
}

/** The decisions-level `{"apartment": …}` line of apartment a. */
function apartmentLineInto(out: Bytes, d: LinesData, a: number): void {
  const { eligibleStart, eligibleHousehold, ineligibleStart, ineligibleHousehold } = d.x;
  const { eligibleEntry, ineligibleEntry } = d.lookups;
  out.room(ENTRY_ROOM + d.lettingRuleJson[a]!.length);
  out.put(APARTMENT);
  out.id(d.apartmentIds, a);
  out.put(LETTING_RULE);
  out.put(d.lettingRuleJson[a]!);
  out.put(RANKING);
  const e0 = eligibleStart[a]!;
  for (let k = e0; k < eligibleStart[a + 1]!; k++) {
    const entry = eligibleEntry[k]!;
    out.room(ENTRY_ROOM);
    if (k !== e0) out.byte(COMMA);
    out.put(RANKING_ENTRY);
    out.int(k - e0 + 1);
    out.put(HOUSEHOLD_ID);
    out.id(d.householdIds, eligibleHousehold[k]!);
    out.put(CHOICE_RANK);
    out.int(entry >> 1);
    out.put((entry & 1) !== 0 ? GUARANTEE_TRUE : GUARANTEE_FALSE);
  }
  out.room(ENTRY_ROOM);
  out.put(INELIGIBLE_LIST);
  const i0 = ineligibleStart[a]!;
  for (let k = i0; k < ineligibleStart[a + 1]!; k++) {
    const entry = ineligibleEntry[k]!;
    out.room(ENTRY_ROOM);
    if (k !== i0) out.byte(COMMA);
    out.put(INELIGIBLE_ENTRY);
    out.id(d.householdIds, ineligibleHousehold[k]!);
    out.put(CHOICE_RANK);
    out.int(entry >> 8);
    out.put(FAILED_END[entry & 0xff]!);
  }
  out.room(ENTRY_ROOM);
  out.put(CLOSE_LINE);
}

/**
 * The lines of block b (see {@link blockCount}) as UTF-8, each ended by a newline. Written into `into` when given (from
 * its start; a larger buffer when it is too small), so that a writer can reuse a few buffers for a whole result instead
 * of leaving gigabytes of them to the garbage collector: the bytes are `result.buffer`'s first `result.length`.
 */
export function blockBytes(d: LinesData, b: number, into?: Uint8Array): Uint8Array {
  const out = new Bytes(into);
  if (b === 0) {
    out.room(d.header.length + 1);
    out.put(d.header);
    out.byte(NEWLINE);
    return out.bytes();
  }
  const hb = householdBlockEnd(d) - 1;
  if (b <= hb) {
    const end = Math.min(b * d.householdBlock, d.x.householdsById.length);
    for (let k = (b - 1) * d.householdBlock; k < end; k++) {
      householdLineInto(out, d, d.x.householdsById[k]!);
      out.room(1);
      out.byte(NEWLINE);
    }
    return out.bytes();
  }
  const end = Math.min((b - hb) * d.apartmentBlock, d.x.apartmentsById.length);
  for (let k = (b - hb - 1) * d.apartmentBlock; k < end; k++) {
    const a = d.x.apartmentsById[k]!;
    apartmentLineInto(out, d, a);
    out.room(1);
    out.byte(NEWLINE);
    const unfilled = d.unfilledLines.get(a);
    if (unfilled !== undefined) {
      out.room(unfilled.length + 1);
      out.put(unfilled);
      out.byte(NEWLINE);
    }
  }
  return out.bytes();
}

const decoder = new TextDecoder();

/** Lines encoded as UTF-8, each ended by a newline (a block), as strings. */
export function decodeLines(bytes: Uint8Array): string[] {
  return decoder.decode(bytes).slice(0, -1).split("\n");
}

/** The lines of block b as strings (what {@link blockBytes} holds, decoded and split). */
export function blockLines(d: LinesData, b: number): string[] {
  return decodeLines(blockBytes(d, b));
}

/** The line of household h (its proposal, or why it got none), as a string. */
export function householdLine(d: LinesData, h: number): string {
  const out = new Bytes(new Uint8Array(1024));
  householdLineInto(out, d, h);
  return decoder.decode(out.bytes());
}

/** The decisions-level line of apartment a, as a string. */
export function apartmentLine(d: LinesData, a: number): string {
  const out = new Bytes(new Uint8Array(1024));
  apartmentLineInto(out, d, a);
  return decoder.decode(out.bytes());
}

/** The `{"unfilled": …}` line of apartment a, or undefined when it got a proposal. */
export function unfilledLine(d: LinesData, a: number): string | undefined {
  const bytes = d.unfilledLines.get(a);
  return bytes === undefined ? undefined : decoder.decode(bytes);
}

/** How many lines a result has: the header, one per household, one per apartment and one per unfilled apartment. */
export function lineCount(d: LinesData): number {
  return 1 + d.x.householdsById.length + d.x.apartmentsById.length + d.unfilledLines.size;
}
