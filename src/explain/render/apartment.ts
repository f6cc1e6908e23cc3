import { match } from "ts-pattern";
import type { Check } from "../../rules/eligibility.js";
import type { ApartmentExplanation } from "../types.js";
import type { Block, Doc } from "./doc.js";
import { CHECK_NAMES, type Lang, criterionName, date, dayCount, joinAnd, ruleName, sek, sourceRefs, t } from "./format.js";

// The landlord reads check names as a label before the compared values, and a protected-area refusal as a safety reason.
const CODE_NAMES: typeof CHECK_NAMES = {
  ...CHECK_NAMES,
  "letting-rule": { sv: "uthyrningsregeln", en: "letting rule" },
  "excluded-district": { sv: "område (skyddsskäl)", en: "area (safety)" },
};

/** A vacancy's explanation for the landlord or an auditor as a language-resolved document. */
export function apartmentDoc(x: ApartmentExplanation, lang: Lang): Doc {
  const a = x.apartment;
  const blocks: Block[] = [
    {
      kind: "paragraph",
      role: "outcome",
      text:
        x.proposedTo === null
          ? t(lang, `Lägenhet ${a.id} fick inget förslag i den här omgången.`, `Apartment ${a.id} was not proposed to anyone in this round.`)
          : t(lang, `Lägenhet ${a.id} föreslås hushåll ${x.proposedTo}.`, `Apartment ${a.id} is proposed to household ${x.proposedTo}.`),
    },
    {
      kind: "paragraph",
      text: t(
        lang,
        `Lägenheten hyrs ut genom ${ruleName(a.lettingRule, lang)} (${sek(a.monthlyRentSek, lang)}). Turordningen bygger på: ${joinAnd(x.order.map((k) => criterionName(k, lang)), lang)}.`,
        `The apartment is let through ${ruleName(a.lettingRule, lang)} (${sek(a.monthlyRentSek, lang)}). The order of priority is based on: ${joinAnd(x.order.map((k) => criterionName(k, lang)), lang)}.`,
      ),
    },
    { kind: "sources", label: t(lang, "Regel", "Rule"), refs: sourceRefs(x.source, lang) },
  ];
  const ranking = x.ranking.map((r) => {
    const parts = r.parts.map((p, i) => {
      if (!p.shown) return `${criterionName(x.order[i] ?? "lottery", lang)}: ${t(lang, "sekretess", "confidential")}`;
      const v = p.value;
      const value = match(v.key)
        .with("priority-group", () => (r.group.shown ? (r.group.value?.label[lang] ?? t(lang, "ingen", "none")) : t(lang, "sekretess", "confidential")))
        .with("work-income", () => (v.value === 1 ? t(lang, "ja", "yes") : t(lang, "nej", "no")))
        .with("queue-days", "homeless-days", () => dayCount(typeof v.value === "number" ? v.value : 0, lang))
        .with("social-priority-date", () => (typeof v.value === "string" ? date(v.value, lang) : "–"))
        .with("lottery", () => `${String(v.value).slice(0, 12)}…`)
        .exhaustive();
      return `${criterionName(v.key, lang)}: ${value}`;
    });
    const rg = r.rentGuaranteeRequired ? t(lang, ", med hyresgaranti", ", with rent guarantee") : "";
    return `${r.position}. ${r.householdId} (${t(lang, "val", "choice")} ${r.choiceRank}${rg}): ${parts.join(", ")}`;
  });
  blocks.push({ kind: "section", heading: t(lang, "Turordning bland sökande som uppfyllde kraven", "Ranking of eligible applicants"), blocks: ranking.length > 0 ? [{ kind: "list", items: ranking }] : [{ kind: "paragraph", text: t(lang, "Ingen sökande uppfyllde kraven.", "No applicant met the requirements.") }] });
  const inel = x.ineligible.map((i) => {
    const reasons = i.checks.shown ? i.checks.value.map((c) => checkDetail(c, lang)) : i.failed.map((c) => CODE_NAMES[c][lang]);
    if (i.withheld > 0) reasons.push(t(lang, "personligt skäl (sekretess)", "personal reason (confidential)"));
    return `${i.householdId} (${t(lang, "val", "choice")} ${i.choiceRank}): ${reasons.join("; ")}`;
  });
  if (inel.length > 0) blocks.push({ kind: "section", heading: t(lang, "Sökande som inte uppfyllde kraven", "Applicants who did not meet the requirements"), blocks: [{ kind: "list", items: inel }] });
  if (x.audience === "landlord") {
    blocks.push({ kind: "paragraph", role: "note", text: t(lang, "Hushållen visas med pseudonyma id. Känsliga uppgifter (hälsa, sociala förhållanden, skyddsbehov) visas inte.", "Households are shown by pseudonymous id. Sensitive information (health, social circumstances, protection needs) is not shown.") });
  }
  return {
    lang,
    title: t(lang, `Lägenhet ${a.id}: turordning och skäl`, `Apartment ${a.id}: ranking and reasons`),
    subtitle: `${x.run.policy.label[lang]} · ${t(lang, "beräknat per", "as of")} ${date(x.run.asOf, lang)} · ${x.run.engine}`,
    blocks,
  };
}

function checkDetail(c: Check, lang: Lang): string {
  return match(c)
    .with({ code: "letting-rule" }, (x) => `${CODE_NAMES[x.code][lang]}: ${x.trace.filter((e) => !e.result).map((e) => `${e.fact} = ${JSON.stringify(e.value)} (${e.op} ${JSON.stringify(e.expected)})`).join(", ")}`)
    .with({ code: "income" }, (x) => `${CODE_NAMES[x.code][lang]}: ${sek(x.counted, lang)} < ${sek(x.required, lang)}`)
    .with({ code: "payment-remarks" }, (x) => `${CODE_NAMES[x.code][lang]}: ${x.count} > ${x.max}`)
    .with({ code: "housing-debt" }, (x) => CODE_NAMES[x.code][lang])
    .with({ code: "rent-guarantee" }, (x) => `${CODE_NAMES[x.code][lang]}: ${x.outcome}`)
    .with({ code: "size" }, (x) => `${CODE_NAMES[x.code][lang]}: ${x.persons} > ${x.capacity}`)
    .with({ code: "accessibility" }, (x) => `${CODE_NAMES[x.code][lang]}: ${x.unmet.join(", ")}`)
    .with({ code: "excluded-district" }, (x) => `${CODE_NAMES[x.code][lang]}: ${x.district}`)
    .exhaustive();
}
