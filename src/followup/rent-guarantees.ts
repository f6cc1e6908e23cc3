import { z } from "zod";
import { computeFacts } from "../facts/catalogue.js";
import type { Apartment } from "../model/apartment.js";
import { IsoDateSchema, addMonths, dayNumber, days } from "../model/date.js";
import { ContractSchema } from "../model/enums.js";
import { CountSchema, HouseholdSchema, IdSchema } from "../model/household.js";
import { crossCheck } from "../model/input.js";
import { type Issue, type Path, type Result, fail, issue, ok } from "../model/issue.js";
import { type Policy, PolicyReferenceSchema } from "../model/policy.js";
import { prescan } from "../model/prescan.js";
import { resolvePolicy } from "../model/resolve-policy.js";
import { fromZodIssues } from "../model/zod-issues.js";
import { type HousingDebtCheck, type IncomeCheck, type PaymentRemarksCheck, checkFinances } from "../rules/checks/finances.js";
import { landlordTerms } from "../rules/eligibility.js";
import { byCodePoint } from "./common.js";

/** Days before `validUntil` from which a guarantee is listed as expiring. */
export const EXPIRING_WITHIN_DAYS = 60;

/** A municipal rent guarantee (kommunal hyresgaranti) as granted: dates, months of rent covered, end date. */
export const GuaranteeSchema = z.strictObject({
  grantedOn: IsoDateSchema,
  lastReviewedOn: IsoDateSchema.optional(),
  monthsCovered: z.int().min(0).max(600),
  validUntil: IsoDateSchema,
});
export type Guarantee = z.infer<typeof GuaranteeSchema>;

/** The tenant household: the allocation input's household; `preferences` may be left out (a tenant is not applying). */
export const TenantHouseholdSchema = HouseholdSchema.extend({
  preferences: z.strictObject({ ranking: z.array(IdSchema) }).default({ ranking: [] }),
});

/** One tenancy the municipality follows up: who, which landlord, the rent and contract, and its guarantee if any. */
export const TenancySchema = z.strictObject({
  id: IdSchema,
  household: TenantHouseholdSchema,
  landlord: IdSchema,
  monthlyRentSek: CountSchema,
  contract: ContractSchema,
  startedOn: IsoDateSchema,
  housingFirst: z.boolean().default(false),
  guarantee: GuaranteeSchema.optional(),
});
export type Tenancy = z.infer<typeof TenancySchema>;

/** The document the rent-guarantee review reads; unknown keys are rejected as in the allocation input. */
export const RentGuaranteeReviewInputSchema = z
  .strictObject({
    schemaVersion: z.literal(1),
    asOf: IsoDateSchema,
    policy: PolicyReferenceSchema,
    tenancies: z.array(TenancySchema),
  })
  .meta({ id: "RentGuaranteeReviewInput", title: "bostad-forst rent-guarantee review input" });

/** The review input after validation, with the policy resolved. */
export type RentGuaranteeReviewInput = Omit<z.infer<typeof RentGuaranteeReviewInputSchema>, "policy"> & { policy: Policy };

/** Who a finding is about: pseudonymous ids only. */
interface Subject {
  tenancyId: string;
  householdId: string;
}

/** Due for review: `reviewEveryMonths` have passed since the last review (or the grant, if never reviewed). */
export interface ReviewDue extends Subject {
  basis: "last-review" | "grant";
  since: string;
  dueOn: string;
  daysOverdue: number;
}

/** The household now meets the landlord's financial criteria on its own: the guarantee can end. */
export interface CanEnd extends Subject {
  landlord: string;
  checks: [IncomeCheck, PaymentRemarksCheck, HousingDebtCheck];
}

/** A term of the policy the guarantee breaks. */
export type TermViolation =
  | { term: "min-months"; monthsCovered: number; minMonths: number }
  | { term: "max-years"; grantedOn: string; validUntil: string; latestAllowed: string; maxYears: number };

