import { describe, expect, it } from "vitest";
import { computeFacts } from "../../src/facts/catalogue.js";
import { ApartmentSchema } from "../../src/model/apartment.js";
import { HouseholdSchema } from "../../src/model/household.js";
import { PRESETS } from "../../src/presets/index.js";
import { checkExcludedDistrict, excludes } from "../../src/rules/checks/excluded-district.js";
import { FAILED_CHECKS, apartmentTerms, codesOfMask, householdTerms, pairBits } from "../../src/rules/eligibility.js";
import { AS_OF, baseApartment, baseHousehold } from "../presets/scenarios/base.js";

const orebro = PRESETS["orebro"]!;

// One rule, `excludes`, read by the displayed check and by pairBits; each row goes through all three.
describe("excluded districts", () => {
  const rows: { name: string; excluded: string[]; district: string; expect: boolean }[] = [
    { name: "no excluded districts", excluded: [], district: "Varberga", expect: false },
    { name: "the apartment's district is excluded", excluded: ["Varberga"], district: "Varberga", expect: true },
    { name: "among several", excluded: ["Vivalla", "Varberga"], district: "Varberga", expect: true },
    { name: "another district", excluded: ["Vivalla"], district: "Varberga", expect: false },
    { name: "names are case-sensitive", excluded: ["varberga"], district: "Varberga", expect: false },
    { name: "names are exact", excluded: ["Varberga "], district: "Varberga", expect: false },
  ];
  for (const row of rows) {
    it(row.name, () => {
      expect(excludes(row.excluded, row.district)).toBe(row.expect);
      const household = HouseholdSchema.parse({ ...baseHousehold, needs: { excludedDistricts: row.excluded } });
      const apartment = ApartmentSchema.parse({ ...baseApartment, district: row.district });
      expect(checkExcludedDistrict(household, apartment)).toEqual({ code: "excluded-district", pass: !row.expect, district: row.district, excluded: row.expect, source: "household.needs.excludedDistricts" });
      const facts = computeFacts(household, { asOf: AS_OF, policy: orebro });
      const bits = pairBits(householdTerms(household, facts, orebro, AS_OF), apartmentTerms(apartment, orebro), true);
      expect(codesOfMask(bits & FAILED_CHECKS)).toEqual(row.expect ? ["excluded-district"] : []);
    });
  }
});
