import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { deferredAcceptance } from "../../src/mechanisms/deferred-acceptance.js";
import { type SmallInstance, allStableMatchings, blockingPairs, compileSmall } from "./da-helpers.js";

const run = (inst: SmallInstance) => [...deferredAcceptance(compileSmall(inst)).apartmentOf];

describe("deferred acceptance: known answers worked out by hand", () => {
  it("3×3: H1 is rejected at A0 (H0 outranks it) and takes its second choice A2", () => {
    // H0: A0 > A1 > A2; H1: A0 > A2 > A1; H2: A1 > A0 > A2. A0: H2 > H0 > H1; A1: H0 > H2 > H1; A2: H0 > H1 > H2.
    // H0→A0 held; H1→A0 rejected, →A2 held; H2→A1 held. Nobody blocks.
    expect(run({ prefs: [[0, 1, 2], [0, 2, 1], [1, 0, 2]], priorities: [[2, 0, 1], [0, 2, 1], [0, 1, 2]] })).toEqual([0, 2, 1]);
  });

  it("households get their household-optimal stable matching, not the apartment-optimal one", () => {
    // H0: A0 > A1; H1: A1 > A0; A0 prefers H1, A1 prefers H0. Both matchings are stable; households propose, so each gets its first choice.
    expect(run({ prefs: [[0, 1], [1, 0]], priorities: [[1, 0], [0, 1]] })).toEqual([0, 1]);
  });

  it("a chain of displacements: H2 displaces H1 at A0, H1 displaces H0 at A1, H0 ends unmatched", () => {
    // H0: A1; H1: A0 > A1; H2: A0. A0: H2 > H1; A1: H1 > H0.
    expect(run({ prefs: [[1], [0, 1], [0]], priorities: [[2, 1], [1, 0]] })).toEqual([-1, 1, 0]);
  });

  it("an apartment nobody eligible ranked stays empty; a household with no list stays unmatched", () => {
    expect(run({ prefs: [[0], []], priorities: [[0, 1], [0, 1]] })).toEqual([0, -1]);
  });
});

const smallInstance = (maxH: number, maxA: number): fc.Arbitrary<SmallInstance> =>
  fc.tuple(fc.integer({ min: 1, max: maxH }), fc.integer({ min: 1, max: maxA })).chain(([H, A]) =>
    fc.record({
      prefs: fc.array(fc.uniqueArray(fc.integer({ min: 0, max: A - 1 }), { maxLength: A }), { minLength: H, maxLength: H }),
      priorities: fc.array(fc.shuffledSubarray([...Array(H).keys()], { minLength: H, maxLength: H }), { minLength: A, maxLength: A }),
    }),
  );

describe("deferred acceptance: properties against an independent brute-force checker", () => {
  it("is stable (no justified envy, no waste) and household-optimal among all stable matchings", () => {
    fc.assert(
      fc.property(smallInstance(6, 5), (inst) => {
        const matched = run(inst);
        expect(blockingPairs(inst, matched)).toEqual([]);
        const stable = allStableMatchings(inst);
        expect(stable).toContainEqual(matched);
        // Household-optimal: every household weakly prefers its DA seat to its seat in any stable matching.
        const pos = (h: number, a: number) => (a === -1 ? Infinity : inst.prefs[h]!.indexOf(a));
        for (const m of stable) for (let h = 0; h < matched.length; h++) expect(pos(h, matched[h]!)).toBeLessThanOrEqual(pos(h, m[h]!));
      }),
      { numRuns: 300 },
    );
  });

  it("one seat per apartment and one apartment per household, always from the household's own list", () => {
    fc.assert(
      fc.property(smallInstance(30, 20), (inst) => {
        const { apartmentOf, householdOf } = deferredAcceptance(compileSmall(inst));
        apartmentOf.forEach((a, h) => {
          if (a !== -1) {
            expect(inst.prefs[h]).toContain(a);
            expect(householdOf[a]).toBe(h);
          }
        });
        householdOf.forEach((h, a) => {
          if (h !== -1) expect(apartmentOf[h]).toBe(a);
        });
      }),
    );
  });

  it("strategy-proofness probe: no truncation or reordering of one household's list gets it something it truly prefers", () => {
    fc.assert(
      fc.property(smallInstance(6, 5), fc.nat(), fc.nat(), (inst, who, perm) => {
        const h = who % inst.prefs.length;
        const truth = inst.prefs[h]!;
        const truthful = run(inst)[h]!;
        const truthfulPos = truthful === -1 ? Infinity : truth.indexOf(truthful);
        const lie = [...truth].sort((x, y) => ((x * 7919 + perm) % 13) - ((y * 7919 + perm) % 13)).slice(0, 1 + (perm % (truth.length + 1)));
        const lied = run({ ...inst, prefs: inst.prefs.map((p, i) => (i === h ? lie : p)) })[h]!;
        const liedPos = lied === -1 ? Infinity : truth.indexOf(lied);
        expect(liedPos).toBeGreaterThanOrEqual(truthfulPos);
      }),
      { numRuns: 300 },
    );
  });
});
