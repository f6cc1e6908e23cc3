import type { Policy } from "../model/policy.js";
import { group } from "./groups.js";
import { DEFAULT, SEED, cite } from "./sources.js";

/**
 * Örebro (ÖBO): the income-priority rule (10 % of ÖBO's stock, 80 % of a district) and the overcrowding
 * definition from the housing-social action plan (002); förtur, Housing First and the groups from the strategy
 * against homelessness (000). Every number no document gives is a default listed in docs/presets.md.
 */
export const orebro: Policy = {
  id: "orebro",
  version: "2026.1",
  label: { sv: "Örebro kommun (ÖBO)", en: "Örebro municipality (ÖBO)" },
  landlords: {
    obo: {
      label: "ÖBO (Örebrobostäder AB)",
      incomeMultiple: 3,
      acceptsSocialAssistance: true,
      maxPaymentRemarks: 0,
      rejectsHousingDebt: true,
      acceptsRentGuarantee: true,
      source: cite(SEED.orebroActionPlan, SEED.orebroStrategy, `${DEFAULT}: income 3 × rent, social assistance counted, no payment remarks, no housing debt, guarantees accepted`),
    },
    "*": {
      label: "Övriga hyresvärdar / other landlords",
      incomeMultiple: 3,
      acceptsSocialAssistance: false,
      maxPaymentRemarks: 0,
      rejectsHousingDebt: true,
      acceptsRentGuarantee: true,
      source: cite(SEED.orebroStrategy, `${DEFAULT}: income 3 × rent; social assistance not counted and payment remarks rejected, as the strategy reports many landlords do`),
    },
  },
  lettingRules: {
    queue: {
      eligible: { fact: "queue.days", op: "gt", value: 0 },
      order: ["queue-days", "lottery"],
      source: cite(SEED.orebroStrategy, `${DEFAULT}: registered in the queue; longest queue time first`),
    },
    "income-priority": {
      eligible: { fact: "queue.days", op: "gt", value: 0 },
      order: ["work-income", "queue-days", "lottery"],
      source: SEED.orebroActionPlan,
    },
    "social-priority": {
      eligible: { fact: "decisions.socialPriority", op: "eq", value: true },
      order: ["priority-group", "homeless-days", "social-priority-date", "lottery"],
      source: cite(SEED.orebroStrategy, `${DEFAULT}: a valid förtur decision; order by priority group, days homeless, decision date`),
    },
    "housing-first": {
      eligible: { fact: "decisions.housingFirst", op: "eq", value: true },
      order: ["homeless-days", "lottery"],
      source: cite(SEED.orebroStrategy, SEED.kalmarMotion, `${DEFAULT}: enrolled in Housing First, never conditioned on treatment; longest homelessness first`),
    },
    lss: {
      eligible: { fact: "needs.lssHousing", op: "eq", value: true },
      order: ["homeless-days", "queue-days", "lottery"],
      source: cite(SEED.orebroStrategy, `${DEFAULT}: an LSS housing decision; order by days homeless, then queue time`),
    },
    senior: {
      eligible: { fact: "pensioner", op: "eq", value: true },
      order: ["queue-days", "lottery"],
      source: cite(SEED.orebroStrategy, `${DEFAULT}: a pensioner in the household; longest queue time first`),
    },
  },
  priorityGroups: [
    group("violence", SEED.orebroStrategy),
    group("familiesWithChildren", SEED.orebroStrategy),
    group("institutionDischarge", SEED.orebroStrategy),
    group("longTermHomeless", cite(SEED.lundActionPlan, `${DEFAULT}: adopted for Örebro`)),
    group("coOccurring", SEED.orebroStrategy),
    group("mentalIllness", SEED.orebroStrategy),
    group("solOrLss", SEED.orebroStrategy),
    group("pensioners", cite(SEED.lundActionPlan, `${DEFAULT}: adopted for Örebro`)),
  ],
  incomePriority: {
    qualifyingSources: ["employment", "self-employment"],
    maxShareOfLandlordStock: 0.1,
    maxShareOfDistrict: 0.8,
    source: SEED.orebroActionPlan,
  },
  overcrowding: { maxPersonsPerBedroom: 2, exemptChildrenUnderYears: 2, source: SEED.orebroActionPlan },
  housingFirst: {
    maxUnitsPerBuilding: 1,
    convertToFirstHandAfterMonths: 12,
    source: cite(SEED.kalmarMotion, `${DEFAULT}: one Housing First unit per building; conversion to first hand flagged after 12 months`),
  },
  rentGuarantee: {
    minMonths: 6,
    maxYears: 2,
    reviewEveryMonths: 6,
    source: cite(SEED.orebroStrategy, `${DEFAULT}: the state grant's terms (at least six months' rent, two years); reviewed every six months as in ${SEED.lundActionPlan}`),
  },
};
