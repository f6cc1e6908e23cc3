import type { Apartment } from "../../../src/model/apartment.js";
import type { HouseholdInput } from "../../../src/model/household.js";

/** Scenario tables are evaluated on this date unless a row says otherwise. */
export const AS_OF = "2026-11-21";

/** Born 1984: an adult at every scenario date. */
export const adult = { birthDate: "1984-03-02" };
/** Age at 2026-11-21, for children. */
export const child = (years: number) => ({ birthDate: `${2026 - years}-06-01` });

/** A household that passes every check of a first-hand queue apartment at 8 000 SEK (income 30 000 from work, in the queue since 2018). */
export const baseHousehold: HouseholdInput = {
  id: "H-BASE",
  members: [adult],
  income: [{ source: "employment", monthlySek: 30_000 }],
  credit: { paymentRemarks: 0, housingDebt: false },
  housing: { situation: "own-short-term", since: "2026-03-01" },
  queue: { registeredOn: "2018-01-15" },
  residence: { registeredSince: "2010-01-01" },
  preferences: { ranking: [] },
};

/** One-bedroom ÖBO queue apartment on the second floor with an elevator, 8 000 SEK (3 × rent = 24 000). */
export const baseApartment: Apartment = {
  id: "A-BASE",
  landlord: "obo",
  district: "Varberga",
  building: "B-0001",
  rooms: 2,
  bedrooms: 1,
  areaSqm: 48,
  monthlyRentSek: 8000,
  floor: 2,
  elevator: true,
  wheelchairAccessible: false,
  lettingRule: "queue",
  contract: "first-hand",
  availableFrom: "2026-12-01",
};

/** A valid förtur decision at 2026-11-21. */
export const fortur = { grantedOn: "2026-05-01", validUntil: "2027-05-01", grounds: ["social" as const] };
