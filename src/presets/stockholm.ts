import type { Policy } from "../model/policy.js";
import { group } from "./groups.js";
import { DEFAULT, SEED, cite } from "./sources.js";

/** The public Stockholm rule this preset encodes for social förtur (no source document in shared/seeds covers Stockholm). */
export const STOCKHOLM_FORTUR =
  "public rule: Stockholm förtur baseline (Bostadsförmedlingen i Stockholm) — at least two years' registered residence, in the housing queue, no housing debt, the landlord's approval, one offer";

const QUEUE = "public rule: Bostadsförmedlingen i Stockholm lets by queue time";

const municipalCompany = (label: string) => ({
  label,
  incomeMultiple: 3,
  acceptsSocialAssistance: true,
  maxPaymentRemarks: 0,
  rejectsHousingDebt: true,
  acceptsRentGuarantee: true,
  source: cite(STOCKHOLM_FORTUR, `${DEFAULT}: income 3 × rent, social assistance counted, no payment remarks, no housing debt, guarantees accepted`),
});

/**
 * Stockholm: the förtur baseline (two years' residence, in the queue, no housing debt, landlord approval; one
 * offer, refusing ends the priority) and queue-time letting, with the municipal companies Svenska Bostäder,
 * Familjebostäder and Stockholmshem. Groups and Housing First follow the source documents; defaults in docs/presets.md.
 */
export const stockholm: Policy = {
  id: "stockholm",
  version: "2026.1",
  label: { sv: "Stockholms stad", en: "City of Stockholm" },
  landlords: {
    "svenska-bostader": municipalCompany("AB Svenska Bostäder"),
    familjebostader: municipalCompany("AB Familjebostäder"),
    stockholmshem: municipalCompany("AB Stockholmshem"),
    "*": {
      label: "Övriga hyresvärdar / other landlords",
      incomeMultiple: 3,
      acceptsSocialAssistance: false,
      maxPaymentRemarks: 0,
      rejectsHousingDebt: true,
      acceptsRentGuarantee: true,
      source: cite(SEED.orebroStrategy, `${DEFAULT}: income 3 × rent, social assistance not counted, no payment remarks, no housing debt`),
    },
  },
  lettingRules: {
    queue: {
      eligible: { fact: "queue.days", op: "gt", value: 0 },
      order: ["queue-days", "lottery"],
      source: QUEUE,
    },
    "income-priority": {
      eligible: { fact: "queue.days", op: "gt", value: 0 },
      order: ["work-income", "queue-days", "lottery"],
      source: cite(SEED.orebroActionPlan, `${DEFAULT}: Stockholm has no such rule here; Örebro's rule is provided so it can be used with a designation`),
    },
    "social-priority": {
      eligible: {
        all: [
          { fact: "residence.years", op: "gte", value: 2 },
          { fact: "queue.days", op: "gt", value: 0 },
          { fact: "credit.housingDebt", op: "eq", value: false },
          { fact: "decisions.socialPriority", op: "eq", value: true },
        ],
      },
      order: ["priority-group", "homeless-days", "social-priority-date", "lottery"],
      offers: { maxOffers: 1, refusalEndsPriority: true },
      source: cite(STOCKHOLM_FORTUR, `${DEFAULT}: order by priority group, days homeless, decision date`),
    },
    "housing-first": {
      eligible: { fact: "decisions.housingFirst", op: "eq", value: true },
      order: ["homeless-days", "lottery"],
      source: cite(SEED.kalmarMotion, `${DEFAULT}: enrolled in Housing First, never conditioned on treatment; longest homelessness first`),
    },
    lss: {
      eligible: { fact: "needs.lssHousing", op: "eq", value: true },
      order: ["homeless-days", "queue-days", "lottery"],
      source: cite(SEED.orebroStrategy, `${DEFAULT}: an LSS housing decision; order by days homeless, then queue time`),
    },
    senior: {
      eligible: { fact: "pensioner", op: "eq", value: true },
      order: ["queue-days", "lottery"],
      source: cite(QUEUE, `${DEFAULT}: a pensioner in the household; longest queue time first`),
    },
  },
  priorityGroups: [
    group("violence", cite(STOCKHOLM_FORTUR, "threat grounds", SEED.orebroStrategy)),
    group("familiesWithChildren", cite(STOCKHOLM_FORTUR, "social grounds", SEED.lundActionPlan)),
    group("institutionDischarge", cite(SEED.orebroStrategy, `${DEFAULT}: Socialstyrelsen's situation 2`)),
    group("longTermHomeless", cite(SEED.lundActionPlan, DEFAULT)),
    group("coOccurring", cite(STOCKHOLM_FORTUR, "medical grounds", SEED.orebroStrategy)),
    group("mentalIllness", cite(STOCKHOLM_FORTUR, "medical grounds", SEED.lundActionPlan)),
    group("solOrLss", cite(SEED.orebroStrategy, DEFAULT)),
    group("pensioners", cite(SEED.lundActionPlan, DEFAULT)),
  ],
  incomePriority: {
    qualifyingSources: ["employment", "self-employment"],
    maxShareOfLandlordStock: 0.1,
    maxShareOfDistrict: 0.8,
    source: cite(SEED.orebroActionPlan, `${DEFAULT}: Örebro's caps`),
  },
  overcrowding: {
    maxPersonsPerBedroom: 2,
    exemptChildrenUnderYears: 2,
    source: cite(SEED.orebroActionPlan, `${DEFAULT}: Örebro's definition`),
  },
  housingFirst: {
    maxUnitsPerBuilding: 1,
    convertToFirstHandAfterMonths: 12,
    source: cite(SEED.kalmarMotion, `${DEFAULT}: one unit per building; conversion to first hand flagged after 12 months`),
  },
  rentGuarantee: {
    minMonths: 6,
    maxYears: 2,
    reviewEveryMonths: 6,
    source: `${DEFAULT}: the state grant's terms (at least six months' rent, two years); reviewed every six months as in ${SEED.lundActionPlan}`,
  },
};
