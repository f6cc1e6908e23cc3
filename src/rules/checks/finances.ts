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
 * `lifts` (it covers the rent and the landlord accepts it), or why it could not help.
 */
export type RentGuaranteeOutcome = "not-needed" | "lifts" | "none" | "landlord-refuses" | "not-valid" | "does-not-cover";

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

/** The numbers and verdicts behind the four financial checks, computed once (the checks and the fast verdict both read this). */
export interface FinancialCore {
  rent: number;
  total: number;
  socialAssistance: number;
  counted: number;
  required: number;
  remarks: number;
  debt: boolean;
  incomeOwn: boolean;
  remarksOwn: boolean;
  debtOwn: boolean;
  secondHand: boolean;
  valid: boolean;
  needed: boolean;
  outcome: RentGuaranteeOutcome;
  lifted: boolean;
  waived: boolean;
}

/** The landlord's financial criteria as numbers and verdicts: own finances, the second-hand rule and the rent guarantee. */
export function financialCore(household: Household, facts: Facts, apartment: Apartment, terms: LandlordTerms): FinancialCore {
  const rent = apartment.monthlyRentSek;
  let total = 0;
  let socialAssistance = 0;
  for (const i of household.income) {
    total += i.monthlySek;
    if (i.source === "social-assistance") socialAssistance += i.monthlySek;
  }
  const counted = terms.acceptsSocialAssistance ? total : total - socialAssistance;
  const required = requiredIncome(terms.incomeMultiple, rent);
  const remarks = household.credit.paymentRemarks;
  const debt = household.credit.housingDebt;

  const incomeOwn = counted >= required;
  const remarksOwn = remarks <= terms.maxPaymentRemarks;
  const debtOwn = !(terms.rejectsHousingDebt && debt);
  const ownAll = incomeOwn && remarksOwn && debtOwn;

  const secondHand = apartment.contract === "second-hand";
  const guarantee = household.decisions.rentGuarantee;
  const valid = facts["decisions.rentGuarantee"] === true;
  const needed = !secondHand && !ownAll;
  const outcome: RentGuaranteeOutcome = !needed
    ? "not-needed"
    : guarantee === undefined
      ? "none"
      : !terms.acceptsRentGuarantee
        ? "landlord-refuses"
        : !valid
          ? "not-valid"
          : guarantee.maxMonthlySek < rent
            ? "does-not-cover"
            : "lifts";
  const lifted = outcome === "lifts";
  return { rent, total, socialAssistance, counted, required, remarks, debt, incomeOwn, remarksOwn, debtOwn, secondHand, valid, needed, outcome, lifted, waived: secondHand || lifted };
}

/** The landlord's financial criteria for a household, with the rent guarantee and second-hand rules applied (DESIGN section 6). */
export function checkFinances(household: Household, facts: Facts, apartment: Apartment, terms: LandlordTerms, policy: Policy): FinancialChecks {
  const { rent, socialAssistance, counted, required, remarks, debt, incomeOwn, remarksOwn, debtOwn, secondHand, valid, needed, outcome, lifted, waived } = financialCore(household, facts, apartment, terms);
  const guarantee = household.decisions.rentGuarantee;
  const basis: FinancialBasis = secondHand ? "second-hand" : lifted ? "rent-guarantee" : "own";

  return {
    income: {
      code: "income",
      pass: waived || incomeOwn,
      ownPass: incomeOwn,
      basis: incomeOwn && !secondHand ? "own" : basis,
      counted,
      required,
      multiple: terms.incomeMultiple,
      rent,
      socialAssistance: { monthlySek: socialAssistance, counted: terms.acceptsSocialAssistance },
      source: terms.source,
    },
    paymentRemarks: {
      code: "payment-remarks",
      pass: waived || remarksOwn,
      ownPass: remarksOwn,
      basis: remarksOwn && !secondHand ? "own" : basis,
      count: remarks,
      max: terms.maxPaymentRemarks,
      source: terms.source,
    },
    housingDebt: {
      code: "housing-debt",
      pass: waived || debtOwn,
      ownPass: debtOwn,
      basis: debtOwn && !secondHand ? "own" : basis,
      housingDebt: debt,
      rejectedByLandlord: terms.rejectsHousingDebt,
      source: terms.source,
    },
    rentGuarantee: {
      code: "rent-guarantee",
      pass: !needed || lifted,
      outcome,
      needed,
      valid,
      maxMonthlySek: guarantee?.maxMonthlySek ?? null,
      rent,
      landlordAccepts: terms.acceptsRentGuarantee,
      source: policy.rentGuarantee.source,
    },
    rentGuaranteeRequired: lifted,
  };
}
