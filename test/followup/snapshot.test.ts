import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { HOUSING_SITUATIONS } from "../../src/model/enums.js";
import { PRESETS } from "../../src/presets/index.js";
import { GENDER_KEYS, homelessnessSnapshot, snapshotFromInput } from "../../src/followup/index.js";
import { parseInput } from "../../src/model/parse.js";
import { validInput } from "../arbitraries/index.js";
import { makeHousehold } from "../fixtures/household.js";

const AS_OF = "2026-11-21";
const orebro = PRESETS["orebro"]!;
const adult = { birthDate: "1985-05-05" };
const child = (birthDate = "2018-03-03") => ({ birthDate });

/** Eight households with hand-counted answers (Örebro groups; see each comment). */
const population = [
  // family in a hotel, homeless since January (> 182 days): families-with-children
  makeHousehold({ id: "H-1", members: [{ ...adult, gender: "female" }, { ...child(), gender: "male" }], housing: { situation: "acute", since: "2026-01-01", accommodation: "hotel" } }),
  // prison, discharge in 55 days, homeless 173 days: institution-discharge
  makeHousehold({ id: "H-2", members: [adult], housing: { situation: "institution", since: "2026-06-01", accommodation: "prison", moveOutBy: "2027-01-15" } }),
  // HVB, discharge in half a year: situation 2 but not within three months; no group
  makeHousehold({ id: "H-3", members: [adult], housing: { situation: "institution", since: "2026-09-01", accommodation: "hvb", moveOutBy: "2027-06-01" } }),
  // training apartment since 2024, two adults two children: families-with-children, > six months
  makeHousehold({ id: "H-4", members: [adult, adult, child(), child("2022-01-01")], housing: { situation: "municipal-arrangement", since: "2024-01-01", accommodation: "training-apartment" } }),
  // with friends since October: no group
  makeHousehold({ id: "H-5", members: [adult], housing: { situation: "own-short-term", since: "2026-10-01", accommodation: "friends-family" } }),
  // at risk of eviction with three children: not homeless, but the children are affected
  makeHousehold({ id: "H-6", members: [adult, child(), child(), child()], housing: { situation: "eviction-risk", since: "2026-08-01" } }),
  // housed family: neither homeless nor affected
  makeHousehold({ id: "H-7", members: [adult, child()], housing: { situation: "housed", since: "2020-01-01" } }),
  // shelter, single adult: not a family in a shelter; no group
  makeHousehold({ id: "H-8", members: [adult], housing: { situation: "acute", since: "2026-11-01", accommodation: "shelter" } }),
];

describe("homelessness snapshot: hand-counted population", () => {
  const s = homelessnessSnapshot(population, AS_OF, orebro, { byGender: true });

  it.each([
    ["population", s.population, { households: 8, persons: 16, children: 7 }],
    ["situation 1 acute", s.bySituation.acute, { households: 2, persons: 3, children: 1, householdsWithChildren: 1 }],
    ["situation 2 institution", s.bySituation.institution, { households: 2, persons: 2, children: 0, householdsWithChildren: 0 }],
    ["situation 3 municipal arrangement", s.bySituation["municipal-arrangement"], { households: 1, persons: 4, children: 2, householdsWithChildren: 1 }],
    ["situation 4 own short-term", s.bySituation["own-short-term"], { households: 1, persons: 1, children: 0, householdsWithChildren: 0 }],
    ["eviction risk", s.bySituation["eviction-risk"], { households: 1, persons: 4, children: 3, householdsWithChildren: 1 }],
    ["housed", s.bySituation.housed, { households: 1, persons: 2, children: 1, householdsWithChildren: 1 }],
    ["homeless (1–4)", s.homeless, { households: 6, persons: 10, children: 3, householdsWithChildren: 2 }],
    ["homeless more than six months (H-1, H-4)", s.homelessOverSixMonths, { households: 2, persons: 6, children: 3 }],
    ["families with children in hotel/hostel/shelter (H-1)", s.familiesInHotelHostelShelter, { households: 1, persons: 2, children: 1, goal: 0 }],
    ["institution discharge within three months (H-2)", s.institutionDischargeWithinThreeMonths, { households: 1, persons: 1, children: 0, moveOutPassed: 0 }],
  ])("%s", (_, actual, expected) => {
    expect(actual).toMatchObject(expected);
  });

  it("children affected: in situations 1–4 or at risk of eviction (3 + 3)", () => {
    expect(s.childrenAffected).toBe(6);
  });

  it("per priority group, in the policy's order, households without a group last", () => {
    const nonZero = s.byPriorityGroup.filter((g) => g.households > 0).map((g) => [g.id, g.households, g.homelessHouseholds]);
    expect(nonZero).toEqual([
      ["families-with-children", 4, 2],
      ["institution-discharge", 1, 1],
      [null, 3, 3],
    ]);
    expect(s.byPriorityGroup.map((g) => g.id)).toEqual([...orebro.priorityGroups.map((g) => g.id), null]);
  });

  it("by the statistics-only gender attribute, members without it as not-given", () => {
    expect(s.byGender).toEqual({
      persons: { female: 1, male: 1, other: 0, unknown: 0, "not-given": 14 },
      homelessPersons: { female: 1, male: 1, other: 0, unknown: 0, "not-given": 8 },
    });
    expect(homelessnessSnapshot(population, AS_OF, orebro).byGender).toBeUndefined();
  });

  it("a discharge date already passed still counts, and is flagged", () => {
    const late = makeHousehold({ id: "H-9", members: [adult], housing: { situation: "institution", since: "2026-01-01", moveOutBy: "2026-11-01" } });
    expect(homelessnessSnapshot([late], AS_OF, orebro).institutionDischargeWithinThreeMonths).toMatchObject({ households: 1, moveOutPassed: 1 });
  });

  it("a family in protected housing is not counted as in a hotel/hostel/shelter", () => {
    const protectedFamily = makeHousehold({ id: "H-9", members: [adult, child()], housing: { situation: "acute", since: "2026-01-01", accommodation: "protected-housing" } });
    expect(homelessnessSnapshot([protectedFamily], AS_OF, orebro).familiesInHotelHostelShelter.households).toBe(0);
  });
});

