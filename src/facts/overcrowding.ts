import { fullYearsBetween } from "../model/date.js";
import type { Household } from "../model/household.js";
import type { Policy } from "../model/policy.js";

type OvercrowdingRule = Pick<Policy["overcrowding"], "maxPersonsPerBedroom" | "exemptChildrenUnderYears">;

/** Members counted for overcrowding: everyone except children under the exempt age (Örebro: under two). */
export function countedPersons(h: Household, asOf: string, rule: OvercrowdingRule): number {
  let n = 0;
  for (const m of h.members) if (fullYearsBetween(m.birthDate, asOf) >= rule.exemptChildrenUnderYears) n++;
  return n;
}

/** Whether the household has a member under 18 at `asOf`. */
export function hasChildren(h: Household, asOf: string): boolean {
  return h.members.some((m) => fullYearsBetween(m.birthDate, asOf) < 18);
}

/**
 * Örebro's rule (002_50ae62936fea26ff.txt): a family with children is overcrowded when more than
 * `maxPersonsPerBedroom` counted persons must share a bedroom; kitchen and living room are not bedrooms.
 * Households without children are outside the rule. A home with no separate bedroom counts as one sleeping room.
 *
 * @example isOvercrowdedIn(twoAdultsAndAThreeYearOld, 1, "2026-11-21", orebro.overcrowding) // true
 */
export function isOvercrowdedIn(h: Household, bedrooms: number, asOf: string, rule: OvercrowdingRule): boolean {
  if (!hasChildren(h, asOf)) return false;
  return countedPersons(h, asOf, rule) > rule.maxPersonsPerBedroom * Math.max(bedrooms, 1);
}
