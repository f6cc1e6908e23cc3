import fc from "fast-check";
import { days, fromDayNumber } from "../../src/model/date.js";
import type { IssueCode, Path } from "../../src/model/issue.js";
import type { RawAllocationInput } from "../../src/model/input.js";
import { type InputOptions, validInput } from "./input.js";

/** An input made invalid in a known way: the issue `parseInput` must report (among possibly others). */
export interface Mutation {
  name: MutatorName;
  input: unknown;
  expected: { code: IssueCode; path: Path };
}

type Json = Record<string, unknown>;
type Households = Json[];

/** Picks an element by a generated number; `undefined` when the list is empty. */
const nth = <T>(list: readonly T[], k: number): [T, number] | undefined => (list.length === 0 ? undefined : [list[k % list.length]!, k % list.length]);
const households = (input: Json): Households => input["households"] as Households;
const apartments = (input: Json): Json[] => input["apartments"] as Json[];

/**
 * Each mutator deep-copies a valid input, breaks one rule and says which issue that must give,
 * or returns `undefined` when the input has nothing to break (e.g. no second household).
 */
export const MUTATORS = {
  unknownTopLevelKey: (input, _k) => ({ input: { ...input, polcy: "orebro" }, code: "unrecognized_key", path: ["polcy"] }),
  unknownHouseholdKey: (input, k) => {
    const [h, i] = nth(households(input), k) ?? [];
    if (!h || i === undefined) return undefined;
    h["prefrences"] = {};
    return { input, code: "unrecognized_key", path: ["households", i, "prefrences"] };
  },
  unknownNestedKey: (input, k) => {
    const [h, i] = nth(households(input), k) ?? [];
    if (!h || i === undefined) return undefined;
    (h["credit"] as Json)["remarks"] = 0;
    return { input, code: "unrecognized_key", path: ["households", i, "credit", "remarks"] };
  },
  unknownApartmentKey: (input, k) => {
    const [a, i] = nth(apartments(input), k) ?? [];
    if (!a || i === undefined) return undefined;
    a["balcony"] = true;
    return { input, code: "unrecognized_key", path: ["apartments", i, "balcony"] };
  },
  invalidCalendarDate: (input, k) => {
    const [h, i] = nth(households(input), k) ?? [];
    if (!h || i === undefined) return undefined;
    (h["housing"] as Json)["since"] = "2026-02-30";
    return { input, code: "invalid_date", path: ["households", i, "housing", "since"] };
  },
  malformedDate: (input, _k) => ({ input: { ...input, asOf: "21/11/2026" }, code: "invalid_date", path: ["asOf"] }),
  duplicateHouseholdId: (input, k) => {
    const hs = households(input);
    if (hs.length < 2) return undefined;
    const i = 1 + (k % (hs.length - 1));
    hs[i]!["id"] = hs[0]!["id"];
    return { input, code: "duplicate_id", path: ["households", i, "id"] };
  },
  duplicateApartmentId: (input, k) => {
    const as = apartments(input);
    if (as.length < 2) return undefined;
    const i = 1 + (k % (as.length - 1));
    const old = as[i]!["id"];
    as[i]!["id"] = as[0]!["id"];
    // Rankings that named the renamed vacancy would add unknown_apartment issues; point them at the survivor.
    for (const h of households(input)) {
      const r = (h["preferences"] as { ranking: string[] }).ranking;
      (h["preferences"] as { ranking: string[] }).ranking = [...new Set(r.map((id) => (id === old ? (as[0]!["id"] as string) : id)))];
    }
    return { input, code: "duplicate_id", path: ["apartments", i, "id"] };
  },
  unknownApartmentInRanking: (input, k) => {
    const [h, i] = nth(households(input), k) ?? [];
    if (!h || i === undefined) return undefined;
    const r = (h["preferences"] as { ranking: string[] }).ranking;
    r.push("A-does-not-exist");
    return { input, code: "unknown_apartment", path: ["households", i, "preferences", "ranking", r.length - 1] };
  },
  duplicateRankingEntry: (input, k) => {
    const withChoices = households(input)
      .map((h, i) => [h, i] as const)
      .filter(([h]) => (h["preferences"] as { ranking: string[] }).ranking.length > 0);
    const [entry] = nth(withChoices, k) ?? [];
    if (!entry) return undefined;
    const [h, i] = entry;
    const r = (h["preferences"] as { ranking: string[] }).ranking;
    r.push(r[0]!);
    return { input, code: "duplicate_ranking_entry", path: ["households", i, "preferences", "ranking", r.length - 1] };
  },
  noAdult: (input, k) => {
    const [h, i] = nth(households(input), k) ?? [];
    if (!h || i === undefined) return undefined;
    const asOf = input["asOf"] as string;
    h["members"] = [{ birthDate: fromDayNumber(days(asOf) - 3000) }, { birthDate: asOf }];
    return { input, code: "no_adult", path: ["households", i, "members"] };
  },
  negativeMoney: (input, k) => {
    const [a, i] = nth(apartments(input), k) ?? [];
    if (!a || i === undefined) return undefined;
    a["monthlyRentSek"] = -1;
    return { input, code: "too_small", path: ["apartments", i, "monthlyRentSek"] };
  },
  nonIntegerMoney: (input, k) => {
    const [h, i] = nth(households(input), k) ?? [];
    if (!h || i === undefined) return undefined;
    h["income"] = [{ source: "employment", monthlySek: 21_000.5 }];
    return { input, code: "not_integer", path: ["households", i, "income", 0, "monthlySek"] };
  },
  hugeMoney: (input, k) => {
    const [h, i] = nth(households(input), k) ?? [];
    if (!h || i === undefined) return undefined;
    h["income"] = [{ source: "employment", monthlySek: 1e300 }];
    return { input, code: "too_big", path: ["households", i, "income", 0, "monthlySek"] };
  },
  dateAfterAsOf: (input, k) => {
    const [h, i] = nth(households(input), k) ?? [];
    if (!h || i === undefined) return undefined;
    h["queue"] = { registeredOn: fromDayNumber(days(input["asOf"] as string) + 1) };
    return { input, code: "date_after_as_of", path: ["households", i, "queue", "registeredOn"] };
  },
  personalNumberId: (input, k) => {
    const [h, i] = nth(households(input), k) ?? [];
    if (!h || i === undefined) return undefined;
    h["id"] = "19840302-1234";
    return { input, code: "looks_like_personal_number", path: ["households", i, "id"] };
  },
  unknownPreset: (input, _k) => ({ input: { ...input, policy: "atlantis" }, code: "unknown_preset", path: ["policy"] }),
  wrongSchemaVersion: (input, _k) => ({ input: { ...input, schemaVersion: 2 }, code: "invalid_value", path: ["schemaVersion"] }),
  missingField: (input, _k) => {
    const { seed: _seed, ...rest } = input;
    return { input: rest, code: "invalid_type", path: ["seed"] };
  },
  wrongType: (input, k) => {
    const [a, i] = nth(apartments(input), k) ?? [];
    if (!a || i === undefined) return undefined;
    a["elevator"] = "yes";
    return { input, code: "invalid_type", path: ["apartments", i, "elevator"] };
  },
  unknownEnumValue: (input, k) => {
    const [h, i] = nth(households(input), k) ?? [];
    if (!h || i === undefined) return undefined;
    (h["housing"] as Json)["situation"] = "homeless";
    return { input, code: "invalid_value", path: ["households", i, "housing", "situation"] };
  },
} satisfies Record<string, (input: Json, k: number) => { input: Json; code: IssueCode; path: Path } | undefined>;

export type MutatorName = keyof typeof MUTATORS;
export const MUTATOR_NAMES = Object.keys(MUTATORS) as MutatorName[];

/** Applies one mutator to a deep copy of `input`; the original is left untouched. */
export function mutate(name: MutatorName, input: RawAllocationInput, k = 0): Mutation | undefined {
  const copy = structuredClone(input) as unknown as Json;
  const out = (MUTATORS[name] as (input: Json, k: number) => { input: Json; code: IssueCode; path: Path } | undefined)(copy, k);
  return out && { name, input: out.input, expected: { code: out.code, path: out.path } };
}

/** A valid input broken by one of `names` (default all mutators) where applicable. */
export function invalidInput(options: InputOptions = {}, names: readonly MutatorName[] = MUTATOR_NAMES): fc.Arbitrary<Mutation> {
  return fc
    .tuple(validInput({ households: { min: 2, max: 8 }, apartments: { min: 2, max: 6 }, ...options }), fc.constantFrom(...names), fc.nat())
    .map(([input, name, k]) => mutate(name, input, k))
    .filter((m): m is Mutation => m !== undefined);
}
