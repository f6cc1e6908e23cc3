import { z } from "zod";
import { ApartmentSchema, StockSchema } from "./apartment.js";
import { IsoDateSchema, days, fullYearsBetween } from "./date.js";
import { HouseholdSchema, type Household } from "./household.js";
import { type Issue, type Path, issue } from "./issue.js";
import { PolicyReferenceSchema, type Policy } from "./policy.js";

/** The document `bostad-forst allocate` reads (DESIGN section 3). */
export const AllocationInputSchema = z
  .strictObject({
    schemaVersion: z.literal(1),
    asOf: IsoDateSchema,
    seed: z.string().min(1).max(200),
    policy: PolicyReferenceSchema,
    households: z.array(HouseholdSchema),
    apartments: z.array(ApartmentSchema),
    stock: StockSchema.optional(),
  })
  .meta({ id: "AllocationInput", title: "bostad-forst allocation input" });

/** The input after validation, with the policy resolved (preset looked up, `extends` merged). */
export type AllocationInput = Omit<z.infer<typeof AllocationInputSchema>, "policy"> & { policy: Policy };
export type RawAllocationInput = z.input<typeof AllocationInputSchema>;

// Swedish personal identity numbers (personnummer/samordningsnummer): YYMMDD-NNNN or YYYYMMDDNNNN.
const PERSONAL_NUMBER = /^(\d{2})?\d{6}[-+]?\d{4}$/;

type Apartment = z.infer<typeof ApartmentSchema>;

/** What the cross-record checks see; an element that failed its own schema is `undefined` and skipped. */
export interface CrossCheckInput {
  asOf: string;
  households: readonly (Household | undefined)[];
  apartments: readonly (Apartment | undefined)[];
  /**
   * Each ranking entry's apartment index when the reader already looked them up (`NdjsonParts.rankedApartments`: the
   * defined households' entries in order, -1 for an entry naming no apartment). Used only when it covers exactly those
   * entries; the issues are the same with or without it.
   */
  rankedApartments?: Int32Array;
}

/** Checks that span records: unique ids, rankings that name real vacancies, an adult per household, no future dates. */
export function crossCheck(input: CrossCheckInput, policy: Policy | undefined): Issue[] {
  const issues: Issue[] = [];
  const apartmentIds = checkApartments(input.apartments, policy, issues);
  const ranked = rankedIndices(input);
  const checker = new HouseholdChecker(input.asOf, apartmentIds, input.apartments.length, ranked !== undefined, strictlyIncreasing(input.households));
  const households = input.households;
  let at = 0;
  for (let i = 0; i < households.length; i++) {
    const h = households[i];
    if (!h) continue;
    checker.check(h, i, issues, ranked, at);
    at += h.preferences.ranking.length;
  }
  return issues;
}

/** The apartments' own cross-record checks (unique ids, landlord and letting rule in the policy); returns their ids. */
export function checkApartments(apartments: readonly (Apartment | undefined)[], policy: Policy | undefined, issues: Issue[]): Set<string> {
  const apartmentIds = new Set<string>();
  apartments.forEach((a, i) => {
    if (!a) return;
    const path: Path = ["apartments", i];
    if (apartmentIds.has(a.id)) {
      issues.push(issue("duplicate_id", [...path, "id"], `Lägenhets-id "${a.id}" förekommer mer än en gång.`, `Apartment id "${a.id}" occurs more than once.`, { received: a.id }));
    }
    apartmentIds.add(a.id);
    if (policy) {
      if (!policy.landlords[a.landlord] && !policy.landlords["*"]) {
        issues.push(issue("unknown_landlord", [...path, "landlord"], `Hyresvärden "${a.landlord}" saknas i policyn (och policyn har ingen standard "*").`, `Landlord "${a.landlord}" is not in the policy (and the policy has no "*" default).`, { received: a.landlord }));
      }
      if (!policy.lettingRules[a.lettingRule]) {
        issues.push(issue("unknown_letting_rule", [...path, "lettingRule"], `Uthyrningsregeln "${a.lettingRule}" är inte definierad i policyn.`, `Letting rule "${a.lettingRule}" is not defined in the policy.`, { received: a.lettingRule }));
      }
    }
  });
  return apartmentIds;
}

/**
 * The households' cross-record checks, one household at a time in input order (the streamed NDJSON reader checks each
 * as it arrives and keeps none): repeated ids, ids that look like personal numbers, an adult, no future dates,
 * rankings naming real vacancies once each. Issues are the same, in the same order, as one pass over every household.
 */
export class HouseholdChecker {
  private readonly asOfDays: number;
  /** Ids seen so far, once they stop rising strictly (a set of every id only then: see `check`). */
  private seen: Set<string> | undefined;
  private last: string | undefined;
  /** stamp[a] = the household whose ranking last named apartment a: a repeat within one ranking is a duplicate. */
  private readonly stamp: Int32Array | undefined;

  /**
   * `withIndices`: `check` is given the reader's ranking indices. `rising`: every id is known to rise strictly (no set
   * is needed); otherwise the ids seen are kept from the start, or `earlier` gives them when they stop rising.
   */
  constructor(
    private readonly asOf: string,
    private readonly apartmentIds: ReadonlySet<string>,
    apartments: number,
    withIndices: boolean,
    private readonly rising: boolean,
    private readonly earlier?: () => Iterable<string>,
  ) {
    this.asOfDays = days(asOf);
    this.stamp = withIndices ? new Int32Array(apartments).fill(-1) : undefined;
    if (!rising && !earlier) this.seen = new Set();
  }

