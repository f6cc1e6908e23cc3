import type { Facts } from "../facts/catalogue.js";
import type { Apartment } from "../model/apartment.js";
import type { Household } from "../model/household.js";
import type { LandlordTerms, Policy } from "../model/policy.js";
import { countedPersons } from "../facts/overcrowding.js";
import { type AccessibilityCheck, accessibilityMet, checkAccessibility } from "./checks/accessibility.js";
import { type ExcludedDistrictCheck, checkExcludedDistrict, inExcludedDistrict } from "./checks/excluded-district.js";
import { type HousingDebtCheck, type IncomeCheck, type PaymentRemarksCheck, type RentGuaranteeCheck, checkFinances, financialCore } from "./checks/finances.js";
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
 * What {@link checkEligibility} decides, without building the check objects: the same cores (letting-rule evaluation,
 * `financialCore`, `countedPersons`/`sizeFits`, `accessibilityMet`, `inExcludedDistrict`) read as bits — every failed
 * check ({@link FAILED_CHECKS}, the reason codes of a result) and whether the rent guarantee lifts a failure. The
 * allocation runs it once on every ranked pair; a property test holds it equal to `checkEligibility`, which builds the
 * checks wherever they are shown. `letting`: whether the apartment's letting-rule condition holds for the household
 * (undefined when the policy lacks the rule: the check fails). `counted`: the household's countedPersons, when the
 * caller has it (it does not depend on the apartment).
 */
export function eligibilityBits(household: Household, facts: Facts, apartment: Apartment, policy: Policy, asOf: string, letting: boolean | undefined, counted?: number): number {
  const f = financialCore(household, facts, apartment, landlordTerms(policy, apartment.landlord));
  const persons = counted ?? countedPersons(household, asOf, policy.overcrowding);
  return (
    (letting === true ? 0 : 1) |
    (f.waived || f.incomeOwn ? 0 : 2) |
    (f.waived || f.remarksOwn ? 0 : 4) |
    (f.waived || f.debtOwn ? 0 : 8) |
    (!f.needed || f.lifted ? 0 : 16) |
    (sizeFits(persons, capacityOf(apartment, policy.overcrowding), (facts["children.count"] as number) > 0) ? 0 : 32) |
    (accessibilityMet(household, apartment) ? 0 : 64) |
    (inExcludedDistrict(household, apartment) ? 128 : 0) |
    (f.lifted ? GUARANTEE_LIFTS : 0)
  );
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