it("snapshotFromInput validates like allocate and returns the same counts", () => {
  expect(snapshotFromInput({ schemaVersion: 1 }).ok).toBe(false);
  const raw = { schemaVersion: 1, asOf: AS_OF, seed: "s", policy: "orebro", households: [{ id: "H-1", members: [adult], income: [], credit: { paymentRemarks: 0, housingDebt: false }, housing: { situation: "acute", since: "2026-01-01" }, preferences: { ranking: [] } }], apartments: [] };
  const r = snapshotFromInput(raw);
  expect(r.ok && r.value.homeless.households).toBe(1);
});

describe("properties", () => {
  const sum = (xs: readonly { households: number; persons: number; children: number }[]) =>
    xs.reduce((a, x) => ({ households: a.households + x.households, persons: a.persons + x.persons, children: a.children + x.children }), { households: 0, persons: 0, children: 0 });

  test.prop([validInput({ households: { min: 0, max: 25 }, apartments: { min: 1, max: 3 } })], { numRuns: 60 })(
    "counts per situation, per priority group and per gender sum to the population",
    (raw) => {
      const parsed = parseInput(raw);
      expect(parsed.ok).toBe(true);
      if (!parsed.ok) return;
      const { households, asOf, policy } = parsed.value;
      const s = homelessnessSnapshot(households, asOf, policy, { byGender: true });
      expect(s.population.households).toBe(households.length);
      expect(s.population.persons).toBe(households.reduce((n, h) => n + h.members.length, 0));
      expect(sum(HOUSING_SITUATIONS.map((x) => s.bySituation[x]))).toEqual(s.population);
      expect(sum(s.byPriorityGroup)).toEqual(s.population);
      expect(GENDER_KEYS.reduce((n, k) => n + s.byGender!.persons[k], 0)).toBe(s.population.persons);
      expect(GENDER_KEYS.reduce((n, k) => n + s.byGender!.homelessPersons[k], 0)).toBe(s.homeless.persons);
      // Subsets never exceed their whole.
      for (const part of [s.homelessOverSixMonths, s.familiesInHotelHostelShelter, s.institutionDischargeWithinThreeMonths]) expect(part.households).toBeLessThanOrEqual(s.homeless.households);
      expect(s.childrenAffected).toBe(s.homeless.children + s.bySituation["eviction-risk"].children);
    },
  );

  test.prop([validInput({ households: { min: 1, max: 15 }, apartments: { min: 1, max: 3 } }), fc.integer({ min: 0, max: 1_000_000 })], { numRuns: 40 })(
    "the snapshot does not depend on the order of households",
    (raw, salt) => {
      const parsed = parseInput(raw);
      if (!parsed.ok) throw new Error("generator produced invalid input");
      const { households, asOf, policy } = parsed.value;
      const k = salt % households.length;
      const shuffled = [...households.slice(k), ...households.slice(0, k)].reverse();
      expect(homelessnessSnapshot(shuffled, asOf, policy, { byGender: true })).toEqual(homelessnessSnapshot(households, asOf, policy, { byGender: true }));
    },
  );
});