export interface BreaksTerms extends Subject {
  violations: TermViolation[];
}

/** Runs out within {@link EXPIRING_WITHIN_DAYS} days. */
export interface Expiring extends Subject {
  validUntil: string;
  daysLeft: number;
}

/** Ended before `asOf` but still on record. */
export interface Expired extends Subject {
  validUntil: string;
  daysAgo: number;
}

/** A Housing First tenancy still on a second-hand contract past the policy's threshold. */
export interface ConvertToFirstHand extends Subject {
  startedOn: string;
  monthsOnSecondHand: number;
  thresholdMonths: number;
}

/** The rent-guarantee review at `asOf` (DESIGN section 8); every list sorted by tenancy id. */
export interface RentGuaranteeReview {
  asOf: string;
  policy: { id: string; version: string };
  terms: { minMonths: number; maxYears: number; reviewEveryMonths: number; convertToFirstHandAfterMonths: number; source: string };
  counts: { tenancies: number; guarantees: number; active: number; housingFirstSecondHand: number };
  dueForReview: ReviewDue[];
  canEnd: CanEnd[];
  breaksTerms: BreaksTerms[];
  expiringSoon: Expiring[];
  expired: Expired[];
  convertToFirstHand: ConvertToFirstHand[];
}

const PERSONAL_NUMBER = /^(\d{2})?\d{6}[-+]?\d{4}$/;
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Validates a review input: schema (unknown keys rejected), policy, unique tenancy ids, known landlords,
 * no date after `asOf`, coherent guarantee dates, and the household checks of the allocation input. Every issue or none.
 *
 * @example const parsed = parseRentGuaranteeReviewInput(JSON.parse(text));
 */
export function parseRentGuaranteeReviewInput(raw: unknown): Result<RentGuaranteeReviewInput> {
  try {
    const pre = prescan(raw);
    if (pre.length > 0) return fail(pre);
    const parsed = RentGuaranteeReviewInputSchema.safeParse(raw, { reportInput: true });
    const issues: Issue[] = parsed.success ? [] : fromZodIssues(parsed.error.issues);
    const rawPolicy = isRecord(raw) ? raw["policy"] : undefined;
    const policy = rawPolicy === undefined ? undefined : resolvePolicy(rawPolicy);
    if (policy && !policy.ok) issues.splice(0, issues.length, ...issues.filter((i) => i.path[0] !== "policy"), ...policy.issues);
    const resolved = policy?.ok ? policy.value : undefined;
    const asOf = isRecord(raw) && typeof raw["asOf"] === "string" && dayNumber(raw["asOf"]) !== undefined ? raw["asOf"] : undefined;
    if (asOf !== undefined) {
      const tenancies = parsed.success ? parsed.data.tenancies : salvage(isRecord(raw) ? raw["tenancies"] : undefined);
      issues.push(...crossCheckTenancies(tenancies, asOf, resolved));
    }
    if (issues.length > 0 || !parsed.success || !policy?.ok) {
      return fail(issues.length > 0 ? issues : [issue("internal_error", [], "Ett internt fel uppstod vid valideringen.", "An internal error occurred during validation.")]);
    }
    return ok({ ...parsed.data, policy: policy.value });
  } catch {
    return fail([issue("internal_error", [], "Ett internt fel uppstod vid valideringen.", "An internal error occurred during validation.")]);
  }
}

function salvage(list: unknown): (Tenancy | undefined)[] {
  if (!Array.isArray(list)) return [];
  return list.map((v) => {
    const r = TenancySchema.safeParse(v);
    return r.success ? r.data : undefined;
  });
}

