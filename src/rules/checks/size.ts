import type { Facts } from "../../facts/catalogue.js";
import { countedPersons } from "../../facts/overcrowding.js";
import type { Apartment } from "../../model/apartment.js";
import type { Household } from "../../model/household.js";
import type { Policy } from "../../model/policy.js";

/** The move must not leave the household overcrowded under the policy's rule (Örebro: families with children, 2 per bedroom, under-twos not counted). */
export interface SizeCheck {
  code: "size";
  pass: boolean;
  /** Members counted by the rule (children under the exempt age are not). */
  persons: number;
  bedrooms: number;
  /** Most counted persons the apartment takes under the rule (a home without a bedroom counts as one sleeping room). */
  capacity: number;
  /** Only families with children fall under the rule. */
  appliesToHousehold: boolean;
  maxPersonsPerBedroom: number;
  exemptChildrenUnderYears: number;
  source: string;
}

/** Most counted persons the apartment takes under the rule (a home without a bedroom counts as one sleeping room). */
export const capacityOf = (apartment: Pick<Apartment, "bedrooms">, rule: Policy["overcrowding"]): number => rule.maxPersonsPerBedroom * Math.max(apartment.bedrooms, 1);

/** The size verdict: only families with children fall under the rule, and then the counted persons must fit. */
export const sizeFits = (persons: number, capacity: number, appliesToHousehold: boolean): boolean => !(appliesToHousehold && persons > capacity);

/**
 * Whether the household would be overcrowded in the apartment, with the numbers compared. Same verdict as
 * `isOvercrowdedIn` (a property test holds them equal), computed from one pass over the members since it runs per pair.
 */
export function checkSize(household: Household, facts: Facts, apartment: Apartment, policy: Policy, asOf: string): SizeCheck {
  const rule = policy.overcrowding;
  const persons = countedPersons(household, asOf, rule);
  const capacity = capacityOf(apartment, rule);
  const appliesToHousehold = (facts["children.count"] as number) > 0;
  return {
    code: "size",
    pass: sizeFits(persons, capacity, appliesToHousehold),
    persons,
    bedrooms: apartment.bedrooms,
    capacity,
    appliesToHousehold,
    maxPersonsPerBedroom: rule.maxPersonsPerBedroom,
    exemptChildrenUnderYears: rule.exemptChildrenUnderYears,
    source: rule.source,
  };
}
