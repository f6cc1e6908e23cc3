export { QUEUE_BANDS, queueBand } from "./common.js";
export {
  EXPIRING_WITHIN_DAYS,
  GuaranteeSchema,
  RentGuaranteeReviewInputSchema,
  TenancySchema,
  parseRentGuaranteeReviewInput,
  reviewRentGuarantees,
  reviewTenancies,
  type BreaksTerms,
  type CanEnd,
  type ConvertToFirstHand,
  type Expired,
  type Expiring,
  type Guarantee,
  type RentGuaranteeReview,
  type RentGuaranteeReviewInput,
  type ReviewDue,
  type Tenancy,
  type TermViolation,
} from "./rent-guarantees.js";
export {
  GENDER_KEYS,
  NO_CHILDREN_ACCOMMODATIONS,
  SIX_MONTHS_DAYS,
  THREE_MONTHS_DAYS,
  homelessnessSnapshot,
  snapshotFromInput,
  type GenderBreakdown,
  type GenderKey,
  type GroupTally,
  type HomelessnessSnapshot,
  type SituationTally,
  type SnapshotOptions,
  type Tally,
} from "./snapshot.js";
export { compareRuns, whatIf, type Change, type HouseholdChange, type Placement, type Side, type WhatIfReport, type WhyNot } from "./what-if.js";
export { buildReport, reportHtml, type AllocationReport, type ReportOptions, type UnmatchedReasons, type WaitingTimes } from "./report.js";
export { SUPPRESS_BELOW, renderReportHtml } from "./report-html.js";
export { barChart, esc, type Bar, type BarChartSpec } from "./svg.js";
