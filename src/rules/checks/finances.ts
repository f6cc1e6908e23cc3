import type { Facts } from "../../facts/catalogue.js";
import type { Apartment } from "../../model/apartment.js";
import type { Household } from "../../model/household.js";
import type { LandlordTerms, Policy } from "../../model/policy.js";

/**
 * On what a financial check was decided: the household's own finances, an approved rent guarantee that
 * covers the rent, or a second-hand municipal contract (the municipality is the tenant, so the household's
 * finances are not tried).
 */
export type FinancialBasis = "own" | "rent-guarantee" | "second-hand";

/** Income counted for the landlord (social assistance only where accepted) against `incomeMultiple × rent`. */
export interface IncomeCheck {
  code: "income";
  pass: boolean;
  /** Whether the household meets the requirement on its own, whatever the basis. */
  ownPass: boolean;
  basis: FinancialBasis;
  counted: number;
  required: number;
  multiple: number;
  rent: number;
  /** Social assistance (försörjningsstöd) in the household's income, and whether this landlord counts it. */
  socialAssistance: { monthlySek: number; counted: boolean };
  source: string;
}

/** Payment remarks (betalningsanmärkningar) against the landlord's maximum. */
export interface PaymentRemarksCheck {
  code: "payment-remarks";
  pass: boolean;
  ownPass: boolean;
  basis: FinancialBasis;
  count: number;
  max: number;
  source: string;
}

/** Housing debt (hyresskuld) where the landlord rejects it. */
export interface HousingDebtCheck {
  code: "housing-debt";
  pass: boolean;
  ownPass: boolean;
  basis: FinancialBasis;
  housingDebt: boolean;
  rejectedByLandlord: boolean;
  source: string;
}

/**
 * What a rent guarantee did for the pair: `not-needed` (own finances or a second-hand contract suffice),
 * `lifts` (it covers the rent and the landlord accepts it), or why it could not help. The index of each in this
 * list is how {@link financialVerdict} reports it; the two outcomes that pass come first.
 */
export const RENT_GUARANTEE_OUTCOMES = ["not-needed", "lifts", "none", "landlord-refuses", "not-valid", "does-not-cover"] as const;
/** One of {@link RENT_GUARANTEE_OUTCOMES}. */
export type RentGuaranteeOutcome = (typeof RENT_GUARANTEE_OUTCOMES)[number];

/** The municipal rent guarantee (kommunal hyresgaranti): needed only when the household fails a financial check on its own. */
export interface RentGuaranteeCheck {
  code: "rent-guarantee";
  pass: boolean;
  outcome: RentGuaranteeOutcome;
  needed: boolean;
  /** Approved and valid at `asOf` (fact `decisions.rentGuarantee`). */
  valid: boolean;
  maxMonthlySek: number | null;
  rent: number;
  landlordAccepts: boolean;
  source: string;
}

/** The four financial checks of one pair, and whether the pair needs the rent guarantee. */
export interface FinancialChecks {
  income: IncomeCheck;
  paymentRemarks: PaymentRemarksCheck;
  housingDebt: HousingDebtCheck;
  rentGuarantee: RentGuaranteeCheck;
  rentGuaranteeRequired: boolean;
}

/** Whole SEK the household must earn: `multiple × rent` rounded up (a float guard keeps 1.1 × 1000 at 1100). */
export function requiredIncome(multiple: number, rent: number): number {
  return Math.ceil(multiple * rent - 1e-9);
}

/**
 * What the financial rules read of a household: its income in total, as social assistance and without it, credit,
 * and its rent guarantee (`guaranteeMax` 0 without one). The allocation works it out once per household, as part of
 * its `HouseholdTerms`.
 */
export interface HouseholdFinances {
  total: number;
  socialAssistance: number;
  withoutSocialAssistance: number;
  remarks: number;
  debt: boolean;
  hasGuarantee: boolean;
  /** Approved and valid at `asOf` (fact `decisions.rentGuarantee`). */
  guaranteeValid: boolean;
  guaranteeMax: number;
}

/**
 * What the financial rules read of an apartment: its rent, the income its landlord requires for it, the landlord's
 * other criteria and whether the contract is second hand. The allocation works it out once per apartment, as part of
 * its `ApartmentTerms`.
 */
export interface ApartmentFinances {
  rent: number;
  required: number;
  maxPaymentRemarks: number;
  rejectsHousingDebt: boolean;
  acceptsSocialAssistance: boolean;
  acceptsRentGuarantee: boolean;
  secondHand: boolean;
}

/** {@link HouseholdFinances} of one household with its facts. */
export function householdFinances(household: Household, facts: Facts): HouseholdFinances {
  let total = 0;
  let socialAssistance = 0;
  for (const i of household.income) {
    total += i.monthlySek;
    if (i.source === "social-assistance") socialAssistance += i.monthlySek;
  }
  const guarantee = household.decisions.rentGuarantee;
  return {
    total,
    socialAssistance,
    withoutSocialAssistance: total - socialAssistance,
    remarks: household.credit.paymentRemarks,
    debt: household.credit.housingDebt,
    hasGuarantee: guarantee !== undefined,
    guaranteeValid: facts["decisions.rentGuarantee"] === true,
    guaranteeMax: guarantee === undefined ? 0 : guarantee.maxMonthlySek,
  };
}

