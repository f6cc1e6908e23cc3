import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeFacts } from "../../src/facts/catalogue.js";
import { validateAndPrepare } from "../../src/mechanisms/allocate.js";
import { PrepareBuilder, allOf, compareKeyAt, joinParts, keyAt } from "../../src/mechanisms/prepare.js";
import { compareKeys, priorityKey } from "../../src/rules/priority.js";
import { validInput } from "../arbitraries/index.js";

/**
 * A run's households prepared in parts, each by its own builder (as threads would prepare halves of a national-scale
 * file), and joined: the same prepared run as one builder over every household, whatever the cuts.
 */
describe("preparing in parts (PrepareBuilder.part, joinParts)", () => {
  it("joined parts give one builder's run: pairs, verdicts, priority orders, ranks and the matching instance", () => {
    fc.assert(
      fc.property(
        validInput({ households: { min: 0, max: 25 }, apartments: { min: 1, max: 6 } }),
        fc.constantFrom("orebro", "stockholm", "goteborg", "lund"),
        fc.array(fc.nat(), { maxLength: 4 }),
        (raw, policy, cutSeeds) => {
          const whole = validateAndPrepare({ ...raw, policy });
          if (!whole.ok) return;
          const p = whole.value.prepared;
          const { input } = whole.value;
          const households = allOf(p.households);
          const n = households.length;
          const cuts = [...new Set(cutSeeds.map((c) => c % (n + 1)))].sort((a, b) => a - b);
          const bounds = [0, ...cuts, n];
          const parts = [];
          for (let k = 0; k + 1 < bounds.length; k++) {
            const builder = new PrepareBuilder(input);
            for (let h = bounds[k]!; h < bounds[k + 1]!; h++) builder.add(households[h]!);
            parts.push(builder.part());
          }
          const facts = households.map((h) => computeFacts(h, { asOf: input.asOf, policy: input.policy }));
          const joined = joinParts(input, parts, households, facts);
          expect(joined.householdIds).toEqual(p.householdIds);
          expect(joined.lotteries).toEqual(p.lotteries);
          expect(joined.groups).toEqual(p.groups);
          expect(Array.from(joined.pairStart)).toEqual(Array.from(p.pairStart));
          expect(Array.from(joined.pairApartment)).toEqual(Array.from(p.pairApartment));
          expect(Array.from(joined.pairFlags)).toEqual(Array.from(p.pairFlags));
          expect(Array.from(joined.pairFailed)).toEqual(Array.from(p.pairFailed));
          expect(joined.rules).toEqual(p.rules);
          expect(joined.order).toEqual(p.order);
          expect(joined.keyScores.map((k) => Array.from(k))).toEqual(p.keyScores.map((k) => Array.from(k)));
          expect(joined.compiled.rank.map((r) => Array.from(r))).toEqual(p.compiled.rank.map((r) => Array.from(r)));
          expect(Array.from(joined.compiled.prefStart)).toEqual(Array.from(p.compiled.prefStart));
          expect(Array.from(joined.compiled.prefApartment)).toEqual(Array.from(p.compiled.prefApartment));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("keys from the ranking's packed scores (keyAt, compareKeyAt)", () => {
  it("equal the key priorityKey computes from the household's record and facts, and compare as compareKeys does", () => {
    let decisions = 0;
    let groups = 0;
    fc.assert(
      fc.property(validInput({ households: { min: 1, max: 25 }, apartments: { min: 1, max: 6 } }), fc.constantFrom("orebro", "stockholm", "goteborg", "lund"), (raw, policy) => {
        const run = validateAndPrepare({ ...raw, policy });
        if (!run.ok) return;
        const p = run.value.prepared;
        const { input } = run.value;
        const households = allOf(p.households);
        const facts = allOf(p.facts);
        p.rules.forEach((rule, ri) => {
          for (let h = 0; h < households.length; h++) {
            const key = keyAt(p, ri, h);
            if (p.compiled.rank[ri]![h]! >= households.length) {
              expect(key).toBeUndefined();
              continue;
            }
            const reference = priorityKey(facts[h]!, households[h]!, rule, input.policy, input.seed);
            expect(key).toEqual(reference);
            if (key!.parts.some((part) => part.key === "social-priority-date" && part.value !== null)) decisions++;
            if (key!.group !== null) groups++;
            for (const other of p.order[ri]!) expect(compareKeyAt(p, ri, reference, other)).toBe(compareKeys(reference, keyAt(p, ri, other)!));
          }
        });
      }),
      { numRuns: 150 },
    );
    // The generated households hold social-priority decisions and priority groups, whose values come back too.
    expect(decisions).toBeGreaterThan(0);
    expect(groups).toBeGreaterThan(0);
  });
});
