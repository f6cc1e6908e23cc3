/** Shared fast-check generators for bostad-forst properties (STYLE.md: one arbitraries/ folder). */
export { DEFAULT_AS_OF, adultBirthDate, childBirthDate, dateAfter, dateBefore, underTwoBirthDate } from "./dates.js";
export { type ApartmentInput, type ApartmentOptions, DISTRICTS, LANDLORDS, apartment } from "./apartment.js";
export { type HouseholdInput, type HouseholdOptions, household, income, members, ranking } from "./household.js";
export { type InputOptions, type RawAllocationInput, type Size, stockFor, validInput } from "./input.js";
export { MUTATORS, MUTATOR_NAMES, type Mutation, type MutatorName, invalidInput, mutate } from "./mutators.js";