  /** Checks household `h` at index `i`; `ranked` from `at` holds its entries' apartment indices when given. */
  check(h: Household, i: number, issues: Issue[], ranked?: Int32Array, at = 0): void {
    // Ids in strictly increasing order (how registers usually export them) cannot repeat: comparisons instead of a set
    // of every id (at 10⁶ households the set took 0.7 s). Otherwise the set finds the repeats.
    if (!this.rising) {
      if (this.seen === undefined && this.last !== undefined && !(this.last < h.id)) this.seen = new Set(this.earlier!());
      this.last = h.id;
      if (this.seen?.has(h.id)) {
        issues.push(issue("duplicate_id", ["households", i, "id"], `Hushålls-id "${h.id}" förekommer mer än en gång.`, `Household id "${h.id}" occurs more than once.`, { received: h.id }));
      }
      this.seen?.add(h.id);
    }
    if (PERSONAL_NUMBER.test(h.id)) {
      issues.push(issue("looks_like_personal_number", ["households", i, "id"], "Id:t ser ut som ett personnummer; använd ett pseudonymt id.", "The id looks like a personal identity number; use a pseudonymous id."));
    }
    checkHousehold(h, this.asOf, this.asOfDays, i, this.apartmentIds, issues, ranked && this.stamp ? { ranked, at, stamp: this.stamp } : undefined);
  }
}

/** Whether the records' ids, or the ids given, rise strictly in UTF-16 code units (records that failed their schema skipped). */
export function strictlyIncreasing(records: readonly ({ id: string } | string | undefined)[]): boolean {
  let last: string | undefined;
  for (const r of records) {
    if (r === undefined) continue;
    const id = typeof r === "string" ? r : r.id;
    if (last !== undefined && !(last < id)) return false;
    last = id;
  }
  return true;
}

/** The reader's ranking indices when they cover exactly the defined households' entries, else undefined. */
function rankedIndices(input: CrossCheckInput): Int32Array | undefined {
  const ranked = input.rankedApartments;
  if (!ranked) return undefined;
  let total = 0;
  for (const h of input.households) if (h) total += h.preferences.ranking.length;
  return total === ranked.length ? ranked : undefined;
}

/** The reader's indices of one household's entries, from `at`, and the apartments' stamps (see crossCheck). */
interface RankedHint {
  ranked: Int32Array;
  at: number;
  stamp: Int32Array;
}

/** Paths are built only for issues found: this runs once per household of a national queue. */
function checkHousehold(h: Household, asOfDate: string, asOf: number, i: number, apartmentIds: ReadonlySet<string>, issues: Issue[], hint?: RankedHint): void {
  const path = (...rest: (string | number)[]): Path => ["households", i, ...rest];
  let adults = 0;
  for (let j = 0; j < h.members.length; j++) {
    const birthDate = h.members[j]!.birthDate;
    if (days(birthDate) > asOf) futureDate(path("members", j, "birthDate"), issues);
    else if (fullYearsBetween(birthDate, asOfDate) >= 18) adults++;
  }
  if (adults === 0) {
    issues.push(issue("no_adult", path("members"), "Hushållet måste ha minst en medlem som är 18 år eller äldre på beräkningsdagen (asOf).", "The household must have at least one member aged 18 or over at the evaluation date (asOf)."));
  }
  const after = (date: string | undefined): boolean => date !== undefined && days(date) > asOf;
  if (after(h.housing.since)) futureDate(path("housing", "since"), issues);
  if (after(h.housing.homelessSince)) futureDate(path("housing", "homelessSince"), issues);
  if (after(h.queue?.registeredOn)) futureDate(path("queue", "registeredOn"), issues);
  if (after(h.residence?.registeredSince)) futureDate(path("residence", "registeredSince"), issues);

  const ranking = h.preferences.ranking;
  if (hint && knownRanking(h, i, hint, issues)) return;
  // Rankings are usually short: scanning them allocates nothing; a long one gets a set, so the check stays linear.
  const seen = ranking.length > 32 ? new Set<string>() : undefined;
  for (let k = 0; k < ranking.length; k++) {
    const id = ranking[k]!;
    if (seen ? seen.has(id) : ranking.indexOf(id) < k) {
      issues.push(issue("duplicate_ranking_entry", path("preferences", "ranking", k), `Lägenheten "${id}" står mer än en gång i rangordningen.`, `Apartment "${id}" appears more than once in the ranking.`, { received: id }));
    } else if (!apartmentIds.has(id)) {
      issues.push(issue("unknown_apartment", path("preferences", "ranking", k), `Rangordningen nämner lägenheten "${id}", som inte finns bland de lediga lägenheterna.`, `The ranking names apartment "${id}", which is not among the vacancies.`, { received: id }));
    }
    seen?.add(id);
  }
}

/**
 * The ranking checks from the reader's indices, when every entry names an apartment: a repeat is an apartment this
 * household's ranking already stamped (no string lookups: at 10⁶ × 20 they were most of these checks). False, with
 * nothing reported, when an entry names no apartment: the string checks then report, as without indices.
 */
function knownRanking(h: Household, i: number, { ranked, at, stamp }: RankedHint, issues: Issue[]): boolean {
  const ranking = h.preferences.ranking;
  for (let k = 0; k < ranking.length; k++) if (ranked[at + k]! < 0) return false;
  for (let k = 0; k < ranking.length; k++) {
    const a = ranked[at + k]!;
    if (stamp[a] === i) {
      const id = ranking[k]!;
      issues.push(issue("duplicate_ranking_entry", ["households", i, "preferences", "ranking", k], `Lägenheten "${id}" står mer än en gång i rangordningen.`, `Apartment "${id}" appears more than once in the ranking.`, { received: id }));
    } else stamp[a] = i;
  }
  return true;
}

function futureDate(path: Path, issues: Issue[]): void {
  issues.push(issue("date_after_as_of", path, "Datumet ligger efter beräkningsdagen (asOf).", "The date is after the evaluation date (asOf)."));
}