/** {@link ApartmentFinances} of one apartment under its landlord's terms. */
export function apartmentFinances(apartment: Apartment, terms: LandlordTerms): ApartmentFinances {
  return {
    rent: apartment.monthlyRentSek,
    required: requiredIncome(terms.incomeMultiple, apartment.monthlyRentSek),
    maxPaymentRemarks: terms.maxPaymentRemarks,
    rejectsHousingDebt: terms.rejectsHousingDebt,
    acceptsSocialAssistance: terms.acceptsSocialAssistance,
    acceptsRentGuarantee: terms.acceptsRentGuarantee,
    secondHand: apartment.contract === "second-hand",
  };
}

/** The income the landlord counts: social assistance only where it accepts it. */
export function countedIncome(h: HouseholdFinances, a: ApartmentFinances): number {
  return a.acceptsSocialAssistance ? h.total : h.withoutSocialAssistance;
}

/**
 * The bit fields of {@link financialVerdict}: bits 0–3 the checks that fail (`income`, `paymentRemarks`,
 * `housingDebt`, `rentGuarantee`; `failed` masks them), bits 4–6 the first three as the household fails them on its
 * own (shifted by `own`), and from bit `outcome` on the rent guarantee's outcome, an index into
 * {@link RENT_GUARANTEE_OUTCOMES}.
 */
export const FINANCIAL_BITS = { income: 1, paymentRemarks: 2, housingDebt: 4, rentGuarantee: 8, failed: 0xf, own: 4, outcome: 7 } as const;

/**
 * The landlord's financial criteria with the second-hand and rent guarantee rules (DESIGN section 6), decided in this
 * one place. The income counted must reach the required income, payment remarks stay within the landlord's maximum,
 * and the landlord must not reject the household's housing debt. A second-hand contract waives all three; otherwise a
 * household that fails one needs its rent guarantee, which lifts the failures when it exists, the landlord accepts it,
 * it is valid and it covers the rent. Small-int bit fields ({@link FINANCIAL_BITS}), nothing allocated: `pairBits`
 * reads it on every ranked pair, {@link checkFinances} to build the checks it shows.
 *
 * @example
 * const v = financialVerdict(householdFinances(h, facts), apartmentFinances(apartment, terms));
 * RENT_GUARANTEE_OUTCOMES[v >>> FINANCIAL_BITS.outcome]; // "not-needed"
 */
export function financialVerdict(h: HouseholdFinances, a: ApartmentFinances): number {
  // FINANCIAL_BITS and the outcome indices as literals: on the per-pair path a module constant costs a load and a check.
  const own = (countedIncome(h, a) >= a.required ? 0 : 1) | (h.remarks <= a.maxPaymentRemarks ? 0 : 2) | (a.rejectsHousingDebt && h.debt ? 4 : 0);
  // Own finances suffice, or the second-hand contract waives them: nothing fails and the guarantee is not needed.
  if (own === 0 || a.secondHand) return own << 4;
  // The first reason the guarantee cannot help (none, landlord-refuses, not-valid, does-not-cover), else 1: lifts.
  const outcome = !h.hasGuarantee ? 2 : !a.acceptsRentGuarantee ? 3 : !h.guaranteeValid ? 4 : h.guaranteeMax < a.rent ? 5 : 1;
  return (outcome === 1 ? 0 : own | 8) | (own << 4) | (outcome << 7);
}

/** The landlord's financial criteria for a household, with the rent guarantee and second-hand rules applied (DESIGN section 6). */
export function checkFinances(household: Household, facts: Facts, apartment: Apartment, terms: LandlordTerms, policy: Policy): FinancialChecks {
  const h = householdFinances(household, facts);
  const a = apartmentFinances(apartment, terms);
  const v = financialVerdict(h, a);
  const bit = FINANCIAL_BITS;
  const outcome = RENT_GUARANTEE_OUTCOMES[v >>> bit.outcome]!;
  const lifted = outcome === "lifts";
  const { rent, secondHand } = a;
  const incomeOwn = (v & (bit.income << bit.own)) === 0;
  const remarksOwn = (v & (bit.paymentRemarks << bit.own)) === 0;
  const debtOwn = (v & (bit.housingDebt << bit.own)) === 0;
  const basis: FinancialBasis = secondHand ? "second-hand" : lifted ? "rent-guarantee" : "own";

  return {
    income: {
      code: "income",
      pass: (v & bit.income) === 0,
      ownPass: incomeOwn,
      basis: incomeOwn && !secondHand ? "own" : basis,
      counted: countedIncome(h, a),
      required: a.required,
      multiple: terms.incomeMultiple,
      rent,
      socialAssistance: { monthlySek: h.socialAssistance, counted: terms.acceptsSocialAssistance },
      source: terms.source,
    },
    paymentRemarks: {
      code: "payment-remarks",
      pass: (v & bit.paymentRemarks) === 0,
      ownPass: remarksOwn,
      basis: remarksOwn && !secondHand ? "own" : basis,
      count: h.remarks,
      max: terms.maxPaymentRemarks,
      source: terms.source,
    },
    housingDebt: {
      code: "housing-debt",
      pass: (v & bit.housingDebt) === 0,
      ownPass: debtOwn,
      basis: debtOwn && !secondHand ? "own" : basis,
      housingDebt: h.debt,
      rejectedByLandlord: terms.rejectsHousingDebt,
      source: terms.source,
    },
    rentGuarantee: {
      code: "rent-guarantee",
      pass: (v & bit.rentGuarantee) === 0,
      outcome,
      needed: outcome !== "not-needed",
      valid: h.guaranteeValid,
      maxMonthlySek: h.hasGuarantee ? h.guaranteeMax : null,
      rent,
      landlordAccepts: terms.acceptsRentGuarantee,
      source: policy.rentGuarantee.source,
    },
    rentGuaranteeRequired: lifted,
  };
}
