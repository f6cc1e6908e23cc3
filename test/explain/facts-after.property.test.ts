import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeFacts } from "../../src/facts/catalogue.js";
import { applyChange, factsAfter } from "../../src/explain/counterfactual.js";
import type { Change } from "../../src/explain/types.js";
import { parseInput } from "../../src/model/parse.js";
import { PRESETS } from "../../src/presets/index.js";
import { allocationInput } from "../mechanisms/instances.js";

const change: fc.Arbitrary<Change> = fc.oneof(
  fc.integer({ min: 0, max: 20000 }).map((maxMonthlySek) => ({ code: "rent-guarantee" as const, maxMonthlySek })),
  fc.integer({ min: 0, max: 20000 }).chain((counted) => fc.integer({ min: counted, max: counted + 30000 }).map((atLeast) => ({ code: "income" as const, atLeastMonthlySek: atLeast, countedMonthlySek: counted }))),
  fc.integer({ min: 0, max: 3 }).map((atMost) => ({ code: "payment-remarks" as const, atMost, current: atMost + 1 })),
  fc.constant({ code: "housing-debt" as const }),
  fc.integer({ min: 1, max: 9000 }).map((atLeast) => ({ code: "queue-days" as const, atLeast, current: 0 })),
  fc.constant({ code: "social-priority-decision" as const }),
  fc.constant({ code: "housing-first-enrollment" as const }),
  fc.constant({ code: "lss-decision" as const }),
);

describe("counterfactual facts", () => {
  it("recomputing only the facts a change can move equals recomputing every fact, under every preset", () => {
    fc.assert(
      fc.property(allocationInput({ maxHouseholds: 8, maxApartments: 3 }), change, fc.constantFrom(...Object.keys(PRESETS)), (raw, c, preset) => {
        const parsed = parseInput({ ...raw, policy: preset });
        if (!parsed.ok) return;
        const { households, asOf, policy } = parsed.value;
        for (const h of households) {
          const changed = applyChange(h, c, { asOf, policy });
          expect(factsAfter(computeFacts(h, { asOf, policy }), changed, c, { asOf, policy })).toEqual(computeFacts(changed, { asOf, policy }));
        }
      }),
      { numRuns: 200 },
    );
  });

  it("never touches the original household", () => {
    fc.assert(
      fc.property(allocationInput({ maxHouseholds: 5, maxApartments: 3 }), change, (raw, c) => {
        const parsed = parseInput(raw);
        if (!parsed.ok) return;
        for (const h of parsed.value.households) {
          const before = structuredClone(h);
          applyChange(h, c, parsed.value);
          expect(h).toEqual(before);
        }
      }),
    );
  });
});
