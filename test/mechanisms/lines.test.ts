import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { validateAndPrepare } from "../../src/mechanisms/allocate.js";
import { deferredAcceptance } from "../../src/mechanisms/deferred-acceptance.js";
import { apartmentLine, blockCount, blockLines, householdLine, linesData } from "../../src/mechanisms/lines.js";
import { apartmentItem, outcomeIndex, outcomeIndexFor, positionAt, proposalItem, unfilledItem, unmatchedItem } from "../../src/mechanisms/outcome.js";
import { validInput } from "../arbitraries/index.js";

/**
 * The text-built NDJSON lines (src/mechanisms/lines.ts) against the items they stand for: every household's
 * `{"unmatched": …}` line and every apartment's decisions-level `{"apartment": …}` line must be exactly
 * JSON.stringify of the item objects the JSON result is built from.
 */
function expectLinesEqualItems(raw: unknown): number {
  const run = validateAndPrepare(raw);
  if (!run.ok) return 0;
  const p = run.value.prepared;
  const x = outcomeIndex(p, deferredAcceptance(p.compiled), false);
  const d = linesData(x, "{}");
  let unmatched = 0;
  for (let h = 0; h < p.households.length; h++) {
    const item = unmatchedItem(x, h);
    expect(householdLine(d, h)).toBe(item === undefined ? JSON.stringify({ proposal: proposalItem(x, h) }) : JSON.stringify({ unmatched: item }));
    if (item !== undefined) unmatched++;
  }
  for (let a = 0; a < p.apartments.length; a++) expect(apartmentLine(d, a)).toBe(JSON.stringify({ apartment: apartmentItem(x, a, "decisions") }));
  // The blocks hold every line once, in result order: households by id, then apartments by id (with unfilled lines).
  const expected = ["{}"];
  for (const h of x.householdsById) expected.push(householdLine(d, h));
  for (const a of x.apartmentsById) {
    expected.push(apartmentLine(d, a));
    const unfilled = unfilledItem(x, a);
    if (unfilled) expected.push(JSON.stringify({ unfilled }));
  }
  for (const [households, apartments] of [[1, 1], [2, 3], [3, 2], [2048, 32]] as const) {
    const blocked = linesData(x, "{}", households, apartments);
    expect(Array.from({ length: blockCount(blocked) }, (_, b) => [...blockLines(blocked, b)]).flat()).toEqual(expected);
  }
  return unmatched;
}

describe("text-built result lines equal JSON.stringify of their items", () => {
  for (const policy of ["orebro", "stockholm", "lund"] as const) {
    it(`on generated inputs under ${policy} (pseudonymous ids)`, () => {
      fc.assert(
        fc.property(validInput({ policy, ids: "pseudonymous", households: { max: 25 }, apartments: { max: 8 }, maxChoices: 6 }), (raw) => {
          expectLinesEqualItems(raw);
        }),
        { numRuns: 60 },
      );
    });
  }

  it("on the bundled example, where some households are unmatched", () => {
    const raw = JSON.parse(readFileSync(new URL("../../examples/data/orebro-batch.json", import.meta.url), "utf8"));
    expect(expectLinesEqualItems(raw)).toBeGreaterThan(0);
  });

  it("with every character an id may hold, and a household that ranked nothing", () => {
    fc.assert(
      fc.property(validInput({ households: { min: 3, max: 10 }, apartments: { min: 2, max: 5 } }), (raw) => {
        // IdSchema admits [A-Za-z0-9._:-]: rename every id (and every ranking entry) to use the punctuation too.
        const rename = (id: string): string => `x.${id}_:-Z`;
        const households = raw.households.map((h, k) => ({ ...h, id: rename(h.id), preferences: { ranking: k === 0 ? [] : h.preferences.ranking.map(rename) } }));
        const apartments = raw.apartments.map((a) => ({ ...a, id: rename(a.id) }));
        expectLinesEqualItems({ ...raw, households, apartments });
      }),
      { numRuns: 40 },
    );
  });

  it("with ids all of one length and of mixed lengths (ids of one length are found without their start offsets)", () => {
    fc.assert(
      fc.property(validInput({ households: { min: 2, max: 12 }, apartments: { min: 2, max: 5 } }), fc.boolean(), fc.boolean(), (raw, sameHouseholds, sameApartments) => {
        // Both kinds of id padded to one width, or given lengths that differ; rankings renamed with their apartments.
        const rename = (prefix: string, same: boolean) => (k: number): string => (same ? `${prefix}-${String(k).padStart(4, "0")}` : `${prefix}-${"x".repeat(k % 3)}${k}`);
        const householdId = rename("H", sameHouseholds);
        const apartmentId = rename("A", sameApartments);
        const index = new Map(raw.apartments.map((a, k) => [a.id, k]));
        const households = raw.households.map((h, k) => ({ ...h, id: householdId(k), preferences: { ranking: h.preferences.ranking.map((id) => apartmentId(index.get(id)!)) } }));
        const apartments = raw.apartments.map((a, k) => ({ ...a, id: apartmentId(k) }));
        expectLinesEqualItems({ ...raw, households, apartments });
      }),
      { numRuns: 60 },
    );
  });
});

describe("looked-up positions equal the searched ones", () => {
  it("every eligible pair's position and every holder's position, as positionAt finds them; and the one-household index agrees", () => {
    fc.assert(
      fc.property(validInput({ households: { max: 25 }, apartments: { max: 8 }, maxChoices: 6 }), (raw) => {
        const run = validateAndPrepare(raw);
        if (!run.ok) return;
        const p = run.value.prepared;
        const matching = deferredAcceptance(p.compiled);
        const x = outcomeIndex(p, matching, false);
        for (let h = 0; h < p.households.length; h++) {
          for (let i = p.pairStart[h]!; i < p.pairStart[h + 1]!; i++) {
            if ((p.pairFlags[i]! & 1) === 0) continue;
            expect(x.lookups!.pairPosition[i]).toBe(positionAt(x, p.pairApartment[i]!, h));
          }
          // Explaining one household builds a restricted index without the lookups: its reasons must be the same, and
          // so must the eligible applicants (households and their ranked pairs, in order) of every apartment it ranked.
          const one = outcomeIndexFor(p, matching, h);
          expect(unmatchedItem(one, h)).toEqual(unmatchedItem(x, h));
          const ranked = new Set(Array.from(p.pairApartment.subarray(p.pairStart[h]!, p.pairStart[h + 1]!)));
          expect([...one.apartmentsById].sort((a, b) => a - b)).toEqual([...ranked].sort((a, b) => a - b));
          for (const a of ranked) {
            const segment = (y: typeof x, list: Int32Array) => Array.from(list.subarray(y.eligibleStart[a]!, y.eligibleStart[a + 1]!));
            expect(segment(one, one.eligibleHousehold)).toEqual(segment(x, x.eligibleHousehold));
            expect(segment(one, one.eligiblePair)).toEqual(segment(x, x.eligiblePair));
          }
        }
        for (let a = 0; a < p.apartments.length; a++) {
          const holder = matching.householdOf[a]!;
          expect(x.lookups!.holderPosition[a]).toBe(holder === -1 ? 0 : positionAt(x, a, holder));
        }
      }),
      { numRuns: 60 },
    );
  });
});
