import { codesOfMask } from "../rules/eligibility.js";
import { type OutcomeIndex, holderPositionAt, pairPositionAt } from "./outcome.js";

const ELIGIBLE = 1;

/*
 * The two NDJSON result lines that make up nearly all of a national-scale result, written as text directly instead of
 * building each item's objects and handing them to JSON.stringify: `{"unmatched": …}` and `{"apartment": …}` at detail
 * "decisions". Each is byte for byte `JSON.stringify({ unmatched: unmatchedItem(x, h) })` and
 * `JSON.stringify({ apartment: apartmentItem(x, a, "decisions") })` (test/mechanisms/lines.test.ts holds them equal on generated
 * instances under every preset), with the same key order. Household and apartment ids are embedded without escaping:
 * IdSchema admits only `[A-Za-z0-9._:-]`, which JSON never escapes; every other string goes through JSON.stringify.
 */

/** `["income","rent-guarantee"]` for each failed-check mask (one byte per ranked pair, see prepare). */
const FAILED_JSON = Array.from({ length: 256 }, (_, mask) => JSON.stringify(codesOfMask(mask)));
const failedJsonOf = (mask: number): string => FAILED_JSON[mask]!;

/** The `{"unmatched": …}` line of household h, or undefined if it got a proposal. */
export function unmatchedLine(x: OutcomeIndex, h: number): string | undefined {
  const { p, matching } = x;
  if (matching.apartmentOf[h] !== -1) return undefined;
  const start = p.pairStart[h]!;
  const end = p.pairStart[h + 1]!;
  if (start === end) return `{"unmatched":{"householdId":"${p.households[h]!.id}","reasons":[{"code":"no-choices"}]}}`;
  let s = `{"unmatched":{"householdId":"${p.households[h]!.id}","reasons":[`;
  for (let i = start; i < end; i++) {
    const a = p.pairApartment[i]!;
    const head = `${i === start ? "" : ","}{"code":"`;
    const where = `","apartmentId":"${p.apartments[a]!.id}","choiceRank":${i - start + 1}`;
    if ((p.pairFlags[i]! & ELIGIBLE) === 0) s += `${head}ineligible${where},"failed":${failedJsonOf(p.pairFailed[i]!)}}`;
    else s += `${head}outranked${where},"position":${pairPositionAt(x, a, h, i)},"holderPosition":${holderPositionAt(x, a)}}`;
  }
  return `${s}]}}`;
}

/** The `{"apartment": …}` line of apartment a at detail "decisions". */
export function apartmentDecisionsLine(x: OutcomeIndex, a: number): string {
  const { p } = x;
  const apartment = p.apartments[a]!;
  let s = `{"apartment":{"apartmentId":"${apartment.id}","lettingRule":${JSON.stringify(apartment.lettingRule)},"ranking":[`;
  const ids = p.householdIds;
  for (let k = x.eligibleStart[a]!; k < x.eligibleStart[a + 1]!; k++) {
    const entry = x.eligibleEntry[k]!;
    s += `${k === x.eligibleStart[a] ? "" : ","}{"position":${k - x.eligibleStart[a]! + 1},"householdId":"${ids[x.eligibleHousehold[k]!]!}","choiceRank":${entry >> 1},"rentGuaranteeRequired":${(entry & 1) !== 0}}`;
  }
  s += `],"ineligible":[`;
  for (let k = x.ineligibleStart[a]!; k < x.ineligibleStart[a + 1]!; k++) {
    const entry = x.ineligibleEntry[k]!;
    s += `${k === x.ineligibleStart[a] ? "" : ","}{"householdId":"${ids[x.ineligibleHousehold[k]!]!}","choiceRank":${entry >> 8},"failed":${failedJsonOf(entry & 0xff)}}`;
  }
  return `${s}]}}`;
}
