import { days, fromDayNumber } from "../../src/model/date.js";
import type { RawAllocationInput } from "../../src/model/input.js";

export const AS_OF = "2026-11-21";
/** The date `n` days before `asOf` (queue registration giving `n` queue days). */
const daysAgo = (n: number): string => fromDayNumber(days(AS_OF) - n);

const base = {
  credit: { paymentRemarks: 0, housingDebt: false },
  residence: { registeredSince: "2010-01-01" },
};

const apartment = (id: string, district: string, rooms: number, rent: number, lettingRule: string, extra: Record<string, unknown> = {}) => ({
  id,
  landlord: "obo",
  district,
  building: `B-${id}`,
  rooms,
  bedrooms: rooms - 1,
  areaSqm: 25 + rooms * 16,
  monthlyRentSek: rent,
  floor: 2,
  elevator: true,
  wheelchairAccessible: false,
  lettingRule,
  contract: "first-hand",
  availableFrom: "2026-12-01",
  ...extra,
});

/**
 * A small Örebro batch with one household per explanation case:
 * H-0001 loses its first choice on queue days (640 against 1 812) and gets its second;
 * H-0002 wins on queue days; H-0003 fails income and payment remarks (a rent guarantee would help);
 * H-0004, a family with children, loses a social-priority apartment to H-0005, whose group is sensitive;
 * H-0006 gets an apartment thanks to its rent guarantee.
 */
export function scenarioInput(): RawAllocationInput {
  return {
    schemaVersion: 1,
    asOf: AS_OF,
    seed: "golden-2026-w47",
    policy: "orebro",
    households: [
      {
        id: "H-0001",
        members: [{ birthDate: "1988-04-12" }],
        income: [{ source: "employment", monthlySek: 30000 }],
        ...base,
        housing: { situation: "own-short-term", since: "2026-03-01", accommodation: "friends-family" },
        queue: { registeredOn: daysAgo(640) },
        preferences: { ranking: ["A-101", "A-102"] },
      },
      {
        id: "H-0002",
        members: [{ birthDate: "1979-09-30" }],
        income: [{ source: "employment", monthlySek: 31000 }],
        ...base,
        housing: { situation: "eviction-risk", since: "2026-06-01" },
        queue: { registeredOn: daysAgo(1812) },
        preferences: { ranking: ["A-101"] },
      },
      {
        id: "H-0003",
        members: [{ birthDate: "1995-01-20" }],
        income: [{ source: "social-assistance", monthlySek: 6000 }],
        credit: { paymentRemarks: 2, housingDebt: false },
        residence: { registeredSince: "2015-01-01" },
        housing: { situation: "acute", since: "2026-05-01", accommodation: "shelter" },
        needs: { mentalIllness: true },
        queue: { registeredOn: daysAgo(300) },
        preferences: { ranking: ["A-102", "A-101"] },
      },
      {
        id: "H-0004",
        members: [{ birthDate: "1986-02-14" }, { birthDate: "2015-08-01" }, { birthDate: "2019-03-03" }],
        income: [{ source: "employment", monthlySek: 35000 }],
        ...base,
        housing: { situation: "own-short-term", since: "2026-01-10", accommodation: "friends-family" },
        decisions: { socialPriority: { grantedOn: "2026-09-01", validUntil: "2027-09-01", grounds: ["social"] } },
        queue: { registeredOn: daysAgo(900) },
        preferences: { ranking: ["A-201"] },
      },
      {
        id: "H-0005",
        members: [{ birthDate: "1990-07-07" }],
        income: [{ source: "employment", monthlySek: 25000 }],
        ...base,
        housing: { situation: "acute", since: "2026-08-01", accommodation: "protected-housing" },
        needs: { excludedDistricts: ["Vivalla"] },
        decisions: { socialPriority: { grantedOn: "2026-08-15", validUntil: "2027-08-15", grounds: ["threat"] } },
        queue: { registeredOn: daysAgo(100) },
        preferences: { ranking: ["A-201"] },
      },
      {
        id: "H-0006",
        members: [{ birthDate: "1970-11-02" }],
        income: [{ source: "social-assistance", monthlySek: 5000 }],
        ...base,
        housing: { situation: "municipal-arrangement", since: "2025-10-01", accommodation: "training-apartment" },
        decisions: { rentGuarantee: { status: "approved", maxMonthlySek: 5000, months: 6, validUntil: "2028-10-31" } },
        queue: { registeredOn: daysAgo(50) },
        preferences: { ranking: ["A-103"] },
      },
    ],
    apartments: [
      apartment("A-101", "Varberga", 3, 8350, "queue"),
      apartment("A-102", "Centrum", 2, 6130, "queue"),
      apartment("A-103", "Baronbackarna", 1, 4200, "queue", { floor: 0, elevator: false }),
      apartment("A-201", "Oxhagen", 3, 7900, "social-priority"),
    ],
  } as RawAllocationInput;
}

/** The households the golden files and docs explain. */
export const GOLDEN_CASES = [
  { household: "H-0001", audience: "household", name: "queue-cutoff" },
  { household: "H-0003", audience: "household", name: "ineligible-counterfactual" },
  { household: "H-0004", audience: "household", name: "sensitive-group-cutoff" },
  { household: "H-0004", audience: "caseworker", name: "sensitive-group-cutoff-caseworker" },
  { household: "H-0006", audience: "household", name: "rent-guarantee" },
  { household: "H-0001", audience: "auditor", name: "queue-cutoff-auditor" },
] as const;
