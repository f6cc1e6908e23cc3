export { compare, evaluate, type Evaluation, type TraceEntry } from "./condition.js";
export { CHECK_CODES, checkEligibility, failedChecks, landlordTerms, type Check, type CheckCode, type Eligibility, type EligibilityOptions } from "./eligibility.js";
export type { AccessibilityCheck } from "./checks/accessibility.js";
export type { ExcludedDistrictCheck } from "./checks/excluded-district.js";
export { requiredIncome, type FinancialBasis, type HousingDebtCheck, type IncomeCheck, type PaymentRemarksCheck, type RentGuaranteeCheck, type RentGuaranteeOutcome } from "./checks/finances.js";
export { lettingRuleOf, type LettingRuleCheck } from "./checks/letting-rule.js";
export type { SizeCheck } from "./checks/size.js";
export {
  NO_VALUE_SCORE,
  compareKeys,
  effectiveOrder,
  lotteryNumber,
  lotteryScore,
  priorityGroupOf,
  priorityKey,
  type GroupMatch,
  type GroupRef,
  type KeyPart,
  type PriorityKey,
  type PriorityOptions,
} from "./priority.js";