function crossCheckTenancies(tenancies: readonly (Tenancy | undefined)[], asOf: string, policy: Policy | undefined): Issue[] {
  const issues: Issue[] = [];
  const ids = new Set<string>();
  const at = days(asOf);
  tenancies.forEach((t, i) => {
    if (!t) return;
    const path: Path = ["tenancies", i];
    if (ids.has(t.id)) issues.push(issue("duplicate_id", [...path, "id"], `Hyresförhållande "${t.id}" förekommer mer än en gång.`, `Tenancy id "${t.id}" occurs more than once.`, { received: t.id }));
    ids.add(t.id);
    if (PERSONAL_NUMBER.test(t.id)) issues.push(issue("looks_like_personal_number", [...path, "id"], "Id:t ser ut som ett personnummer; använd ett pseudonymt id.", "The id looks like a personal identity number; use a pseudonymous id."));
    if (policy && !Object.hasOwn(policy.landlords, t.landlord) && !policy.landlords["*"]) {
      issues.push(issue("unknown_landlord", [...path, "landlord"], `Hyresvärden "${t.landlord}" saknas i policyn (och policyn har ingen standard "*").`, `Landlord "${t.landlord}" is not in the policy (and the policy has no "*" default).`, { received: t.landlord }));
    }
    const future = (date: string | undefined, p: Path): void => {
      if (date !== undefined && days(date) > at) issues.push(issue("date_after_as_of", p, "Datumet ligger efter beräkningsdagen (asOf).", "The date is after the evaluation date (asOf)."));
    };
    future(t.startedOn, [...path, "startedOn"]);
    const g = t.guarantee;
    if (g) {
      future(g.grantedOn, [...path, "guarantee", "grantedOn"]);
      future(g.lastReviewedOn, [...path, "guarantee", "lastReviewedOn"]);
      if (g.lastReviewedOn !== undefined && days(g.lastReviewedOn) < days(g.grantedOn)) {
        issues.push(issue("invalid_value", [...path, "guarantee", "lastReviewedOn"], "Senaste omprövning ligger före beviljandet.", "The last review is before the grant.", { expected: { notBefore: g.grantedOn }, received: g.lastReviewedOn }));
      }
      if (days(g.validUntil) < days(g.grantedOn)) {
        issues.push(issue("invalid_value", [...path, "guarantee", "validUntil"], "Garantin upphör före beviljandet.", "The guarantee ends before it was granted.", { expected: { notBefore: g.grantedOn }, received: g.validUntil }));
      }
    }
  });
  // The allocation input's household checks (an adult, no future dates, pseudonymous id), with paths under each tenancy.
  const households = tenancies.map((t) => t?.household);
  for (const found of crossCheck({ asOf, households, apartments: [] }, policy)) {
    const [, index, ...rest] = found.path;
    issues.push({ ...found, path: ["tenancies", index ?? 0, "household", ...rest] });
  }
  return issues;
}

/** Full calendar months from `from` to `to` (a month counts on its day; the end of a short month clamps). */
export function fullMonthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split("-").map(Number) as [number, number];
  const [ty, tm] = to.split("-").map(Number) as [number, number];
  let n = (ty - fy) * 12 + (tm - fm);
  while (n > 0 && days(addMonths(from, n)) > days(to)) n--;
  while (days(addMonths(from, n + 1)) <= days(to)) n++;
  return n;
}

/** The landlord's financial checks for the tenancy's rent, decided on the household's own finances. */
function ownFinances(t: Tenancy, policy: Policy, asOf: string): CanEnd["checks"] {
  // Asked as a first-hand tenant: whether the household would meet the landlord's criteria without a guarantee.
  const apartment: Apartment = {
    id: t.id, landlord: t.landlord, district: "-", building: t.id, rooms: 1, bedrooms: 0, areaSqm: 1, monthlyRentSek: t.monthlyRentSek,
    floor: 0, elevator: false, wheelchairAccessible: false, lettingRule: "queue", contract: "first-hand", availableFrom: t.startedOn,
  };
  const f = checkFinances(t.household, computeFacts(t.household, { asOf, policy }), apartment, landlordTerms(policy, t.landlord), policy);
  return [f.income, f.paymentRemarks, f.housingDebt];
}

