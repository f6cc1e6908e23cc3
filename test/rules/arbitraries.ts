// Adapters over the shared generators in test/arbitraries/: parsed households and apartments across every preset's landlords.
import fc from "fast-check";
import { type Apartment, ApartmentSchema } from "../../src/model/apartment.js";
import { type Household, HouseholdSchema } from "../../src/model/household.js";
import { DEFAULT_AS_OF, apartment, household } from "../arbitraries/index.js";

export const AS_OF = DEFAULT_AS_OF;
/** Landlords named by the three presets, and one private landlord that falls to `*`. */
export const LANDLORDS = ["obo", "lkf", "svenska-bostader", "familjebostader", "stockholmshem", "privat-ab"] as const;

/** A valid household at {@link AS_OF}, parsed (defaults applied), with a generated id. */
export const householdArb: fc.Arbitrary<Household> = fc
  .stringMatching(/^H-[A-Z0-9]{1,8}$/)
  .chain((id) => household({ id, apartmentIds: [], asOf: AS_OF }))
  .map((h) => HouseholdSchema.parse(h));

/** A valid vacancy of any letting rule and contract, at any preset's landlord. */
export const apartmentArb: fc.Arbitrary<Apartment> = apartment({ id: "A-1", asOf: AS_OF, landlords: LANDLORDS }).map((a) => ApartmentSchema.parse(a));
