import type { Policy } from "../model/policy.js";
import { group } from "./groups.js";
import { DEFAULT, SEED, cite } from "./sources.js";

/**
 * Lund (LKF): social förtur after an investigation, rent guarantees reviewed twice a year, the children's
 * perspective and the named groups from the action plan against homelessness (003). Every number no document
 * gives is a default listed in docs/presets.md.
 */
export const lund: Policy = {
  id: "lund",
  version: "2026.1",
  label: { sv: "Lunds kommun (LKF)", en: "Lund municipality (LKF)" },
  landlords: {
    lkf: {
      label: "LKF (Lunds Kommuns Fastighets AB)",
      incomeMultiple: 3,
      acceptsSocialAssistance: true,
      maxPaymentRemarks: 0,
      rejectsHousingDebt: true,
      acceptsRentGuarantee: true,
      source: cite(SEED.lundActionPlan, `${DEFAULT}: income 3 × rent, social assistance counted, no payment remarks, no housing debt, guarantees accepted`),
    },
    "*": {
      label: "Övriga hyresvärdar / other landlords",
      incomeMultiple: 3,
      acceptsSocialAssistance: false,
      maxPaymentRemarks: 0,
      rejectsHousingDebt: true,
      acceptsRentGuarantee: true,
      source: cite(SEED.lundActionPlan, `${DEFAULT}: income 3 × rent, social assistance not counted, no payment remarks, no housing debt (the plan reports landlords' rising income demands)`),
    },
  },
  lettingRules: {
    queue: {
      eligible: { fact: "queue.days", op: "gt", value: 0 },
      order: ["queue-days", "lottery"],
      source: cite(SEED.lundActionPlan, `${DEFAULT}: registered in the queue (the plan urges registration with LKF); longest queue time first`),
    },
    "income-priority": {
      eligible: { fact: "queue.days", op: "gt", value: 0 },
      order: ["work-income", "queue-days", "lottery"],
      source: cite(SEED.orebroActionPlan, `${DEFAULT}: Lund's plan has no such rule; Örebro's rule is provided so it can be used with a designation`),
    },
    "social-priority": {
      eligible: { fact: "decisions.socialPriority", op: "eq", value: true },
      order: ["priority-group", "homeless-days", "social-priority-date", "lottery"],
      source: cite(SEED.lundActionPlan, `${DEFAULT}: a valid förtur decision; order by priority group, days homeless, decision date`),
    },
    "housing-first": {
      eligible: { fact: "decisions.housingFirst", op: "eq", value: true },
      order: ["homeless-days", "lottery"],
      source: cite(SEED.lundActionPlan, SEED.kalmarMotion, `${DEFAULT}: enrolled in Housing First, never conditioned on treatment; longest homelessness first`),
    },
    lss: {
      eligible: { fact: "needs.lssHousing", op: "eq", value: true },
      order: ["homeless-days", "queue-days", "lottery"],
      source: cite(SEED.orebroStrategy, `${DEFAULT}: an LSS housing decision; order by days homeless, then queue time`),
    },
    senior: {
      eligible: { fact: "pensioner", op: "eq", value: true },
      order: ["queue-days", "lottery"],
      source: cite(SEED.lundActionPlan, `${DEFAULT}: a pensioner in the household; longest queue time first`),
    },
  },
  priorityGroups: [
    group("violence", SEED.lundActionPlan),
    group("familiesWithChildren", SEED.lundActionPlan),
    group("institutionDischarge", cite(SEED.orebroStrategy, `${DEFAULT}: Socialstyrelsen's situation 2, adopted for Lund`)),
    group("longTermHomeless", SEED.lundActionPlan),
    group("coOccurring", SEED.lundActionPlan),
    group("mentalIllness", SEED.lundActionPlan),
    group("solOrLss", cite(SEED.orebroStrategy, `${DEFAULT}: adopted for Lund`)),
    group("pensioners", SEED.lundActionPlan),
  ],
  incomePriority: {
    qualifyingSources: ["employment", "self-employment"],
    maxShareOfLandlordStock: 0.1,
    maxShareOfDistrict: 0.8,
    source: cite(SEED.orebroActionPlan, `${DEFAULT}: Örebro's caps, as Lund's plan sets none`),
  },
  overcrowding: {
    maxPersonsPerBedroom: 2,
    exemptChildrenUnderYears: 2,
    source: cite(SEED.orebroActionPlan, `${DEFAULT}: Örebro's definition, as Lund's plan gives none`),
  },
  housingFirst: {
    maxUnitsPerBuilding: 1,
    convertToFirstHandAfterMonths: 12,
    source: cite(SEED.lundActionPlan, SEED.kalmarMotion, `${DEFAULT}: one unit per building; conversion to first hand (which the plan wants as soon as possible) flagged after 12 months`),
  },
  rentGuarantee: {
    minMonths: 6,
    maxYears: 2,
    reviewEveryMonths: 6,
    source: cite(SEED.lundActionPlan, "reviewed twice a year; six months' rent for up to two years (Lund's guarantee terms, public rule)"),
  },
};
