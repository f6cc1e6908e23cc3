import { computeFacts } from "../facts/catalogue.js";
import { HOMELESS_SITUATIONS, HOUSING_SITUATIONS, type Accommodation, type HousingSituation } from "../model/enums.js";
import type { Household } from "../model/household.js";
import type { Message, Result } from "../model/issue.js";
import { ok } from "../model/issue.js";
import { parseInput } from "../model/parse.js";
import type { Policy } from "../model/policy.js";
import { priorityGroupOf } from "../rules/priority.js";

/** Days that make "homeless more than six months" (the same 182 days as the preset group `homeless-over-six-months`). */
export const SIX_MONTHS_DAYS = 182;
/** Days that make "leaving an institution within three months" (Socialstyrelsen situation 2; the preset group uses 90). */
export const THREE_MONTHS_DAYS = 90;
/** Accommodations no family with children should live in (Lund's goal, 003_a6b4b33b68e1eed4.txt: hotel/hostel; shelter added). */
export const NO_CHILDREN_ACCOMMODATIONS: readonly Accommodation[] = ["hotel", "hostel", "shelter"];

/** Statistics-only member attribute; members without it count as `not-given`. */
export const GENDER_KEYS = ["female", "male", "other", "unknown", "not-given"] as const;
export type GenderKey = (typeof GENDER_KEYS)[number];

/** Households, their members, and the members under 18. */
export interface Tally {
  households: number;
  persons: number;
  children: number;
}

export interface SituationTally extends Tally {
  householdsWithChildren: number;
}

export interface GroupTally extends Tally {
  /** Group id, or `null` for households in none of the policy's groups. */
  id: string | null;
  label: Message;
  sensitive: boolean;
  /** Households of the group in situations 1–4. */
  homelessHouseholds: number;
}

/** Persons by the statistics-only `gender` attribute: all, and those in situations 1–4. */
export interface GenderBreakdown {
  persons: Record<GenderKey, number>;
  homelessPersons: Record<GenderKey, number>;
}

/** The homelessness snapshot at `asOf` (DESIGN section 8; the yearly mapping of 000 and 003). Aggregates only. */
export interface HomelessnessSnapshot {
  asOf: string;
  policy: { id: string; version: string };
  population: Tally;
  /** Every situation of the input, in contract order; sums to `population`. */
  bySituation: Record<HousingSituation, SituationTally>;
  /** Socialstyrelsen situations 1–4. */
  homeless: SituationTally;
  /** Children in situations 1–4 or at risk of eviction. */
  childrenAffected: number;
  homelessOverSixMonths: Tally;
  /** Families with children in hotel, hostel or shelter: the goal is zero. */
  familiesInHotelHostelShelter: Tally & { goal: 0; accommodations: readonly Accommodation[] };
  /** In an institution (situation 2) with a move-out date at most three months away (or passed) and no home arranged. */
  institutionDischargeWithinThreeMonths: Tally & { moveOutPassed: number };
  /** The policy's groups in its order, then `null` (no group); sums to `population`. */
  byPriorityGroup: GroupTally[];
  byGender?: GenderBreakdown;
}

export interface SnapshotOptions {
  /** Include the breakdown by the statistics-only `gender` attribute. */
  byGender?: boolean;
}

const tally = (): Tally => ({ households: 0, persons: 0, children: 0 });
const situationTally = (): SituationTally => ({ ...tally(), householdsWithChildren: 0 });
const genders = (): Record<GenderKey, number> => ({ female: 0, male: 0, other: 0, unknown: 0, "not-given": 0 });

function add(t: Tally, persons: number, children: number): void {
  t.households++;
  t.persons += persons;
  t.children += children;
}

/**
 * Counts households at `asOf` by homelessness situation, with children, long-term homelessness, families in
 * hotel/hostel/shelter, imminent institution discharges and the policy's priority groups. Pure; reads `gender` only
 * for the optional breakdown (no condition, key or explanation does).
 *
 * @example homelessnessSnapshot(input.households, input.asOf, input.policy).homeless.households
 */
