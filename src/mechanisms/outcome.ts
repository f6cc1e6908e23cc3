import { strictlyIncreasing } from "../model/input.js";
import type { ApartmentAnyDetail, ApartmentDecisions, ApartmentOutcome, ChoiceReason, Detail, PriorityJson, Proposal, UnfilledReason } from "../model/result.js";
import { CHECK_CODES, type Check, codesOfMask } from "../rules/eligibility.js";
import type { PriorityKey } from "../rules/priority.js";
import type { Matching } from "./deferred-acceptance.js";
import { type Prepared, eligibilityAt, keyAt } from "./prepare.js";

const ELIGIBLE = 1;
const GUARANTEE = 2;
const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Indices of records ordered by id. Inputs usually list records in id order already: one pass confirms it (the same
 * test the cross-record checks make). Otherwise the ids are sorted from one array of them (at 10⁶ households, a
 * comparator reading each record's id across the heap took seconds).
 */
function byIdOrder(ids: readonly string[]): Int32Array {
  const order = Int32Array.from(ids.keys());
  if (strictlyIncreasing(ids)) return order;
  return order.sort((x, y) => byCodePoint(ids[x]!, ids[y]!));
}

/** A priority key as it appears in results: group id and each criterion's value. */
export function priorityJson(key: PriorityKey): PriorityJson {
  return { group: key.group?.id ?? null, parts: key.parts.map((p) => ({ key: p.key, value: p.value })) };
}

/**
 * Lookups for writing a result, in flat arrays built once (linear in ranked pairs): each apartment's eligible
 * applicants in priority order and its ineligible applicants in id order, and households and apartments in id order.
 */
export interface OutcomeIndex {
  p: Prepared;
  matching: Matching;
  /** Household indices sorted by id (code point), and each household's place in that order. */
  householdsById: Int32Array;
  /** Apartment indices sorted by id (code point). */
  apartmentsById: Int32Array;
  /** Eligible applicants of apartment a: `eligibleHousehold[eligibleStart[a] .. eligibleStart[a + 1]]`, highest priority first. */
  eligibleStart: Int32Array;
  eligibleHousehold: Int32Array;
  eligiblePair: Int32Array;
  /** Ineligible applicants of apartment a, by household id. */
  ineligibleStart: Int32Array;
  ineligibleHousehold: Int32Array;
  ineligiblePair: Int32Array;
  /** Keep each computed eligibility for the life of the run (a JSON result with explanations), or not (a stream). */
  memo: boolean;
  /** What writing a whole result reads instead of searching; built by outcomeIndex, not by outcomeIndexFor. */
  lookups?: WritingLookups;
}

/**
 * Kept beside the applicant lists for writing a national-scale result, where searches and reads across the whole
 * queue cost more than the rest of the lines.
 */
export interface WritingLookups {
  /** 1-based position of each eligible ranked pair in its vacancy's ranking, and of each vacancy's holder (0: unfilled). */
  pairPosition: Int32Array;
  holderPosition: Int32Array;
  /**
   * Parallel to the applicant lists, what their entries print: eligible `choiceRank << 1 | rent guarantee required`,
   * ineligible `choiceRank << 8 | failed checks` (bits 0–7 of eligibilityBits).
   */
  eligibleEntry: Int32Array;
  ineligibleEntry: Int32Array;
}

/** The packed entry of an eligible applicant (ranked pair i of household h), see {@link WritingLookups}. */
const eligibleEntryOf = (p: Prepared, h: number, i: number): number => ((i - p.pairStart[h]! + 1) << 1) | ((p.pairFlags[i]! & GUARANTEE) !== 0 ? 1 : 0);
/** The packed entry of an ineligible applicant (ranked pair i of household h), see {@link WritingLookups}. */
const ineligibleEntryOf = (p: Prepared, h: number, i: number): number => ((i - p.pairStart[h]! + 1) << 8) | p.pairFailed[i]!;

/** Builds the lookups for one run and matching. */
export function outcomeIndex(p: Prepared, matching: Matching, memo = true): OutcomeIndex {
  const { households, apartments, pairStart, pairApartment, pairFlags, compiled } = p;
  const A = apartments.length;
  const householdsById = byIdOrder(p.householdIds);
  const apartmentsById = byIdOrder(apartments.map((a) => a.id));

  const ruleOf = compiled.ruleOf;
  // Each household's eligible pairs are grouped by letting rule, so that each rule's pass below visits only its own
  // pairs (at 10⁶ households, scanning every pair of a household once per rule it applied under took seconds).
  const R = p.order.length;
  const n = households.length;
  const eligibleStart = new Int32Array(A + 1);
  const ineligibleStart = new Int32Array(A + 1);
  const groupStart = new Int32Array(n * R + 1);
  // One pass counts both: each vacancy's eligible and ineligible applicants, and each household's eligible pairs per rule.
  for (let h = 0; h < n; h++) {
    for (let i = pairStart[h]!, end = pairStart[h + 1]!; i < end; i++) {
      const a = pairApartment[i]!;
      if ((pairFlags[i]! & ELIGIBLE) !== 0) {
        eligibleStart[a + 1]!++;
        groupStart[h * R + ruleOf[a]! + 1]!++;
      } else ineligibleStart[a + 1]!++;
    }
  }
  for (let a = 0; a < A; a++) {
    eligibleStart[a + 1]! += eligibleStart[a]!;
    ineligibleStart[a + 1]! += ineligibleStart[a]!;
  }
  for (let g = 0; g < n * R; g++) groupStart[g + 1]! += groupStart[g]!;
  const eligibleHousehold = new Int32Array(eligibleStart[A]!);
  const eligiblePair = new Int32Array(eligibleStart[A]!);
  const ineligibleHousehold = new Int32Array(ineligibleStart[A]!);
  const ineligiblePair = new Int32Array(ineligibleStart[A]!);
  const eligibleEntry = new Int32Array(eligibleStart[A]!);
  const ineligibleEntry = new Int32Array(ineligibleStart[A]!);
  // Per grouped pair: the pair, its apartment and its printed entry, side by side, so that the priority-order pass below
  // (households in random order) reads one place per pair instead of three arrays.
  const grouped = new Int32Array(3 * groupStart[n * R]!);
  const eFill = eligibleStart.slice(0, A);
  const iFill = ineligibleStart.slice(0, A);
  const gFill = groupStart.slice(0, n * R);
  // Filled in the order each segment must end up in, so no segment is sorted: ineligible applicants by household id
  // here (the groups' order within a household does not depend on the order households are visited in), eligible
  // applicants below, rule by rule in that rule's priority order (p.order, the order the rank arrays encode).
  for (const h of householdsById) {
    for (let i = pairStart[h]!, end = pairStart[h + 1]!; i < end; i++) {
      const a = pairApartment[i]!;
      if ((pairFlags[i]! & ELIGIBLE) !== 0) {
        const g = 3 * gFill[h * R + ruleOf[a]!]!++;
        grouped[g] = i;
        grouped[g + 1] = a;
        grouped[g + 2] = eligibleEntryOf(p, h, i);
        continue;
      }
      const k = iFill[a]!++;
      ineligibleHousehold[k] = h;
      ineligibleEntry[k] = ineligibleEntryOf(p, h, i);
      ineligiblePair[k] = i;
    }
  }
  const pairPosition = new Int32Array(pairApartment.length);
  const holderPosition = new Int32Array(A);
  const holder = matching.householdOf;
  for (let ri = 0; ri < R; ri++) {
    for (const h of p.order[ri]!) {
      for (let g = 3 * groupStart[h * R + ri]!, end = 3 * groupStart[h * R + ri + 1]!; g < end; g += 3) {
        const i = grouped[g]!;
        const a = grouped[g + 1]!;
        const k = eFill[a]!++;
        const position = k - eligibleStart[a]! + 1;
        pairPosition[i] = position;
        if (holder[a] === h) holderPosition[a] = position;
        eligibleHousehold[k] = h;
        eligibleEntry[k] = grouped[g + 2]!;
        eligiblePair[k] = i;
      }
    }
  }
  return { p, matching, householdsById, apartmentsById, eligibleStart, eligibleHousehold, eligiblePair, ineligibleStart, ineligibleHousehold, ineligiblePair, memo, lookups: { pairPosition, holderPosition, eligibleEntry, ineligibleEntry } };
}

/** 1-based position of household h, ranked pair i, among apartment a's eligible applicants. */
export function pairPositionAt(x: OutcomeIndex, a: number, h: number, i: number): number {
  return x.lookups ? x.lookups.pairPosition[i]! : positionAt(x, a, h);
}

/** 1-based position of the household apartment a was proposed to among its eligible applicants (a must be filled). */
export function holderPositionAt(x: OutcomeIndex, a: number): number {
  return x.lookups ? x.lookups.holderPosition[a]! : positionAt(x, a, x.matching.householdOf[a]!);
}

/** 1-based position of household h among apartment a's eligible applicants (binary search by rank). */
export function positionAt(x: OutcomeIndex, a: number, h: number): number {
  const rank = x.p.compiled.rank[x.p.ruleIndex.get(x.p.apartments[a]!.lettingRule)!]!;
  let lo = x.eligibleStart[a]!;
  let hi = x.eligibleStart[a + 1]!;
  const target = rank[h]!;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rank[x.eligibleHousehold[mid]!]! < target) lo = mid + 1;
    else hi = mid;
  }
  return lo - x.eligibleStart[a]! + 1;
}

