import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rerunMechanism } from "../../src/explain/counterfactual.js";
import { validateAndPrepare } from "../../src/mechanisms/allocate.js";
import { deferredAcceptance, proposals, proposeFrom } from "../../src/mechanisms/deferred-acceptance.js";
import { householdVariant, withHousehold } from "../../src/mechanisms/prepare.js";
import type { Household } from "../../src/model/household.js";
import { validInput } from "../arbitraries/index.js";

/**
 * Counterfactual re-runs are incremental (src/explain/counterfactual.ts): everyone but the changed household is matched
 * once, then the changed household proposes into that state. Deferred acceptance does not depend on the order of
 * proposals, so this must be exactly the matching of a whole re-run on the changed instance (withHousehold).
 */
describe("incremental counterfactual re-runs equal whole re-runs", () => {
  it("for any household replaced by another household's facts (its own id and ranking kept), under every preset", () => {
    // Few vacancies and many households: long chains of displacement, the case worth checking.
    const instance = fc
      .tuple(fc.constantFrom("orebro", "stockholm", "lund"), fc.integer({ min: 1, max: 40 }))
      .chain(([policy, households]) => validInput({ policy, households: { min: households, max: households }, apartments: { min: 2, max: 5 }, maxChoices: 5 }));
    fc.assert(
      fc.property(instance, fc.nat(), fc.nat(), (raw, pick, donor) => {
        const run = validateAndPrepare(raw);
        if (!run.ok) return;
        const p = run.value.prepared;
        const index = pick % p.households.length;
        const other = p.households.at(donor % p.households.length)!;
        const original = p.households.at(index)!;
        const changed: Household = { ...structuredClone(other), id: original.id, preferences: original.preferences };

        const whole = deferredAcceptance(withHousehold(p, index, changed).compiled);
        const state = proposals(p.compiled, index);
        state.next[index] = 0;
        proposeFrom(p.compiled, state, index, householdVariant(p, index, changed));
        expect(Array.from(state.householdOf)).toEqual(Array.from(whole.householdOf));
        expect(rerunMechanism(p, index, changed).apartment).toBe(whole.apartmentOf[index]);
      }),
      { numRuns: 600 },
    );
  });

  it("a displaced household that proposes to the changed household's apartment is compared by the variant's order", () => {
    // Apartments a = 0 and b = 1 under one rule; households X = 0, Y = 1 and the changed V = 2, priority V, X, Y.
    // Without V: X holds a, Y holds b. V takes a from X, X takes b from Y, and Y asks for a, which V keeps.
    const rank = [Int32Array.of(1, 2, 0)];
    const whole = { households: 3, apartments: 2, prefStart: Int32Array.of(0, 2, 4, 5), prefApartment: Int32Array.of(0, 1, 1, 0, 0), ruleOf: Uint8Array.of(0, 0), rank };
    const state = proposals(whole, 2);
    expect(Array.from(state.householdOf)).toEqual([0, 1]);
    state.next[2] = 0;
    proposeFrom(whole, state, 2, { household: 2, prefs: Int32Array.of(0), compare: (rule, other) => rank[rule]![2]! - rank[rule]![other]! });
    expect(Array.from(state.householdOf)).toEqual([2, 0]);
    expect(Array.from(deferredAcceptance(whole).householdOf)).toEqual([2, 0]);
  });

  it("an unchanged household re-run gives the allocation's own matching", () => {
    fc.assert(
      fc.property(validInput({ households: { max: 30 }, apartments: { max: 6 } }), fc.nat(), (raw, pick) => {
        const run = validateAndPrepare(raw);
        if (!run.ok) return;
        const p = run.value.prepared;
        const index = pick % p.households.length;
        const m = deferredAcceptance(p.compiled);
        expect(rerunMechanism(p, index, p.households.at(index)!).apartment).toBe(m.apartmentOf[index]);
      }),
      { numRuns: 100 },
    );
  });
});
