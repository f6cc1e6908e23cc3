/** Fact ids are part of the contract (DESIGN section 5): conditions may only name these; more may be added, none renamed. */
export const FACT_IDS = [
  "household.size",
  "adults.count",
  "children.count",
  "children.underTwo.count",
  "age.oldest",
  "pensioner",
  "housing.situation",
  "housing.homelessDays",
  "housing.accommodation",
  "housing.overcrowded",
  "housing.moveOutWithinDays",
  "needs.solSupport",
  "needs.lssHousing",
  "needs.coOccurring",
  "needs.mentalIllness",
  "needs.substanceUse",
  "needs.accessibility",
  "decisions.socialPriority",
  "decisions.housingFirst",
  "decisions.rentGuarantee",
  "income.monthlyTotal",
  "income.work",
  "credit.paymentRemarks",
  "credit.housingDebt",
  "queue.days",
  "residence.years",
] as const;
export type FactId = (typeof FACT_IDS)[number];

/** Facts about treatment, sobriety or substance use: Housing First eligibility must never read them. */
export const TREATMENT_FACTS: readonly FactId[] = ["needs.substanceUse", "needs.coOccurring", "needs.mentalIllness"];
