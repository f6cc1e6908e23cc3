import { match } from "ts-pattern";
import type { AccessibilityNeed, LettingRule } from "../../model/enums.js";
import type { OrderKey } from "../../model/policy.js";
import type { CheckCode } from "../../rules/eligibility.js";

/** Languages of the renderers: Swedish (the language of the decision, default) and English. */
export type Lang = "sv" | "en";
export const LANGS = ["sv", "en"] as const satisfies readonly Lang[];

/** Picks the phrase for the language. */
export const t = (lang: Lang, sv: string, en: string): string => (lang === "sv" ? sv : en);

/** Quotation marks as each language writes them: ”…” (sv), “…” (en). */
export const quote = (s: string, lang: Lang): string => (lang === "sv" ? `”${s}”` : `“${s}”`);

/** A whole number with thousands grouped as people write it: `1 812` (sv), `1,812` (en). */
export function num(n: number, lang: Lang): string {
  const sign = n < 0 ? "-" : "";
  const digits = String(Math.abs(Math.trunc(n)));
  const groups: string[] = [];
  for (let end = digits.length; end > 0; end -= 3) groups.unshift(digits.slice(Math.max(0, end - 3), end));
  return sign + groups.join(lang === "sv" ? " " : ",");
}

/** A monthly amount: `8 350 kr/mån` (sv), `SEK 8,350 a month` (en). */
export const sek = (n: number, lang: Lang): string => (lang === "sv" ? `${num(n, lang)} kr/mån` : `SEK ${num(n, lang)} a month`);

/** A number of days: `1 812 dagar`, `1 dag`. */
export const dayCount = (n: number, lang: Lang): string => `${num(n, lang)} ${lang === "sv" ? (n === 1 ? "dag" : "dagar") : n === 1 ? "day" : "days"}`;

const MONTHS_SV = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"];
const MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** A `YYYY-MM-DD` date as written in running text: `21 november 2026` (sv), `21 November 2026` (en). */
export function date(iso: string, lang: Lang): string {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  return `${d} ${(lang === "sv" ? MONTHS_SV : MONTHS_EN)[m - 1]} ${y}`;
}

/** The letting rule's name in running text. */
export function ruleName(rule: LettingRule, lang: Lang): string {
  return match(rule)
    .with("queue", () => t(lang, "bostadskön", "the housing queue"))
    .with("income-priority", () => t(lang, "förtur för hushåll med inkomst av arbete", "priority for households with income from work"))
    .with("social-priority", () => t(lang, "social förtur", "social priority (förtur)"))
    .with("housing-first", () => t(lang, "Bostad Först", "Housing First"))
    .with("lss", () => t(lang, "bostad enligt LSS", "housing under LSS"))
    .with("senior", () => t(lang, "förtur för äldre (pensionärer)", "priority for pensioners"))
    .exhaustive();
}

/** A priority criterion's name in running text. */
export function criterionName(key: OrderKey, lang: Lang): string {
  return match(key)
    .with("priority-group", () => t(lang, "prioritetsgrupp", "priority group"))
    .with("work-income", () => t(lang, "inkomst av arbete", "income from work"))
    .with("queue-days", () => t(lang, "tid i bostadskön", "time in the housing queue"))
    .with("homeless-days", () => t(lang, "tid utan egen bostad", "time without a home of your own"))
    .with("social-priority-date", () => t(lang, "datum för beslut om social förtur", "date of the social priority decision"))
    .with("lottery", () => t(lang, "lottning", "lottery"))
    .exhaustive();
}

/** An accessibility need in running text. */
export function needName(need: AccessibilityNeed, lang: Lang): string {
  return match(need)
    .with("wheelchair", () => t(lang, "en bostad anpassad för rullstol", "wheelchair access"))
    .with("elevator", () => t(lang, "hiss eller bottenvåning", "a lift or the ground floor"))
    .with("ground-floor", () => t(lang, "bottenvåning", "the ground floor"))
    .exhaustive();
}

/** `a, b och c` / `a, b and c`. */
export function joinAnd(items: readonly string[], lang: Lang): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} ${t(lang, "och", "and")} ${items[items.length - 1]}`;
}

/** Source documents in shared/seeds, by file name, as a reader knows them. */
const SEED_TITLES: Record<string, { sv: string; en: string }> = {
  "000_dd672170781422c7.txt": { sv: "Örebro kommun, Strategi mot hemlöshet 2022–2030", en: "Örebro municipality, strategy against homelessness 2022–2030" },
  "001_8d18830abf067b7b.txt": { sv: "Regeringens hemlöshetssamordnare 2012–2013", en: "Government homelessness coordinator 2012–2013" },
  "002_50ae62936fea26ff.txt": { sv: "Örebro kommun, bostadssocial handlingsplan (2016)", en: "Örebro municipality, housing-social action plan (2016)" },
  "003_a6b4b33b68e1eed4.txt": { sv: "Lunds kommun, handlingsplan mot hemlöshet 2018–2022", en: "Lund municipality, action plan against homelessness 2018–2022" },
  "004_5a2b35a83f025ea8.txt": { sv: "Kalmar, motion om partnerskap mot hemlöshet och Bostad Först", en: "Kalmar, motion on partnership against homelessness and Housing First" },
};

const SEED_FILE = /\d{3}_[0-9a-f]{16}\.txt/;
const DEFAULT_MARK = "default (docs/presets.md)";

/**
 * A rule's `source` as references a reader can look up: each cited document with its title and file name;
 * a documented default (`default (docs/presets.md)…`) as such; any other citation verbatim.
 */
export function sourceRefs(source: string, lang: Lang): string[] {
  const out: string[] = [];
  const add = (ref: string): void => void (out.includes(ref) || out.push(ref));
  const parts = source.split("; ").map((p) => p.trim()).filter((p) => p !== "");
  // Free text after a cited document or a default explains that citation; it is shown only when nothing else is cited.
  const cited = parts.some((p) => SEED_FILE.test(p) || p.startsWith(DEFAULT_MARK));
  for (const part of parts) {
    const seeds = part.match(new RegExp(SEED_FILE.source, "g")) ?? [];
    for (const file of seeds) {
      const title = Object.hasOwn(SEED_TITLES, file) ? SEED_TITLES[file] : undefined;
      add(title ? `${title[lang]} (${file})` : file);
    }
    if (part.startsWith(DEFAULT_MARK)) add(t(lang, "bostad-forsts dokumenterade standardval (docs/presets.md)", "bostad-forst's documented default (docs/presets.md)"));
    else if (!cited) add(part);
  }
  return out;
}

/** Short names of the eligibility checks, as a household reads them. */
export const CHECK_NAMES: Record<CheckCode, { sv: string; en: string }> = {
  "letting-rule": { sv: "uthyrningsregeln", en: "the letting rule" },
  income: { sv: "inkomst", en: "income" },
  "payment-remarks": { sv: "betalningsanmärkningar", en: "payment remarks" },
  "housing-debt": { sv: "hyresskuld", en: "housing debt" },
  "rent-guarantee": { sv: "hyresgaranti", en: "rent guarantee" },
  size: { sv: "storlek", en: "size" },
  accessibility: { sv: "tillgänglighet", en: "accessibility" },
  "excluded-district": { sv: "område", en: "area" },
};