const failedAt = (x: OutcomeIndex, h: number, i: number): Check[] => eligibilityAt(x.p, h, i, x.memo).checks.filter((c) => !c.pass);

/** The codes of the checks failed on ranked pair i, in check order: every "codes only" need reads them here. */
export function failedCodes(x: OutcomeIndex, i: number): string[] {
  // Kept per pair by prepare (the same cores as checkEligibility, property-tested equal): no checks rebuilt.
  return codesOfMask(x.p.pairFailed[i]!);
}

const keyOf = (p: Prepared, a: number, h: number): PriorityKey => keyAt(p, p.ruleIndex.get(p.apartments[a]!.lettingRule)!, h)!;

/** The proposal of a matched household, or undefined. */
export function proposalItem(x: OutcomeIndex, h: number): Proposal | undefined {
  const { p, matching } = x;
  const a = matching.apartmentOf[h]!;
  if (a === -1) return undefined;
  let i = p.pairStart[h]!;
  while (p.pairApartment[i] !== a) i++;
  const apartment = p.apartments[a]!;
  return { householdId: p.householdIds[h]!, apartmentId: apartment.id, choiceRank: i - p.pairStart[h]! + 1, lettingRule: apartment.lettingRule, rentGuaranteeRequired: (p.pairFlags[i]! & GUARANTEE) !== 0, priority: priorityJson(keyOf(p, a, h)) };
}

