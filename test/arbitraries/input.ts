import fc from "fast-check";
import type { RawAllocationInput } from "../../src/model/input.js";
import { type ApartmentInput, DISTRICTS, apartment } from "./apartment.js";
import { DEFAULT_AS_OF } from "./dates.js";
import { type HouseholdInput, household } from "./household.js";
import type { HousingSituation, LettingRule } from "../../src/model/enums.js";

export type { RawAllocationInput };

export interface Size {
  min?: number;
  max?: number;
}

export interface InputOptions {
  asOf?: string;
  seed?: string;
  /** A preset name or a policy object; default `"orebro"`. */
  policy?: RawAllocationInput["policy"];
  households?: Size;
  apartments?: Size;
  landlords?: readonly string[];
  districts?: readonly string[];
  lettingRules?: readonly LettingRule[];
  maxChoices?: number;
  /** Housing situations to draw from (default all six). */
  situations?: readonly HousingSituation[];
  /** `sequential`: `H-0001`/`A-001` in order; `pseudonymous`: arbitrary unique ids such as `H-x7q`. */
  ids?: "sequential" | "pseudonymous";
}

const pad = (n: number, width: number): string => String(n + 1).padStart(width, "0");

/** `count` distinct ids with a letter prefix, so none can look like a personal identity number. */
function ids(prefix: string, count: number, style: NonNullable<InputOptions["ids"]>, width: number): fc.Arbitrary<string[]> {
  if (style === "sequential") return fc.constant(Array.from({ length: count }, (_, i) => `${prefix}-${pad(i, width)}`));
  return fc
    .uniqueArray(fc.stringMatching(/^[0-9a-z]{1,8}$/), { minLength: count, maxLength: count })
    .map((suffixes) => suffixes.map((s) => `${prefix}-${s}`));
}

/**
 * Stock that keeps every income-priority and Housing First vacancy of the batch inside the caps
 * (10 % of a landlord's stock, 80 % of a district, one Housing First unit per building).
 */
export function stockFor(apartments: readonly ApartmentInput[], districts: readonly string[]): RawAllocationInput["stock"] {
  const landlords: NonNullable<RawAllocationInput["stock"]>["landlords"] = {};
  for (const a of apartments) {
    if (a.lettingRule !== "income-priority" || landlords[a.landlord]) continue;
    landlords[a.landlord] = {
      totalApartments: 20_000,
      apartmentsByDistrict: Object.fromEntries(districts.map((d) => [d, 1_500])),
      incomePriorityByDistrict: {},
    };
  }
  return { landlords, housingFirstByBuilding: {} };
}

/**
 * A consistent allocation input: unique ids, rankings that name existing vacancies (skewed popularity),
 * an adult in every household, no date after `asOf`, every letting rule, caps respected.
 * Housing First vacancies get a building of their own so the scattering cap holds.
 */
export function validInput(options: InputOptions = {}): fc.Arbitrary<RawAllocationInput> {
  const asOf = options.asOf ?? DEFAULT_AS_OF;
  const districts = options.districts ?? DISTRICTS;
  const style = options.ids ?? "sequential";
  const sizes = fc.record({
    households: fc.integer({ min: options.households?.min ?? 1, max: options.households?.max ?? 12 }),
    apartments: fc.integer({ min: options.apartments?.min ?? 1, max: options.apartments?.max ?? 8 }),
  });
  return sizes.chain(({ households: m, apartments: n }) =>
    fc.tuple(ids("A", n, style, 3), ids("H", m, style, 4)).chain(([apartmentIds, householdIds]) =>
      fc
        .tuple(
          fc.tuple(...apartmentIds.map((id) => apartment({ id, asOf, districts, ...(options.landlords ? { landlords: options.landlords } : {}), ...(options.lettingRules ? { lettingRules: options.lettingRules } : {}) }))),
          fc.tuple(...householdIds.map((id) => household({ id, asOf, districts, apartmentIds, ...(options.maxChoices !== undefined ? { maxChoices: options.maxChoices } : {}), ...(options.situations ? { situations: options.situations } : {}) }))),
        )
        .map(([apartments, households]): RawAllocationInput => {
          const scattered = apartments.map((a, i) => (a.lettingRule === "housing-first" ? { ...a, building: `B-HF-${pad(i, 3)}` } : a));
          return {
            schemaVersion: 1,
            asOf,
            seed: options.seed ?? "test-seed",
            policy: options.policy ?? "orebro",
            households: households as HouseholdInput[],
            apartments: scattered,
            stock: stockFor(scattered, districts),
          };
        }),
    ),
  );
}