/**
 * The rent-guarantee review of a validated input at its `asOf` (Lund reviews twice a year, 003_a6b4b33b68e1eed4.txt):
 * due for review, can end (the household passes the landlord's criteria on its own, with the checks), breaks the
 * policy's terms, expiring within 60 days, expired; and Housing First tenancies to convert to first hand.
 *
 * @example reviewTenancies(parsed.value).canEnd.map((c) => c.tenancyId)
 */
export function reviewTenancies(input: RentGuaranteeReviewInput): RentGuaranteeReview {
  const { asOf, policy } = input;
  const at = days(asOf);
  const { minMonths, maxYears, reviewEveryMonths, source } = policy.rentGuarantee;
  const threshold = policy.housingFirst.convertToFirstHandAfterMonths;
  const review: RentGuaranteeReview = {
    asOf,
    policy: { id: policy.id, version: policy.version },
    terms: { minMonths, maxYears, reviewEveryMonths, convertToFirstHandAfterMonths: threshold, source },
    counts: { tenancies: input.tenancies.length, guarantees: 0, active: 0, housingFirstSecondHand: 0 },
    dueForReview: [],
    canEnd: [],
    breaksTerms: [],
    expiringSoon: [],
    expired: [],
    convertToFirstHand: [],
  };
  const tenancies = [...input.tenancies].sort((a, b) => byCodePoint(a.id, b.id));
  for (const t of tenancies) {
    const subject: Subject = { tenancyId: t.id, householdId: t.household.id };
    if (t.housingFirst && t.contract === "second-hand") {
      review.counts.housingFirstSecondHand++;
      if (days(addMonths(t.startedOn, threshold)) <= at) {
        review.convertToFirstHand.push({ ...subject, startedOn: t.startedOn, monthsOnSecondHand: fullMonthsBetween(t.startedOn, asOf), thresholdMonths: threshold });
      }
    }
    const g = t.guarantee;
    if (!g) continue;
    review.counts.guarantees++;
    const left = days(g.validUntil) - at;
    if (left < 0) {
      review.expired.push({ ...subject, validUntil: g.validUntil, daysAgo: -left });
      continue;
    }
    review.counts.active++;

    const since = g.lastReviewedOn ?? g.grantedOn;
    const dueOn = addMonths(since, reviewEveryMonths);
    if (days(dueOn) <= at) {
      review.dueForReview.push({ ...subject, basis: g.lastReviewedOn === undefined ? "grant" : "last-review", since, dueOn, daysOverdue: at - days(dueOn) });
    }

    const checks = ownFinances(t, policy, asOf);
    if (checks.every((c) => c.ownPass)) review.canEnd.push({ ...subject, landlord: t.landlord, checks });

    const violations: TermViolation[] = [];
    if (g.monthsCovered < minMonths) violations.push({ term: "min-months", monthsCovered: g.monthsCovered, minMonths });
    const latestAllowed = addMonths(g.grantedOn, 12 * maxYears);
    if (days(g.validUntil) > days(latestAllowed)) violations.push({ term: "max-years", grantedOn: g.grantedOn, validUntil: g.validUntil, latestAllowed, maxYears });
    if (violations.length > 0) review.breaksTerms.push({ ...subject, violations });

    if (left <= EXPIRING_WITHIN_DAYS) review.expiringSoon.push({ ...subject, validUntil: g.validUntil, daysLeft: left });
  }
  return review;
}

/**
 * Validates a raw review document and reviews it: the review, or every input issue (never a partial review).
 *
 * @example
 * const r = reviewRentGuarantees(JSON.parse(text));
 * if (r.ok) console.log(r.value.dueForReview.length, "due for review");
 */
export function reviewRentGuarantees(raw: unknown): Result<RentGuaranteeReview> {
  const parsed = parseRentGuaranteeReviewInput(raw);
  return parsed.ok ? ok(reviewTenancies(parsed.value)) : parsed;
}
