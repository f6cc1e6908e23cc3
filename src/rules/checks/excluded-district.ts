import type { Apartment } from "../../model/apartment.js";
import type { Household } from "../../model/household.js";

/** The apartment's district is not one the household must not be placed in (threat, violence in close relationships). */
export interface ExcludedDistrictCheck {
  code: "excluded-district";
  pass: boolean;
  district: string;
  /** Whether the household's excluded districts name this one; the list itself is sensitive and not repeated here. */
  excluded: boolean;
  source: "household.needs.excludedDistricts";
}

/** Whether the apartment lies in a district the household has excluded (exact, case-sensitive district names). */
export function checkExcludedDistrict(household: Household, apartment: Apartment): ExcludedDistrictCheck {
  const excluded = inExcludedDistrict(household, apartment);
  return { code: "excluded-district", pass: !excluded, district: apartment.district, excluded, source: "household.needs.excludedDistricts" };
}

/** Whether the apartment lies in one of the household's excluded districts. */
export const inExcludedDistrict = (household: Household, apartment: Apartment): boolean => excludes(household.needs.excludedDistricts, apartment.district);

/**
 * The rule on the household's list and the apartment's district, which `pairBits` reads on every ranked pair: an
 * exact, case-sensitive name. Most lists are empty, so that case returns before the search.
 *
 * @example excludes(["Rosengård"], "Rosengård"); // true
 */
export function excludes(excluded: readonly string[], district: string): boolean {
  return excluded.length !== 0 && excluded.includes(district);
}
