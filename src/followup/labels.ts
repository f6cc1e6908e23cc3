import type { HousingSituation, LettingRule } from "../model/enums.js";
import type { Message } from "../model/issue.js";
import type { OrderKey } from "../model/policy.js";
import type { CheckCode } from "../rules/eligibility.js";

/** Socialstyrelsen's four homelessness situations, eviction risk and housed, as reports and summaries name them. */
export const SITUATION_LABEL: Record<HousingSituation, Message> = {
  acute: { sv: "1 Akut hemlöshet", en: "1 Acute homelessness" },
  institution: { sv: "2 Institution/stödboende, utflytt inom 3 mån", en: "2 Institution or supported housing, leaving within 3 months" },
  "municipal-arrangement": { sv: "3 Långsiktig boendelösning (kommunen)", en: "3 Long-term municipal arrangement" },
  "own-short-term": { sv: "4 Eget kortsiktigt boende", en: "4 Own short-term arrangement" },
  "eviction-risk": { sv: "Risk för vräkning", en: "At risk of eviction" },
  housed: { sv: "Har bostad (söker ny)", en: "Housed, seeking a new home" },
};

/** Letting rules as the report names them. */
export const LETTING_RULE_LABEL: Record<LettingRule, Message> = {
  queue: { sv: "Bostadskö", en: "Queue" },
  "income-priority": { sv: "Förtur för arbetsinkomst", en: "Income priority" },
  "social-priority": { sv: "Social förtur", en: "Social priority" },
  "housing-first": { sv: "Bostad Först", en: "Housing First" },
  lss: { sv: "LSS-bostad", en: "LSS housing" },
  senior: { sv: "Seniorbostad", en: "Senior housing" },
};

/** Order keys as a criterion that decided between two applicants. */
export const ORDER_KEY_LABEL: Record<OrderKey, Message> = {
  "priority-group": { sv: "prioritetsgrupp", en: "priority group" },
  "work-income": { sv: "arbetsinkomst", en: "income from work" },
  "queue-days": { sv: "kötid", en: "queue time" },
  "homeless-days": { sv: "tid i hemlöshet", en: "time homeless" },
  "social-priority-date": { sv: "datum för förtursbeslut", en: "date of the social priority decision" },
  lottery: { sv: "lottning", en: "lottery" },
};

/** Eligibility checks as reasons a household could not get an apartment. */
export const CHECK_LABEL: Record<CheckCode, Message> = {
  "letting-rule": { sv: "uthyrningsregeln", en: "the letting rule" },
  income: { sv: "inkomstkravet", en: "the income requirement" },
  "payment-remarks": { sv: "betalningsanmärkningar", en: "payment remarks" },
  "housing-debt": { sv: "hyresskuld", en: "housing debt" },
  "rent-guarantee": { sv: "hyresgarantin räcker inte", en: "the rent guarantee does not suffice" },
  size: { sv: "storleken (trångboddhet)", en: "size (overcrowding)" },
  accessibility: { sv: "tillgänglighet", en: "accessibility" },
  "excluded-district": { sv: "utesluten stadsdel", en: "excluded district" },
};

/** A label for a check code that may come from a result document (a plain string). */
export function checkLabel(code: string): Message {
  return Object.hasOwn(CHECK_LABEL, code) ? CHECK_LABEL[code as CheckCode] : { sv: code, en: code };
}
