import { describe, expect, it } from "vitest";
import { computeFacts } from "../../src/facts/catalogue.js";
import { type Apartment, ApartmentSchema } from "../../src/model/apartment.js";
import { type Household, HouseholdSchema } from "../../src/model/household.js";
import { resolvePolicy } from "../../src/model/resolve-policy.js";
import type { Policy } from "../../src/model/policy.js";
import { checkEligibility, failedChecks } from "../../src/rules/eligibility.js";
import { compareKeys, priorityKey } from "../../src/rules/priority.js";
import { AS_OF, baseApartment, baseHousehold } from "./scenarios/base.js";
import { finances } from "./scenarios/finances.js";
import { lettingRules } from "./scenarios/letting-rules.js";
import { needs } from "./scenarios/needs.js";
import { ordering } from "./scenarios/ordering.js";
import { overcrowding } from "./scenarios/overcrowding.js";
import type { ScenarioRow } from "./scenarios/types.js";

const TABLES: Record<string, ScenarioRow[]> = { overcrowding, finances, needs, "letting-rules": lettingRules, ordering };
const SEEDS = /^(00[0-4]_[0-9a-f]{16}\.txt|public rule: .+)$/;

function policyOf(name: string): Policy {
  const r = resolvePolicy(name);
  if (!r.ok) throw new Error(`preset ${name}: ${JSON.stringify(r.issues)}`);
  return r.value;
}

/** Overrides replace top-level fields; `undefined` removes one (e.g. `queue: undefined` = not in the queue). */
function household(overrides: object): Household {
  const raw: Record<string, unknown> = { ...baseHousehold, ...overrides };
  for (const k of Object.keys(raw)) if (raw[k] === undefined) delete raw[k];
  return HouseholdSchema.parse(raw);
}
const apartment = (overrides: Partial<Apartment>): Apartment => ApartmentSchema.parse({ ...baseApartment, ...overrides });

// One runner for every table (publicodes-style): a row is data, its source is cited in the test name.
for (const [table, rows] of Object.entries(TABLES)) {
  describe(`scenarios: ${table}`, () => {
    it.each(rows.map((r) => [`${r.name} [${r.policy}; ${r.source}]`, r] as const))("%s", (_, row) => {
      expect(row.source).toMatch(SEEDS);
      const policy = policyOf(row.policy);
      const asOf = row.asOf ?? AS_OF;
      if (row.kind === "eligibility") {
        const h = household(row.household);
        const a = apartment(row.apartment);
        const verdict = checkEligibility(h, computeFacts(h, { asOf, policy }), a, policy, asOf);
        expect({ eligible: verdict.eligible, failed: failedChecks(verdict), rentGuaranteeRequired: verdict.rentGuaranteeRequired }).toEqual(row.expect);
      } else {
        const seed = row.seed ?? "scenario-seed";
        const keyed = row.households.map((o) => {
          const h = household(o);
          return { id: h.id, key: priorityKey(computeFacts(h, { asOf, policy }), h, row.lettingRule, policy, seed) };
        });
        keyed.sort((x, y) => compareKeys(x.key, y.key));
        expect(keyed.map((k) => k.id)).toEqual(row.expect.order);
      }
    });
  });
}

describe("scenario coverage", () => {
  it("every preset's six letting rules have at least one row", () => {
    const all = Object.values(TABLES).flat();
    for (const preset of ["orebro", "lund", "stockholm"]) {
      for (const rule of ["queue", "income-priority", "social-priority", "housing-first", "lss", "senior"]) {
        const hit = all.some((r) => r.policy === preset && (r.kind === "ordering" ? r.lettingRule === rule : (r.apartment.lettingRule ?? "queue") === rule));
        expect(hit, `${preset}/${rule}`).toBe(true);
      }
    }
  });
});
