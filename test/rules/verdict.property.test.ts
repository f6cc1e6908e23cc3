import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeFacts } from "../../src/facts/catalogue.js";
import { countedPersons } from "../../src/facts/overcrowding.js";
import { parseInput } from "../../src/model/parse.js";
import { PRESETS } from "../../src/presets/index.js";
import { evaluate } from "../../src/rules/condition.js";
import { FAILED_CHECKS, VERDICT_ELIGIBLE, VERDICT_GUARANTEE, checkEligibility, codesOfMask, eligibilityBits, eligibilityVerdict, failedChecks } from "../../src/rules/eligibility.js";
import { allocationInput } from "../mechanisms/instances.js";

describe("the allocation's fast eligibility verdict", () => {
  it("equals checkEligibility's verdict (eligible, through the rent guarantee) and failed checks on every ranked pair, under every preset", () => {
    let pairs = 0;
    let eligible = 0;
    let guaranteed = 0;
    let multiple = 0;
    fc.assert(
      fc.property(allocationInput({ maxHouseholds: 30, maxApartments: 12 }), fc.constantFrom(...Object.keys(PRESETS)), (raw, preset) => {
        const parsed = parseInput({ ...raw, policy: preset });
        if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues.slice(0, 2)));
        const { households, apartments, policy, asOf } = parsed.value;
        const byId = new Map(apartments.map((a) => [a.id, a]));
        for (const h of households) {
          const facts = computeFacts(h, { asOf, policy });
          for (const id of h.preferences.ranking) {
            const a = byId.get(id)!;
            const def = policy.lettingRules[a.lettingRule];
            const full = checkEligibility(h, facts, a, policy, asOf);
            const letting = def ? evaluate(def.eligible, facts).result : undefined;
            const flags = eligibilityVerdict(h, facts, a, policy, asOf, letting);
            expect(eligibilityVerdict(h, facts, a, policy, asOf, letting, countedPersons(h, asOf, policy.overcrowding))).toBe(flags);
            // rentGuaranteeRequired means something only for an eligible pair (it flags proposals and ranking entries).
            expect({ eligible: (flags & VERDICT_ELIGIBLE) !== 0, rentGuaranteeRequired: (flags & VERDICT_GUARANTEE) !== 0 }).toEqual({ eligible: full.eligible, rentGuaranteeRequired: full.eligible && full.rentGuaranteeRequired });
            // The reason codes of results: every failed check, from the same cores, without the check objects.
            const mask = eligibilityBits(h, facts, a, policy, asOf, letting) & FAILED_CHECKS;
            expect(codesOfMask(mask)).toEqual(failedChecks(full));
            expect(eligibilityBits(h, facts, a, policy, asOf, letting, countedPersons(h, asOf, policy.overcrowding)) & FAILED_CHECKS).toBe(mask);
            if (codesOfMask(mask).length > 1) multiple++;
            pairs++;
            if (full.eligible) eligible++;
            if (full.rentGuaranteeRequired) guaranteed++;
          }
        }
      }),
      { numRuns: 300 },
    );
    // The generated pairs exercise both verdicts and the rent guarantee path, so the comparison means something.
    expect(eligible).toBeGreaterThan(50);
    expect(pairs - eligible).toBeGreaterThan(50);
    expect(guaranteed).toBeGreaterThan(5);
    expect(multiple).toBeGreaterThan(20);
  });
});
