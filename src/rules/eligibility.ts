import type { Facts } from "../facts/catalogue.js";
import type { Apartment } from "../model/apartment.js";
import type { Household } from "../model/household.js";
import type { LandlordTerms, Policy } from "../model/policy.js";
import { countedPersons } from "../facts/overcrowding.js";
import { ACCESSIBILITY_NEEDS } from "../model/enums.js";
import { type AccessibilityCheck, checkAccessibility, meetsNeed } from "./checks/accessibility.js";
import { type ExcludedDistrictCheck, checkExcludedDistrict, excludes } from "./checks/excluded-district.js";
import {
  type ApartmentFinances,
  type HouseholdFinances,
  type HousingDebtCheck,
  type IncomeCheck,
  type PaymentRemarksCheck,
  type RentGuaranteeCheck,
  apartmentFinances,
  checkFinances,
  financialVerdict,
  householdFinances,
} from "./checks/finances.js";
import { type LettingRuleCheck, checkLettingRule } from "./checks/letting-rule.js";
import { type SizeCheck, capacityOf, checkSize, sizeFits } from "./checks/size.js";
import type { Evaluation } from "./condition.js";

/** One named eligibility check with the values it compared, tagged by `code`. */
export type Check =
  | LettingRuleCheck
  | IncomeCheck
  | PaymentRemarksCheck
  | HousingDebtCheck
  | RentGuaranteeCheck
  | SizeCheck
  | AccessibilityCheck
  | ExcludedDistrictCheck;
export type CheckCode = Check["code"];

/** Every check code, in the order `checkEligibility` reports them. */
export const CHECK_CODES = [
  "letting-rule",
  "income",
  "payment-remarks",
  "housing-debt",
  "rent-guarantee",
  "size",
  "accessibility",
  "excluded-district",
] as const satisfies readonly CheckCode[];

/** Whether a household may get an apartment, and every check behind the verdict (failures and passes). */
export interface Eligibility {
  eligible: boolean;
  /** The pair relies on the household's approved rent guarantee (it fails a financial check on its own). */
  rentGuaranteeRequired: boolean;
  checks: Check[];
}

/** Optional work the caller has already done: the letting rule's evaluation for this household (it does not depend on the apartment). */
export interface EligibilityOptions {
  letting?: Evaluation;
}

/** The landlord's terms: its own entry, else the policy's `*` default; throws if neither exists (the input check rejects that earlier). */
export function landlordTerms(policy: Policy, landlord: string): LandlordTerms {
  const terms = Object.hasOwn(policy.landlords, landlord) ? policy.landlords[landlord] : policy.landlords["*"];
  if (!terms) throw new Error(`policy ${policy.id} has no terms for landlord ${landlord} and no "*" default`);
  return terms;
}

/**
 * Eligibility of a household for an apartment (DESIGN section 6): letting rule, landlord finances with rent
 * guarantee and second-hand rules, size, accessibility and excluded districts. Preferences are the mechanism's.
 *
 * @example
 * const { eligible, checks } = checkEligibility(h, computeFacts(h, { asOf, policy }), apartment, policy, asOf);
 * const failed = checks.filter((c) => !c.pass).map((c) => c.code);
 */
export function checkEligibility(
  household: Household,
  facts: Facts,
  apartment: Apartment,
  policy: Policy,
  asOf: string,
  options: EligibilityOptions = {},
): Eligibility {
  const finances = checkFinances(household, facts, apartment, landlordTerms(policy, apartment.landlord), policy);
  const letting = checkLettingRule(facts, apartment.lettingRule, policy, options.letting);
  const size = checkSize(household, facts, apartment, policy, asOf);
  const accessibility = checkAccessibility(household, apartment);
  const district = checkExcludedDistrict(household, apartment);
  // Monomorphic reads of `pass` (one shape per check) keep this fast on the per-pair hot path.
  const eligible =
    letting.pass &&
    finances.income.pass &&
    finances.paymentRemarks.pass &&
    finances.housingDebt.pass &&
    finances.rentGuarantee.pass &&
    size.pass &&
    accessibility.pass &&
    district.pass;
  return {
    eligible,
    rentGuaranteeRequired: finances.rentGuaranteeRequired,
    checks: [letting, finances.income, finances.paymentRemarks, finances.housingDebt, finances.rentGuarantee, size, accessibility, district],
  };
}

/** Bit of {@link eligibilityVerdict}: every check passes. */
export const VERDICT_ELIGIBLE = 1;
/** Bit of {@link eligibilityVerdict}: eligible, and through the rent guarantee (`rentGuaranteeRequired`; never set on an ineligible pair). */
export const VERDICT_GUARANTEE = 2;

/** Bits 0–7 of {@link eligibilityBits}: the checks that fail, bit k for `CHECK_CODES[k]`. */
export const FAILED_CHECKS = 0xff;
/** Bit 8 of {@link eligibilityBits}: the household's rent guarantee lifts a financial check it fails on its own. */
const GUARANTEE_LIFTS = 0x100;

/**
 * What a pair's verdict reads of an apartment, worked out once per apartment of a run: its {@link ApartmentFinances}
 * (rent, the income its landlord's terms require for it, those terms), its capacity under the overcrowding rule, the
 * accessibility needs it meets (bit k for `ACCESSIBILITY_NEEDS[k]`, by `meetsNeed`) and its district.
 */
export interface ApartmentTerms extends ApartmentFinances {
  capacity: number;
  meets: number;
  district: string;
}

