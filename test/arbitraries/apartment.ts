import fc from "fast-check";
import type { z } from "zod";
import type { ApartmentSchema } from "../../src/model/apartment.js";
import { LETTING_RULES, type LettingRule } from "../../src/model/enums.js";
import { DEFAULT_AS_OF, dateAfter } from "./dates.js";

export type ApartmentInput = z.input<typeof ApartmentSchema>;

/** Örebro districts (the bundled batch uses the same names). */
export const DISTRICTS = ["Vivalla", "Varberga", "Baronbackarna", "Brickebacken", "Oxhagen", "Centrum", "Adolfsberg", "Markbacken"] as const;
/** ÖBO plus two private landlords (the Örebro preset covers them with its `*` terms). */
export const LANDLORDS = ["obo", "narkehem", "svartan-fastigheter"] as const;

export interface ApartmentOptions {
  id: string;
  asOf?: string;
  landlords?: readonly string[];
  districts?: readonly string[];
  /** Letting rules to draw from; default all six, the queue most often. */
  lettingRules?: readonly LettingRule[];
  /** Building ids are `B-01`…`B-<buildings>`; small numbers make shared buildings (Housing First scattering) likely. */
  buildings?: number;
}

const RULE_WEIGHT: Record<LettingRule, number> = { queue: 6, "income-priority": 2, "social-priority": 2, "housing-first": 1, lss: 1, senior: 1 };

/** One vacancy with plausible size, rent and accessibility for its rooms. */
export function apartment(options: ApartmentOptions): fc.Arbitrary<ApartmentInput> {
  const asOf = options.asOf ?? DEFAULT_AS_OF;
  const rules = options.lettingRules ?? LETTING_RULES;
  const rule = fc.oneof(...rules.map((r) => ({ arbitrary: fc.constant(r), weight: RULE_WEIGHT[r] })));
  const buildings = options.buildings ?? 12;
  return fc
    .record({
      landlord: fc.constantFrom(...(options.landlords ?? LANDLORDS)),
      district: fc.constantFrom(...(options.districts ?? DISTRICTS)),
      building: fc.integer({ min: 1, max: buildings }).map((n) => `B-${String(n).padStart(2, "0")}`),
      rooms: fc.integer({ min: 1, max: 5 }),
      sqmPerRoom: fc.integer({ min: 22, max: 32 }),
      rentPerSqm: fc.integer({ min: 1000, max: 1700 }),
      floor: fc.oneof({ arbitrary: fc.constant(0), weight: 2 }, { arbitrary: fc.integer({ min: 1, max: 9 }), weight: 5 }),
      elevator: fc.boolean(),
      wheelchair: fc.boolean(),
      lettingRule: rule,
      secondHand: fc.boolean(),
      availableFrom: dateAfter(asOf, 0, 120),
    })
    .map((r): ApartmentInput => {
      const areaSqm = r.rooms * r.sqmPerRoom + 8;
      const elevator = r.elevator || r.floor >= 5;
      return {
        id: options.id,
        landlord: r.landlord,
        district: r.district,
        building: r.building,
        rooms: r.rooms,
        bedrooms: r.rooms - 1,
        areaSqm,
        monthlyRentSek: Math.round((areaSqm * r.rentPerSqm) / 12 / 10) * 10,
        floor: r.floor,
        elevator,
        wheelchairAccessible: r.wheelchair && (elevator || r.floor === 0),
        lettingRule: r.lettingRule,
        // Housing First starts as a second-hand contract; social contracts are second-hand too.
        contract: r.lettingRule === "housing-first" || (r.lettingRule === "social-priority" && r.secondHand) ? "second-hand" : "first-hand",
        availableFrom: r.availableFrom,
      };
    });
}
