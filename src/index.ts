/**
 * bostad-forst: explainable, equal-treatment allocation of social housing (Bostad Först / Housing First).
 * The public API: validate an input, allocate a batch, rank single vacancies, walk an offer, plan designations.
 */
export { parseInput } from "./model/parse.js";
export { resolvePolicy, mergePolicy, checkPolicy, presetNames } from "./model/resolve-policy.js";
export { allocate, rank } from "./mechanisms/allocate.js";
export { nextOffer, type OfferEvent, type OfferHistory, type OfferResponse, type OfferState, type OfferStep } from "./mechanisms/offer-order.js";
export { planDesignations, checkDesignations, type DesignationPlan, type DesignationRequest, type DesignationUsage, type Refusal } from "./mechanisms/designations.js";
export { NdjsonAssembler, toNdjsonLines } from "./model/ndjson.js";
export { PRESETS } from "./presets/index.js";
export { FACTS, FACT_IDS, computeFacts, isOvercrowdedIn, countedPersons, type FactId, type FactValue, type Facts } from "./facts/index.js";
export { evaluate, checkEligibility, priorityKey, compareKeys, lotteryNumber, type Check, type CheckCode, type Eligibility, type PriorityKey, type TraceEntry } from "./rules/index.js";
export { canonicalJson, canonicalHash, sha256Hex } from "./audit/canonical.js";
export { AllocationInputSchema, type AllocationInput, type RawAllocationInput } from "./model/input.js";
export { HouseholdSchema, type Household } from "./model/household.js";
export { ApartmentSchema, StockSchema, type Apartment, type Stock } from "./model/apartment.js";
export { PolicySchema, ConditionSchema, type Policy, type Condition, type OrderKey } from "./model/policy.js";
export { AllocationResultSchema, FullResultSchema, DecisionsResultSchema, RankResultSchema, type AllocationResult, type AnyAllocationResult, type DecisionsResult, type Detail, type RankResult, type Proposal } from "./model/result.js";
export { type Issue, type IssueCode, type Result, type Message } from "./model/issue.js";
export { explain, explainHousehold, allocateRun, explainApartment, renderExplanation, renderApartmentExplanation, type HouseholdExplanation, type ApartmentExplanation, type Audience } from "./explain/index.js";
export type { Lang, Format } from "./explain/index.js";
export { verify, type VerifyOutcome } from "./audit/verify.js";
export { serializeResult } from "./audit/serialize.js";
export { reviewRentGuarantees, homelessnessSnapshot, snapshotFromInput, whatIf, buildReport, reportHtml, type RentGuaranteeReview, type HomelessnessSnapshot, type WhatIfReport, type AllocationReport } from "./followup/index.js";
export { ENGINE, ENGINE_VERSION } from "./version.js";
