import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { explainHousehold } from "../../src/explain/index.js";
import { buildResult, resultFor, validateAndPrepare } from "../../src/mechanisms/allocate.js";
import { deferredAcceptance } from "../../src/mechanisms/deferred-acceptance.js";
import { allocationInput } from "../mechanisms/instances.js";

describe("explaining one household from a partial result", () => {
  it("gives the same explanation as the whole result, for every household and audience", () => {
    fc.assert(
      fc.property(allocationInput({ maxHouseholds: 25, maxApartments: 8 }), fc.constantFrom("household", "caseworker", "auditor") as fc.Arbitrary<"household" | "caseworker" | "auditor">, (raw, audience) => {
        const run = validateAndPrepare(raw);
        if (!run.ok) throw new Error("invalid");
        const matching = deferredAcceptance(run.value.prepared.compiled);
        const whole = buildResult(run.value, matching);
        for (const id of run.value.prepared.householdIds) {
          const partial = resultFor(run.value, matching, id)!;
          expect(explainHousehold(run.value, partial, id, { audience })).toEqual(explainHousehold(run.value, whole, id, { audience }));
        }
      }),
      { numRuns: 40 },
    );
  });
});
