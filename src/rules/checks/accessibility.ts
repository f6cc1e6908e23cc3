import type { Apartment } from "../../model/apartment.js";
import type { AccessibilityNeed } from "../../model/enums.js";
import type { Household } from "../../model/household.js";
import { unreachable } from "../../model/unreachable.js";

/** The household's accessibility needs against the apartment: wheelchair → wheelchair accessible; elevator → elevator or ground floor; ground floor → floor 0. */
export interface AccessibilityCheck {
  code: "accessibility";
  pass: boolean;
  needs: readonly AccessibilityNeed[];
  unmet: readonly AccessibilityNeed[];
  floor: number;
  elevator: boolean;
  wheelchairAccessible: boolean;
  source: "household.needs.accessibility";
}

// Shared empty list for the common case of no needs; checks are read-only data.
const NONE: readonly AccessibilityNeed[] = Object.freeze([]);

/** Whether one accessibility need is met by the apartment. */
export function meetsNeed(need: AccessibilityNeed, apartment: Apartment): boolean {
  // A switch, not ts-pattern: called for every ranked pair of a household with needs.
  switch (need) {
    case "wheelchair":
      return apartment.wheelchairAccessible;
    case "elevator":
      return apartment.elevator || apartment.floor === 0;
    case "ground-floor":
      return apartment.floor === 0;
    default:
      return unreachable(need);
  }
}

/** Checks every accessibility need of the household (a household need, not a policy rule: always applied). */
export function checkAccessibility(household: Household, apartment: Apartment): AccessibilityCheck {
  const needs = household.needs.accessibility.length === 0 ? NONE : [...household.needs.accessibility].sort();
  let unmet: readonly AccessibilityNeed[] = NONE;
  for (const n of needs) if (!meetsNeed(n, apartment)) unmet = unmet === NONE ? [n] : [...unmet, n];
  return {
    code: "accessibility",
    pass: unmet.length === 0,
    needs,
    unmet,
    floor: apartment.floor,
    elevator: apartment.elevator,
    wheelchairAccessible: apartment.wheelchairAccessible,
    source: "household.needs.accessibility",
  };
}
