import fc from "fast-check";
import { days, fromDayNumber } from "../../src/model/date.js";
import {
  ACCESSIBILITY_NEEDS,
  type Accommodation,
  HOUSING_SITUATIONS,
  type HousingSituation,
  INCOME_SOURCES,
  SOCIAL_PRIORITY_GROUNDS,
} from "../../src/model/enums.js";
import type { HouseholdInput } from "../../src/model/household.js";
import { DISTRICTS } from "./apartment.js";
import { DEFAULT_AS_OF, adultBirthDate, childBirthDate, dateAfter, dateBefore } from "./dates.js";

export type { HouseholdInput };

export interface HouseholdOptions {
  id: string;
  /** Ids of the vacancies the ranking may name; an empty list gives an empty ranking. */
  apartmentIds: readonly string[];
  asOf?: string;
  districts?: readonly string[];
  /** At most this many ranked choices (default 10). */
  maxChoices?: number;
  /** Situations to draw from (default all six). */
  situations?: readonly HousingSituation[];
}

const ACCOMMODATION: Record<HousingSituation, readonly Accommodation[]> = {
  acute: ["shelter", "hotel", "hostel", "emergency-housing", "protected-housing", "rough-sleeping"],
  institution: ["prison", "hvb", "sis", "family-home", "supported-housing", "hospital"],
  "municipal-arrangement": ["training-apartment", "social-contract", "trial-apartment"],
  "own-short-term": ["friends-family", "short-sublet"],
  "eviction-risk": ["own-rental", "other"],
  housed: ["own-rental", "own-home", "other"],
};

/** JSON.parse never makes null-prototype objects, so neither do these generators (`toStrictEqual` after `structuredClone` relies on it). */
function rec<T, K extends keyof T = keyof T>(model: { [P in keyof T]: fc.Arbitrary<T[P]> }, requiredKeys?: K[]): fc.Arbitrary<fc.RecordValue<T, K>> {
  return fc.record<T, K>(model, requiredKeys === undefined ? { noNullPrototype: true } : { requiredKeys, noNullPrototype: true });
}

const HOMELESS = new Set<HousingSituation>(["acute", "institution", "municipal-arrangement", "own-short-term"]);

/** Members: one or two adults and zero to five children, children under two included. */
export function members(asOf: string = DEFAULT_AS_OF): fc.Arbitrary<HouseholdInput["members"]> {
  const person = (birth: fc.Arbitrary<string>) =>
    rec({ birthDate: birth, gender: fc.constantFrom("female", "male", "other", "unknown") as fc.Arbitrary<"female" | "male" | "other" | "unknown"> }, ["birthDate"]);
  return fc
    .tuple(
      fc.array(person(adultBirthDate(asOf)), { minLength: 1, maxLength: 2 }),
      fc.oneof({ arbitrary: fc.constant([]), weight: 3 }, { arbitrary: fc.array(person(childBirthDate(asOf)), { minLength: 1, maxLength: 5 }), weight: 2 }),
    )
    .map(([adults, children]) => [...adults, ...children]);
}

/** Incomes of any source, social assistance common; amounts whole SEK per month. */
export const income = (): fc.Arbitrary<HouseholdInput["income"]> =>
  fc.array(
    rec({
      source: fc.oneof({ arbitrary: fc.constantFrom(...INCOME_SOURCES), weight: 3 }, { arbitrary: fc.constantFrom("employment" as const, "social-assistance" as const), weight: 2 }),
      monthlySek: fc.oneof({ arbitrary: fc.integer({ min: 2_000, max: 45_000 }), weight: 9 }, { arbitrary: fc.constant(0), weight: 1 }),
    }),
    { maxLength: 3 },
  );

/**
 * A ranking of 0…`maxChoices` distinct apartments, skewed so that apartments early in `apartmentIds`
 * are much more wanted (index ≈ n·u³): a few popular vacancies, a long tail.
 */
export function ranking(apartmentIds: readonly string[], maxChoices = 10): fc.Arbitrary<string[]> {
  const n = apartmentIds.length;
  if (n === 0) return fc.constant([]);
  const skewed = fc.integer({ min: 0, max: 9_999 }).map((x) => Math.min(n - 1, Math.floor(n * (x / 10_000) ** 3)));
  return fc.uniqueArray(skewed, { minLength: 0, maxLength: Math.min(n, maxChoices) }).map((ix) => ix.map((i) => apartmentIds[i]!));
}

function housing(asOf: string, situations: readonly HousingSituation[]): fc.Arbitrary<HouseholdInput["housing"]> {
  return fc.constantFrom(...situations).chain((situation) =>
    rec(
        {
          since: dateBefore(asOf, 0, 15 * 365),
          homelessExtraDays: fc.integer({ min: 0, max: 2_000 }),
          accommodation: fc.constantFrom(...ACCOMMODATION[situation]),
          moveOutBy: dateAfter(asOf, 0, 90),
          currentBedrooms: fc.integer({ min: 0, max: 4 }),
        },
        ["since", "homelessExtraDays"],
      )
      .map(({ homelessExtraDays, moveOutBy, ...r }) => {
        const out: HouseholdInput["housing"] = { situation, since: r.since };
        if (HOMELESS.has(situation) && homelessExtraDays % 3 !== 0) {
          out.homelessSince = fromDayNumber(days(r.since) - homelessExtraDays);
        }
        if (r.accommodation !== undefined) out.accommodation = r.accommodation;
        if (situation === "institution" && moveOutBy !== undefined) out.moveOutBy = moveOutBy;
        if (r.currentBedrooms !== undefined) out.currentBedrooms = r.currentBedrooms;
        return out;
      }),
  );
}