export function homelessnessSnapshot(households: readonly Household[], asOf: string, policy: Policy, options: SnapshotOptions = {}): HomelessnessSnapshot {
  const bySituation = Object.fromEntries(HOUSING_SITUATIONS.map((s) => [s, situationTally()])) as Record<HousingSituation, SituationTally>;
  const groups: GroupTally[] = [
    ...policy.priorityGroups.map((g): GroupTally => ({ id: g.id, label: g.label, sensitive: g.sensitive, ...tally(), homelessHouseholds: 0 })),
    { id: null, label: { sv: "Ingen prioritetsgrupp", en: "No priority group" }, sensitive: false, ...tally(), homelessHouseholds: 0 },
  ];
  const snapshot: HomelessnessSnapshot = {
    asOf,
    policy: { id: policy.id, version: policy.version },
    population: tally(),
    bySituation,
    homeless: situationTally(),
    childrenAffected: 0,
    homelessOverSixMonths: tally(),
    familiesInHotelHostelShelter: { ...tally(), goal: 0, accommodations: NO_CHILDREN_ACCOMMODATIONS },
    institutionDischargeWithinThreeMonths: { ...tally(), moveOutPassed: 0 },
    byPriorityGroup: groups,
  };
  const byGender: GenderBreakdown | undefined = options.byGender === true ? { persons: genders(), homelessPersons: genders() } : undefined;

  for (const h of households) {
    const facts = computeFacts(h, { asOf, policy });
    const persons = h.members.length;
    const children = facts["children.count"] as number;
    const situation = h.housing.situation;
    const homeless = HOMELESS_SITUATIONS.includes(situation);

    add(snapshot.population, persons, children);
    add(bySituation[situation], persons, children);
    if (children > 0) bySituation[situation].householdsWithChildren++;
    if (homeless) {
      add(snapshot.homeless, persons, children);
      if (children > 0) snapshot.homeless.householdsWithChildren++;
    }
    if (homeless || situation === "eviction-risk") snapshot.childrenAffected += children;
    if (homeless && (facts["housing.homelessDays"] as number) > SIX_MONTHS_DAYS) add(snapshot.homelessOverSixMonths, persons, children);
    const accommodation = h.housing.accommodation;
    if (homeless && children > 0 && accommodation !== undefined && NO_CHILDREN_ACCOMMODATIONS.includes(accommodation)) add(snapshot.familiesInHotelHostelShelter, persons, children);
    const moveOut = facts["housing.moveOutWithinDays"];
    if (situation === "institution" && typeof moveOut === "number" && moveOut <= THREE_MONTHS_DAYS) {
      add(snapshot.institutionDischargeWithinThreeMonths, persons, children);
      if (moveOut < 0) snapshot.institutionDischargeWithinThreeMonths.moveOutPassed++;
    }
    const group = priorityGroupOf(facts, policy).group;
    const g = groups[group === null ? groups.length - 1 : group.rank - 1]!;
    add(g, persons, children);
    if (homeless) g.homelessHouseholds++;
    if (byGender) {
      for (const m of h.members) {
        const key: GenderKey = m.gender ?? "not-given";
        byGender.persons[key]++;
        if (homeless) byGender.homelessPersons[key]++;
      }
    }
  }
  if (byGender) snapshot.byGender = byGender;
  return snapshot;
}

/**
 * The snapshot of an allocation input's households (validated as `bostad-forst allocate` does), or every input issue.
 *
 * @example const s = snapshotFromInput(JSON.parse(text), { byGender: true });
 */
export function snapshotFromInput(raw: unknown, options: SnapshotOptions = {}): Result<HomelessnessSnapshot> {
  const parsed = parseInput(raw);
  if (!parsed.ok) return parsed;
  const { households, asOf, policy } = parsed.value;
  return ok(homelessnessSnapshot(households, asOf, policy, options));
}