/** Why an unmatched household got none of its ranked apartments, one reason per ranked apartment. */
export function unmatchedItem(x: OutcomeIndex, h: number): { householdId: string; reasons: ChoiceReason[] } | undefined {
  const { p, matching } = x;
  if (matching.apartmentOf[h] !== -1) return undefined;
  const reasons: ChoiceReason[] = [];
  for (let i = p.pairStart[h]!; i < p.pairStart[h + 1]!; i++) {
    const a = p.pairApartment[i]!;
    const apartmentId = p.apartments[a]!.id;
    const choiceRank = i - p.pairStart[h]! + 1;
    if ((p.pairFlags[i]! & ELIGIBLE) === 0) {
      reasons.push({ code: "ineligible", apartmentId, choiceRank, failed: failedCodes(x, i) });
      continue;
    }
    // No waste and no justified envy: an eligible apartment the household did not get is held by someone ranked higher.
    reasons.push({ code: "outranked", apartmentId, choiceRank, position: pairPositionAt(x, a, h, i), holderPosition: holderPositionAt(x, a) });
  }
  return { householdId: p.householdIds[h]!, reasons: reasons.length > 0 ? reasons : [{ code: "no-choices" }] };
}

/**
 * A vacancy's eligible applicants in priority order and its ineligible applicants with the checks they failed: at detail
 * "full" (the default) each entry's priority key and each failed check's code and compared values, at "decisions"
 * neither key nor values, only the failed checks' codes.
 */