/** `arb` in about one case out of `1 + absentWeight`, otherwise absent. */
const maybe = <T>(arb: fc.Arbitrary<T>, absentWeight: number): fc.Arbitrary<T | undefined> =>
  fc.oneof({ arbitrary: fc.constant(undefined), weight: absentWeight }, { arbitrary: arb, weight: 1 });

/** Drops absent keys, so optional fields are omitted rather than `undefined` (as in JSON). */
function compact<T extends Record<string, unknown>>(o: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}

/** Needs, most of them rare: SoL/LSS decisions, co-occurring (implies both conditions), accessibility, a threat. */
function needs(districts: readonly string[]): fc.Arbitrary<NonNullable<HouseholdInput["needs"]>> {
  const flag = (absentWeight: number) => maybe(fc.boolean(), absentWeight);
  return fc
    .record({
      solSupport: flag(2),
      lssHousing: flag(6),
      coOccurring: flag(4),
      mentalIllness: flag(3),
      substanceUse: flag(4),
      accessibility: maybe(fc.uniqueArray(fc.constantFrom(...ACCESSIBILITY_NEEDS), { maxLength: 2 }), 4),
      excludedDistricts: maybe(fc.uniqueArray(fc.constantFrom(...districts), { minLength: 1, maxLength: 2 }), 8),
    })
    .map((n) => compact(n.coOccurring === true ? { ...n, mentalIllness: true, substanceUse: true } : n));
}

/** Decisions: förtur (some expired), Housing First (some ended), rent guarantees of every status. */
function decisions(asOf: string): fc.Arbitrary<NonNullable<HouseholdInput["decisions"]>> {
  return fc
    .record({
      socialPriority: maybe(
        rec({ grantedOn: dateBefore(asOf, 0, 700), validDays: fc.integer({ min: 30, max: 730 }), grounds: fc.uniqueArray(fc.constantFrom(...SOCIAL_PRIORITY_GROUNDS), { minLength: 1, maxLength: 3 }) }).map(
          ({ grantedOn, validDays, grounds }) => ({ grantedOn, validUntil: fromDayNumber(days(grantedOn) + validDays), grounds }),
        ),
        3,
      ),
      housingFirst: maybe(
        rec({ enrolledOn: dateBefore(asOf, 0, 900), endedAfterDays: fc.integer({ min: 1, max: 2000 }) }).map(({ enrolledOn, endedAfterDays }) =>
          endedAfterDays < 200 ? { enrolledOn, endedOn: fromDayNumber(days(enrolledOn) + endedAfterDays) } : { enrolledOn },
        ),
        5,
      ),
      rentGuarantee: maybe(
        rec(
          {
            status: fc.oneof({ arbitrary: fc.constant("approved" as const), weight: 4 }, { arbitrary: fc.constantFrom("applied" as const, "rejected" as const, "ended" as const), weight: 1 }),
            maxMonthlySek: fc.integer({ min: 4_000, max: 14_000 }),
            months: fc.constantFrom(6, 6, 12),
            validUntil: dateAfter(asOf, -200, 730),
            grantedOn: dateBefore(asOf, 0, 500),
          },
          ["status", "maxMonthlySek", "months", "validUntil"],
        ),
        4,
      ),
    })
    .map(compact);
}

/** A household valid on its own at `asOf`: an adult, no date after `asOf`, a ranking of distinct given apartments. */
export function household(options: HouseholdOptions): fc.Arbitrary<HouseholdInput> {
  const asOf = options.asOf ?? DEFAULT_AS_OF;
  const districts = options.districts ?? DISTRICTS;
  return rec(
      {
        members: members(asOf),
        income: income(),
        credit: rec({
          paymentRemarks: fc.oneof({ arbitrary: fc.constant(0), weight: 3 }, { arbitrary: fc.integer({ min: 1, max: 12 }), weight: 1 }),
          housingDebt: fc.boolean(),
        }),
        housing: housing(asOf, options.situations ?? HOUSING_SITUATIONS),
        needs: needs(districts),
        decisions: decisions(asOf),
        queue: rec({ registeredOn: dateBefore(asOf, 0, 25 * 365) }),
        residence: rec({ registeredSince: dateBefore(asOf, 0, 40 * 365) }),
        ranking: ranking(options.apartmentIds, options.maxChoices ?? 10),
      },
      ["members", "income", "credit", "housing", "ranking"],
    )
    .map(({ ranking: r, ...h }): HouseholdInput => ({ id: options.id, ...h, preferences: { ranking: r } }));
}
