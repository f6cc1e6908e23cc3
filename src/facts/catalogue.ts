import { HOMELESS_SITUATIONS } from "../model/enums.js";
import { days, daysBetween, fullYearsBetween } from "../model/date.js";
import type { Household } from "../model/household.js";
import type { Message } from "../model/issue.js";
import type { Policy } from "../model/policy.js";
import type { FactId } from "./ids.js";
import { isOvercrowdedIn } from "./overcrowding.js";

export type FactValue = number | boolean | string | null | readonly string[];

/** What a fact may read besides the household: the evaluation date and the policy (for its parameters). */
export interface FactContext {
  asOf: string;
  policy: Policy;
}

/** A named, labelled fact about a household; `sensitive` facts are never shown about other households. */
export interface FactDefinition {
  id: FactId;
  label: Message;
  sensitive: boolean;
  compute(h: Household, ctx: FactContext): FactValue;
}

export type Facts = Readonly<Record<FactId, FactValue>>;

/** What the five age facts read of the members, at one date: counted in one pass over the members. */
interface AgeProfile {
  adults: number;
  children: number;
  underTwo: number;
  /** The oldest member's age (-Infinity without members, as `Math.max()` of none). */
  oldest: number;
  /** A member aged 65 or over. */
  retirementAge: boolean;
}

function ageProfile(h: Household, asOf: string): AgeProfile {
  const profile: AgeProfile = { adults: 0, children: 0, underTwo: 0, oldest: -Infinity, retirementAge: false };
  for (const m of h.members) {
    const age = fullYearsBetween(m.birthDate, asOf);
    if (age >= 18) profile.adults++;
    else profile.children++;
    if (age < 2) profile.underTwo++;
    if (age > profile.oldest) profile.oldest = age;
    if (age >= 65) profile.retirementAge = true;
  }
  return profile;
}

// Five facts read the members' ages: within one computeFacts call the profile is computed once.
let computingFor: Household | undefined;
let computingAsOf = "";
let computed: AgeProfile | undefined;
const ages = (h: Household, asOf: string): AgeProfile => {
  if (computingFor !== h || computingAsOf !== asOf) return ageProfile(h, asOf);
  return (computed ??= ageProfile(h, asOf));
};
const validOn = (asOf: string, from: string | undefined, until: string | undefined): boolean =>
  (from === undefined || days(from) <= days(asOf)) && (until === undefined || days(asOf) <= days(until));
const isHomeless = (h: Household): boolean => HOMELESS_SITUATIONS.includes(h.housing.situation);

const fact = (id: FactId, sv: string, en: string, sensitive: boolean, compute: FactDefinition["compute"]): FactDefinition => ({
  id,
  label: { sv, en },
  sensitive,
  compute,
});

/** The facts catalogue (DESIGN section 5): ids are part of the contract. */
export const FACTS: { readonly [K in FactId]: FactDefinition } = {
  "household.size": fact("household.size", "Antal personer i hushållet", "Household size", false, (h) => h.members.length),
  "adults.count": fact("adults.count", "Antal vuxna (18 år eller äldre)", "Adults (18 or over)", false, (h, { asOf }) => ages(h, asOf).adults),
  "children.count": fact("children.count", "Antal barn (under 18 år)", "Children (under 18)", false, (h, { asOf }) => ages(h, asOf).children),
  "children.underTwo.count": fact("children.underTwo.count", "Antal barn under två år", "Children under two", false, (h, { asOf }) => ages(h, asOf).underTwo),
  "age.oldest": fact("age.oldest", "Äldsta medlemmens ålder", "Age of the oldest member", false, (h, { asOf }) => ages(h, asOf).oldest),
  pensioner: fact("pensioner", "Ålderspensionär (65 år eller pension)", "Pensioner (65+ or pension income)", false, (h, { asOf }) =>
    ages(h, asOf).retirementAge || h.income.some((i) => i.source === "pension" && i.monthlySek > 0),
  ),
  "housing.situation": fact("housing.situation", "Boendesituation", "Housing situation", true, (h) => h.housing.situation),
  "housing.homelessDays": fact("housing.homelessDays", "Dagar i hemlöshet", "Days homeless", true, (h, { asOf }) =>
    isHomeless(h) ? Math.max(0, daysBetween(h.housing.homelessSince ?? h.housing.since, asOf)) : 0,
  ),
  "housing.accommodation": fact("housing.accommodation", "Nuvarande boendeform", "Current accommodation", true, (h) => h.housing.accommodation ?? null),
  "housing.overcrowded": fact("housing.overcrowded", "Trångbodd i nuvarande bostad", "Overcrowded in current home", false, (h, { asOf, policy }) =>
    h.housing.currentBedrooms === undefined ? false : isOvercrowdedIn(h, h.housing.currentBedrooms, asOf, policy.overcrowding),
  ),
  "housing.moveOutWithinDays": fact("housing.moveOutWithinDays", "Dagar kvar till utskrivning/utflytt", "Days until discharge/move-out", true, (h, { asOf }) =>
    h.housing.moveOutBy === undefined ? null : daysBetween(asOf, h.housing.moveOutBy),
  ),
  "needs.solSupport": fact("needs.solSupport", "Beslut om stöd enligt SoL", "Support decision under SoL", true, (h) => h.needs.solSupport),
  "needs.lssHousing": fact("needs.lssHousing", "Beslut om bostad med särskild service enligt LSS", "LSS housing decision", true, (h) => h.needs.lssHousing),
  "needs.coOccurring": fact("needs.coOccurring", "Samsjuklighet (missbruk och psykisk ohälsa)", "Co-occurring substance use and mental illness", true, (h) => h.needs.coOccurring),
  "needs.mentalIllness": fact("needs.mentalIllness", "Psykisk ohälsa", "Mental illness", true, (h) => h.needs.mentalIllness),
  "needs.substanceUse": fact("needs.substanceUse", "Missbruk eller beroende", "Substance use", true, (h) => h.needs.substanceUse),
  "needs.accessibility": fact("needs.accessibility", "Tillgänglighetsbehov", "Accessibility needs", true, (h) => [...h.needs.accessibility].sort()),
  "decisions.socialPriority": fact("decisions.socialPriority", "Gällande beslut om social förtur", "Valid social priority (förtur) decision", true, (h, { asOf }) => {
    const d = h.decisions.socialPriority;
    return d !== undefined && validOn(asOf, d.grantedOn, d.validUntil);
  }),
  "decisions.housingFirst": fact("decisions.housingFirst", "Inskriven i Bostad Först", "Enrolled in Housing First", true, (h, { asOf }) => {
    const d = h.decisions.housingFirst;
    return d !== undefined && days(d.enrolledOn) <= days(asOf) && (d.endedOn === undefined || days(asOf) < days(d.endedOn));
  }),
  "decisions.rentGuarantee": fact("decisions.rentGuarantee", "Gällande kommunal hyresgaranti", "Valid municipal rent guarantee", true, (h, { asOf }) => {
    const d = h.decisions.rentGuarantee;
    return d !== undefined && d.status === "approved" && validOn(asOf, d.grantedOn, d.validUntil);
  }),
  "income.monthlyTotal": fact("income.monthlyTotal", "Total månadsinkomst (kr)", "Total monthly income (SEK)", false, (h) => h.income.reduce((s, i) => s + i.monthlySek, 0)),
  "income.work": fact("income.work", "Inkomst av arbete", "Income from work", false, (h, { policy }) =>
    h.income.some((i) => i.monthlySek > 0 && policy.incomePriority.qualifyingSources.includes(i.source)),
  ),
  "credit.paymentRemarks": fact("credit.paymentRemarks", "Betalningsanmärkningar", "Payment remarks", false, (h) => h.credit.paymentRemarks),
  "credit.housingDebt": fact("credit.housingDebt", "Hyresskuld", "Housing debt", false, (h) => h.credit.housingDebt),
  "queue.days": fact("queue.days", "Dagar i bostadskön", "Days in the housing queue", false, (h, { asOf }) =>
    h.queue === undefined ? 0 : Math.max(0, daysBetween(h.queue.registeredOn, asOf)),
  ),
  "residence.years": fact("residence.years", "Hela år folkbokförd i kommunen", "Full years registered in the municipality", false, (h, { asOf }) =>
    h.residence === undefined ? 0 : Math.max(0, fullYearsBetween(h.residence.registeredSince, asOf)),
  ),
};