export function apartmentItem(x: OutcomeIndex, a: number, detail?: "full"): ApartmentOutcome;
export function apartmentItem(x: OutcomeIndex, a: number, detail: "decisions"): ApartmentDecisions;
export function apartmentItem(x: OutcomeIndex, a: number, detail: Detail): ApartmentAnyDetail;
export function apartmentItem(x: OutcomeIndex, a: number, detail: Detail = "full"): ApartmentAnyDetail {
  const { p } = x;
  const full = detail === "full";
  const apartment = p.apartments[a]!;
  const ranking: ApartmentAnyDetail["ranking"] = [];
  for (let k = x.eligibleStart[a]!; k < x.eligibleStart[a + 1]!; k++) {
    const h = x.eligibleHousehold[k]!;
    const i = x.eligiblePair[k]!;
    const position = ranking.length + 1;
    const householdId = p.householdIds[h]!;
    const choiceRank = i - p.pairStart[h]! + 1;
    const rentGuaranteeRequired = (p.pairFlags[i]! & GUARANTEE) !== 0;
    ranking.push(full ? { position, householdId, choiceRank, rentGuaranteeRequired, priority: priorityJson(keyOf(p, a, h)) } : { position, householdId, choiceRank, rentGuaranteeRequired });
  }
  const ineligible: ApartmentAnyDetail["ineligible"] = [];
  for (let k = x.ineligibleStart[a]!; k < x.ineligibleStart[a + 1]!; k++) {
    const h = x.ineligibleHousehold[k]!;
    const i = x.ineligiblePair[k]!;
    const householdId = p.householdIds[h]!;
    const choiceRank = i - p.pairStart[h]! + 1;
    // Codes and compared values (DESIGN section 4); each rule's source is cited in the explanations.
    ineligible.push(full ? { householdId, choiceRank, failed: failedAt(x, h, i).map(withoutSource) as ApartmentOutcome["ineligible"][number]["failed"] } : { householdId, choiceRank, failed: failedCodes(x, i) });
  }
  return { apartmentId: apartment.id, lettingRule: apartment.lettingRule, ranking, ineligible };
}

function withoutSource(check: Check): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key in check) if (key !== "source") out[key] = (check as unknown as Record<string, unknown>)[key];
  return out;
}

/** Why a vacancy got no proposal, or undefined if it was filled. */
export function unfilledItem(x: OutcomeIndex, a: number): { apartmentId: string; reasons: UnfilledReason[] } | undefined {
  const { p, matching } = x;
  if (matching.householdOf[a] !== -1) return undefined;
  const eligible = x.eligibleStart[a + 1]! - x.eligibleStart[a]!;
  const ineligible = x.ineligibleStart[a + 1]! - x.ineligibleStart[a]!;
  let reason: UnfilledReason;
  if (eligible > 0) reason = { code: "applicants-placed-higher", eligibleApplicants: eligible };
  else if (ineligible > 0) {
    const counts = new Map<string, number>();
    for (let k = x.ineligibleStart[a]!; k < x.ineligibleStart[a + 1]!; k++) {
      for (const code of new Set(failedCodes(x, x.ineligiblePair[k]!))) counts.set(code, (counts.get(code) ?? 0) + 1);
    }
    const failed: Record<string, number> = {};
    for (const code of CHECK_CODES) if (counts.has(code)) failed[code] = counts.get(code)!;
    reason = { code: "no-eligible-applicants", applicants: ineligible, failed };
  } else reason = { code: "no-applicants" };
  return { apartmentId: p.apartments[a]!.id, reasons: [reason] };
}

