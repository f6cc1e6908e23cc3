import fc from "fast-check";
import { days, fromDayNumber } from "../../src/model/date.js";

/** The evaluation date every generator uses unless told otherwise (the bundled batch's week). */
export const DEFAULT_AS_OF = "2026-11-21";

const DAYS_PER_YEAR = 365.25;

/** A real calendar date between `minDaysBefore` and `maxDaysBefore` days before `asOf` (inclusive). */
export function dateBefore(asOf: string, minDaysBefore: number, maxDaysBefore: number): fc.Arbitrary<string> {
  const end = days(asOf);
  return fc.integer({ min: end - maxDaysBefore, max: end - minDaysBefore }).map(fromDayNumber);
}

/** A real calendar date between `minDaysAfter` and `maxDaysAfter` days after `asOf`. */
export function dateAfter(asOf: string, minDaysAfter: number, maxDaysAfter: number): fc.Arbitrary<string> {
  const start = days(asOf);
  return fc.integer({ min: start + minDaysAfter, max: start + maxDaysAfter }).map(fromDayNumber);
}

/**
 * Birth date of someone 18 or over at `asOf`. 18 years are at most 6 575 days (five leap days), so
 * 6 576 days before is always an adult.
 */
export const adultBirthDate = (asOf: string, maxAge = 95): fc.Arbitrary<string> => dateBefore(asOf, 6576, Math.floor(maxAge * DAYS_PER_YEAR));

/** Birth date of a child under 18 at `asOf` (at most 6 573 days old: 18 years are at least 6 574 days). */
export const childBirthDate = (asOf: string): fc.Arbitrary<string> =>
  fc.oneof({ arbitrary: dateBefore(asOf, 0, 730), weight: 1 }, { arbitrary: dateBefore(asOf, 0, 6573), weight: 3 });

/** Birth date of a child under two at `asOf` (at most 729 days old). */
export const underTwoBirthDate = (asOf: string): fc.Arbitrary<string> => dateBefore(asOf, 0, 729);