/**
 * All facts of one household at `asOf`, computed once. One object literal in the catalogue's order, so that every
 * household's facts share one shape (a national run keeps a million of them and reads them per ranked pair); the
 * compiler holds it to exactly the catalogue's ids, and a test to the catalogue's order.
 */
export function computeFacts(h: Household, ctx: FactContext): Facts {
  computingFor = h;
  computingAsOf = ctx.asOf;
  computed = undefined;
  try {
    return {
      "household.size": FACTS["household.size"].compute(h, ctx),
      "adults.count": FACTS["adults.count"].compute(h, ctx),
      "children.count": FACTS["children.count"].compute(h, ctx),
      "children.underTwo.count": FACTS["children.underTwo.count"].compute(h, ctx),
      "age.oldest": FACTS["age.oldest"].compute(h, ctx),
      "pensioner": FACTS["pensioner"].compute(h, ctx),
      "housing.situation": FACTS["housing.situation"].compute(h, ctx),
      "housing.homelessDays": FACTS["housing.homelessDays"].compute(h, ctx),
      "housing.accommodation": FACTS["housing.accommodation"].compute(h, ctx),
      "housing.overcrowded": FACTS["housing.overcrowded"].compute(h, ctx),
      "housing.moveOutWithinDays": FACTS["housing.moveOutWithinDays"].compute(h, ctx),
      "needs.solSupport": FACTS["needs.solSupport"].compute(h, ctx),
      "needs.lssHousing": FACTS["needs.lssHousing"].compute(h, ctx),
      "needs.coOccurring": FACTS["needs.coOccurring"].compute(h, ctx),
      "needs.mentalIllness": FACTS["needs.mentalIllness"].compute(h, ctx),
      "needs.substanceUse": FACTS["needs.substanceUse"].compute(h, ctx),
      "needs.accessibility": FACTS["needs.accessibility"].compute(h, ctx),
      "decisions.socialPriority": FACTS["decisions.socialPriority"].compute(h, ctx),
      "decisions.housingFirst": FACTS["decisions.housingFirst"].compute(h, ctx),
      "decisions.rentGuarantee": FACTS["decisions.rentGuarantee"].compute(h, ctx),
      "income.monthlyTotal": FACTS["income.monthlyTotal"].compute(h, ctx),
      "income.work": FACTS["income.work"].compute(h, ctx),
      "credit.paymentRemarks": FACTS["credit.paymentRemarks"].compute(h, ctx),
      "credit.housingDebt": FACTS["credit.housingDebt"].compute(h, ctx),
      "queue.days": FACTS["queue.days"].compute(h, ctx),
      "residence.years": FACTS["residence.years"].compute(h, ctx),
    };
  } finally {
    computingFor = undefined;
    computed = undefined;
  }
}


export { countedPersons, hasChildren, isOvercrowdedIn } from "./overcrowding.js";
