import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeFacts } from "../../src/facts/catalogue.js";
import { countedPersons } from "../../src/facts/overcrowding.js";
import { parseInput } from "../../src/model/parse.js";
import { PRESETS } from "../../src/presets/index.js";
import { evaluate } from "../../src/rules/condition.js";
import { type Eligibility, FAILED_CHECKS, VERDICT_ELIGIBLE, VERDICT_GUARANTEE, checkEligibility, codesOfMask, eligibilityBits, eligibilityVerdict, failedChecks } from "../../src/rules/eligibility.js";
import { ACCESSIBILITY_NEEDS } from "../../src/model/enums.js";
import type { Facts } from "../../src/facts/catalogue.js";
import type { Apartment } from "../../src/model/apartment.js";
import type { Household } from "../../src/model/household.js";
import type { LandlordTerms, Policy } from "../../src/model/policy.js";
import { allocationInput } from "../mechanisms/instances.js";

/** Landlord terms of every kind the policy schema allows (the presets' landlords all accept the rent guarantee, say). */
const landlordTerms: fc.Arbitrary<LandlordTerms> = fc.record({
  incomeMultiple: fc.constantFrom(0, 1, 2.5, 3, 3.5),
  acceptsSocialAssistance: fc.boolean(),
  maxPaymentRemarks: fc.integer({ min: 0, max: 3 }),
  rejectsHousingDebt: fc.boolean(),
  acceptsRentGuarantee: fc.boolean(),
  source: fc.constant("test: arbitrary terms"),
});


/** Every ranked pair of an input with its facts, letting-rule verdict and full eligibility, as the allocation sees it. */
function eachPair(input: { households: readonly Household[]; apartments: readonly Apartment[]; policy: Policy; asOf: string }, visit: (h: Household, facts: Facts, a: Apartment, letting: boolean | undefined, full: Eligibility) => void): void {
  const { households, apartments, policy, asOf } = input;
  const byId = new Map(apartments.map((a) => [a.id, a]));
  for (const h of households) {
    const facts = computeFacts(h, { asOf, policy });
    for (const id of h.preferences.ranking) {
      const a = byId.get(id)!;
      const def = policy.lettingRules[a.lettingRule];
      visit(h, facts, a, def ? evaluate(def.eligible, facts).result : undefined, checkEligibility(h, facts, a, policy, asOf));
    }
  }
}

// Both sides read the same rule cores (financialVerdict, sizeFits, meetsNeed, excludes), so these properties hold the
// two ways of reading them together; the rules themselves are held to scenario tables (finances.test.ts and others).
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
        const { policy, asOf } = parsed.value;
        eachPair(parsed.value, (h, facts, a, letting, full) => {
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
        });
      }),
      { numRuns: 300 },
    );
    // The generated pairs exercise both verdicts and the rent guarantee path, so the comparison means something.
    expect(eligible).toBeGreaterThan(50);
    expect(pairs - eligible).toBeGreaterThan(50);
    expect(guaranteed).toBeGreaterThan(5);
    expect(multiple).toBeGreaterThan(20);
  });

  it("equals checkEligibility under arbitrary landlord terms and any set of accessibility needs", () => {
    let lifted = 0;
    let refused = 0;
    let partlyMet = 0;
    fc.assert(
      fc.property(
        allocationInput({ maxHouseholds: 20, maxApartments: 10 }),
        landlordTerms,
        landlordTerms,
        fc.array(fc.subarray([...ACCESSIBILITY_NEEDS]), { minLength: 20, maxLength: 20 }),
        (raw, own, fallback, needs) => {
          const parsed = parseInput(raw);
          if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues.slice(0, 2)));
          const { apartments, asOf } = parsed.value;
          const policy = { ...parsed.value.policy, landlords: { obo: own, "*": fallback } };
          const households: Household[] = parsed.value.households.map((h, i) => ({ ...h, needs: { ...h.needs, accessibility: needs[i]! } }));
          eachPair({ households, apartments, policy, asOf }, (h, facts, a, letting, full) => {
            const bits = eligibilityBits(h, facts, a, policy, asOf, letting);
            expect(codesOfMask(bits & FAILED_CHECKS)).toEqual(failedChecks(full));
            const flags = eligibilityVerdict(h, facts, a, policy, asOf, letting);
            expect({ eligible: (flags & VERDICT_ELIGIBLE) !== 0, rentGuaranteeRequired: (flags & VERDICT_GUARANTEE) !== 0 }).toEqual({ eligible: full.eligible, rentGuaranteeRequired: full.eligible && full.rentGuaranteeRequired });
            const guarantee = full.checks.find((c) => c.code === "rent-guarantee");
            if (guarantee?.code === "rent-guarantee" && guarantee.outcome === "lifts") lifted++;
            if (guarantee?.code === "rent-guarantee" && guarantee.outcome === "landlord-refuses") refused++;
            const access = full.checks.find((c) => c.code === "accessibility");
            if (access?.code === "accessibility" && access.unmet.length > 0 && access.unmet.length < access.needs.length) partlyMet++;
          });
        },
      ),
      { numRuns: 200 },
    );
    // The cases the presets alone never produce are met often enough for the comparison to mean something.
    expect(lifted).toBeGreaterThan(5);
    expect(refused).toBeGreaterThan(5);
    expect(partlyMet).toBeGreaterThan(5);
  });
});