/**
 * The lookups of {@link outcomeIndex} restricted to the apartments one household ranked (one scan of the ranked pairs),
 * so that explaining one household after a national-scale run does not build the whole result. The apartments'
 * ineligible applicants are left out (empty lists): a household's explanation reads the rankings, not the checks
 * other households failed, and building those checks for every applicant of a popular vacancy costs more than the rest.
 */
export function outcomeIndexFor(p: Prepared, matching: Matching, household: number): OutcomeIndex {
  const { households, apartments, pairStart, pairApartment, compiled } = p;
  const { prefStart, prefApartment, ruleOf, rank } = compiled;
  const A = apartments.length;
  const n = households.length;
  const wanted = new Uint8Array(A);
  for (let i = pairStart[household]!; i < pairStart[household + 1]!; i++) wanted[pairApartment[i]!] = 1;
  // Every household's eligible apartments (the matching instance's lists: 4 in 10 ranked pairs at 10⁶ × 20) are scanned
  // for the wanted ones, once to count them and once to note the applicants' places in their rules' orders. The first
  // explanation in a process runs these loops before V8 has optimised them (a second or so over all ranked pairs at
  // 10⁶ × 20, while the one compiler thread is busy), so they read as little as they can.
  const eligibleStart = new Int32Array(A + 1);
  for (let k = 0; k < prefApartment.length; k++) if (wanted[prefApartment[k]!] === 1) eligibleStart[prefApartment[k]! + 1]!++;
  for (let a = 0; a < A; a++) eligibleStart[a + 1]! += eligibleStart[a]!;
  const total = eligibleStart[A]!;
  const places = new Int32Array(total);
  const fill = eligibleStart.slice(0, A);
  for (let h = 0; h < n; h++) {
    for (let k = prefStart[h]!, end = prefStart[h + 1]!; k < end; k++) {
      const a = prefApartment[k]!;
      if (wanted[a] === 1) places[fill[a]!++] = rank[ruleOf[a]!]![h]!;
    }
  }
  // Each wanted apartment's applicants in priority order. A household's place in its rule's order is unique, so sorting
  // the places (natively, without a comparator) orders them, and the rule's order gives the households back.
  const eligibleHousehold = new Int32Array(total);
  const eligiblePair = new Int32Array(total);
  const apartmentsById: number[] = [];
  for (let a = 0; a < A; a++) {
    if (wanted[a] === 0) continue;
    apartmentsById.push(a);
    const order = p.order[ruleOf[a]!]!;
    const from = eligibleStart[a]!;
    const to = eligibleStart[a + 1]!;
    places.subarray(from, to).sort();
    for (let at = from; at < to; at++) {
      const h = order[places[at]!]!;
      // The household's ranked pair naming a (a ranking names an apartment once).
      let i = pairStart[h]!;
      while (pairApartment[i] !== a) i++;
      eligibleHousehold[at] = h;
      eligiblePair[at] = i;
    }
  }
  return {
    p,
    matching,
    householdsById: Int32Array.of(household),
    apartmentsById: Int32Array.from(apartmentsById).sort((x, y) => byCodePoint(apartments[x]!.id, apartments[y]!.id)),
    eligibleStart,
    eligibleHousehold,
    eligiblePair,
    ineligibleStart: new Int32Array(A + 1),
    ineligibleHousehold: new Int32Array(0),
    ineligiblePair: new Int32Array(0),
    memo: false,
  };
}