/**
 * What a pair's verdict reads of a household, worked out once per household: its {@link HouseholdFinances} (income,
 * credit, rent guarantee), counted persons, whether it has children, its accessibility needs (bits as
 * {@link ApartmentTerms.meets}) and excluded districts.
 */
export interface HouseholdTerms extends HouseholdFinances {
  counted: number;
  children: boolean;
  needs: number;
  excluded: readonly string[];
}

/** {@link ApartmentTerms} of one apartment under a policy. */
export function apartmentTerms(apartment: Apartment, policy: Policy): ApartmentTerms {
  const f = apartmentFinances(apartment, landlordTerms(policy, apartment.landlord));
  let meets = 0;
  for (let k = 0; k < ACCESSIBILITY_NEEDS.length; k++) if (meetsNeed(ACCESSIBILITY_NEEDS[k]!, apartment)) meets |= 1 << k;
  // One literal, not a spread of `f`: on Node 20 each object spread from a fresh one got a map of its own, and pairBits ran 30 times slower.
  return {
    rent: f.rent,
    required: f.required,
    maxPaymentRemarks: f.maxPaymentRemarks,
    rejectsHousingDebt: f.rejectsHousingDebt,
    acceptsSocialAssistance: f.acceptsSocialAssistance,
    acceptsRentGuarantee: f.acceptsRentGuarantee,
    secondHand: f.secondHand,
    capacity: capacityOf(apartment, policy.overcrowding),
    meets,
    district: apartment.district,
  };
}

/** {@link HouseholdTerms} of one household; `counted`: its countedPersons, when the caller has it. */
export function householdTerms(household: Household, facts: Facts, policy: Policy, asOf: string, counted?: number): HouseholdTerms {
  let needs = 0;
  for (const n of household.needs.accessibility) needs |= 1 << ACCESSIBILITY_NEEDS.indexOf(n);
  const f = householdFinances(household, facts);
  // One literal, as in apartmentTerms.
  return {
    total: f.total,
    socialAssistance: f.socialAssistance,
    withoutSocialAssistance: f.withoutSocialAssistance,
    remarks: f.remarks,
    debt: f.debt,
    hasGuarantee: f.hasGuarantee,
    guaranteeValid: f.guaranteeValid,
    guaranteeMax: f.guaranteeMax,
    counted: counted ?? countedPersons(household, asOf, policy.overcrowding),
    children: (facts["children.count"] as number) > 0,
    needs,
    excluded: household.needs.excludedDistricts,
  };
}

/**
 * What {@link checkEligibility} decides, without building the check objects: the same rules, read from both sides'
 * terms as bits — `financialVerdict` (which `checkFinances` also reads), `sizeFits`, `meetsNeed` and `excludes` —
 * every failed check ({@link FAILED_CHECKS}, the reason codes of a result) and whether the rent guarantee lifts a
 * failure. The allocation runs it once on every ranked pair, allocating nothing; a property test holds
 * {@link eligibilityBits} (this, on terms worked out for the one pair) equal to `checkEligibility`, which builds the
 * checks wherever they are shown. `letting`: whether the apartment's letting-rule condition holds for the household
 * (undefined when the policy lacks the rule: the check fails).
 */
export function pairBits(h: HouseholdTerms, a: ApartmentTerms, letting: boolean | undefined): number {
  const finances = financialVerdict(h, a);
  // FINANCIAL_BITS as literals (an imported constant costs a load and a check per pair): its four failed checks follow
  // the letting rule in CHECK_CODES, and outcome index 1 is `lifts`.
  return (
    (letting === true ? 0 : 1) |
    ((finances & 0xf) << 1) |
    (sizeFits(h.counted, a.capacity, h.children) ? 0 : 32) |
    ((h.needs & a.meets) === h.needs ? 0 : 64) |
    (excludes(h.excluded, a.district) ? 128 : 0) |
    (finances >>> 7 === 1 ? GUARANTEE_LIFTS : 0)
  );
}

/** {@link pairBits} of one pair, its terms worked out for it alone (`counted`: the household's countedPersons, when the caller has it). */
export function eligibilityBits(household: Household, facts: Facts, apartment: Apartment, policy: Policy, asOf: string, letting: boolean | undefined, counted?: number): number {
  return pairBits(householdTerms(household, facts, policy, asOf, counted), apartmentTerms(apartment, policy), letting);
}

/** The verdict ({@link VERDICT_ELIGIBLE}, {@link VERDICT_GUARANTEE}) of {@link eligibilityBits}. */
export const verdictOf = (bits: number): number => ((bits & FAILED_CHECKS) !== 0 ? 0 : VERDICT_ELIGIBLE | ((bits & GUARANTEE_LIFTS) !== 0 ? VERDICT_GUARANTEE : 0));

/** The verdict of {@link checkEligibility} — eligible, and through the rent guarantee — from {@link eligibilityBits}. */
export function eligibilityVerdict(household: Household, facts: Facts, apartment: Apartment, policy: Policy, asOf: string, letting: boolean | undefined, counted?: number): number {
  return verdictOf(eligibilityBits(household, facts, apartment, policy, asOf, letting, counted));
}

/** The codes of the failed checks in {@link eligibilityBits} (bits 0–7), in report order. */
export function codesOfMask(mask: number): CheckCode[] {
  const out: CheckCode[] = [];
  for (let k = 0; k < CHECK_CODES.length; k++) if ((mask & (1 << k)) !== 0) out.push(CHECK_CODES[k]!);
  return out;
}

/** Codes of the checks that failed, in report order. */
export function failedChecks(e: Eligibility): CheckCode[] {
  const out: CheckCode[] = [];
  for (const c of e.checks) if (!c.pass) out.push(c.code);
  return out;
}
