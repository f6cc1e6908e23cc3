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
}

/** Checks that span records: unique ids, rankings that name real vacancies, an adult per household, no future dates. */
export function crossCheck(input: CrossCheckInput, policy: Policy | undefined): Issue[] {
  const issues: Issue[] = [];
  const apartmentIds = new Set<string>();
  input.apartments.forEach((a, i) => {
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

  const householdIds = new Set<string>();
  input.households.forEach((h, i) => {
    if (!h) return;
    const path: Path = ["households", i];
    if (householdIds.has(h.id)) {
      issues.push(issue("duplicate_id", [...path, "id"], `Hushålls-id "${h.id}" förekommer mer än en gång.`, `Household id "${h.id}" occurs more than once.`, { received: h.id }));
    }
    householdIds.add(h.id);
    if (PERSONAL_NUMBER.test(h.id)) {
      issues.push(issue("looks_like_personal_number", [...path, "id"], "Id:t ser ut som ett personnummer; använd ett pseudonymt id.", "The id looks like a personal identity number; use a pseudonymous id."));
    }
    checkHousehold(h, input.asOf, path, apartmentIds, issues);
  });
  return issues;
}

function checkHousehold(h: Household, asOfDate: string, path: Path, apartmentIds: ReadonlySet<string>, issues: Issue[]): void {
  const asOf = days(asOfDate);
  let adults = 0;
  h.members.forEach((m, j) => {
    const born = days(m.birthDate);
    if (born > asOf) futureDate([...path, "members", j, "birthDate"], issues);
    else if (fullYearsBetween(m.birthDate, asOfDate) >= 18) adults++;
  });
  if (adults === 0) {
    issues.push(issue("no_adult", [...path, "members"], "Hushållet måste ha minst en medlem som är 18 år eller äldre på beräkningsdagen (asOf).", "The household must have at least one member aged 18 or over at the evaluation date (asOf)."));
  }
  const notAfter: [string | undefined, Path][] = [
    [h.housing.since, [...path, "housing", "since"]],
    [h.housing.homelessSince, [...path, "housing", "homelessSince"]],
    [h.queue?.registeredOn, [...path, "queue", "registeredOn"]],
    [h.residence?.registeredSince, [...path, "residence", "registeredSince"]],
  ];
  for (const [date, p] of notAfter) if (date !== undefined && days(date) > asOf) futureDate(p, issues);

  const seen = new Set<string>();
  h.preferences.ranking.forEach((id, k) => {
    const p: Path = [...path, "preferences", "ranking", k];
    if (seen.has(id)) {
      issues.push(issue("duplicate_ranking_entry", p, `Lägenheten "${id}" står mer än en gång i rangordningen.`, `Apartment "${id}" appears more than once in the ranking.`, { received: id }));
    } else if (!apartmentIds.has(id)) {
      issues.push(issue("unknown_apartment", p, `Rangordningen nämner lägenheten "${id}", som inte finns bland de lediga lägenheterna.`, `The ranking names apartment "${id}", which is not among the vacancies.`, { received: id }));
    }
    seen.add(id);
  });
}

function futureDate(path: Path, issues: Issue[]): void {
  issues.push(issue("date_after_as_of", path, "Datumet ligger efter beräkningsdagen (asOf).", "The date is after the evaluation date (asOf)."));
}
