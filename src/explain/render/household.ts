import { match } from "ts-pattern";
import { FACTS } from "../../facts/catalogue.js";
import type { TraceEntry } from "../../rules/condition.js";
import type { Check } from "../../rules/eligibility.js";
import type { ApartmentView, Change, ChoiceStep, Counterfactual, Cutoff, Decider, GroupView, HouseholdExplanation, KeyPartView, PriorityView, RunRef } from "../types.js";
import type { Block, Doc } from "./doc.js";
import { CHECK_NAMES, type Lang, criterionName, date, dayCount, joinAnd, needName, num, quote, ruleName, sek, sourceRefs, t } from "./format.js";

/** The household explanation as a language-resolved document (the serialisers print it as text, Markdown or HTML). */
export function householdDoc(x: HouseholdExplanation, lang: Lang): Doc {
  const blocks: Block[] = [{ kind: "paragraph", role: "outcome", text: outcomeSentence(x, lang) }];
  const o = x.outcome;
  if (o.code === "proposed") {
    blocks.push({ kind: "section", heading: t(lang, "Lägenheten du har fått förslag på", "The apartment you have been offered"), blocks: [apartmentFacts(o.apartment, lang), ...proposalNotes(x, lang)] });
  }
  blocks.push({ kind: "section", heading: t(lang, "Din plats i turordningen", "Your place in the order of priority"), blocks: ownBlocks(x, lang) });
  if (x.steps.length > 0) {
    const heading = o.code === "proposed" ? t(lang, "Lägenheter du hade rankat högre", "Apartments you ranked higher") : t(lang, "Lägenheterna du sökte", "The apartments you applied for");
    blocks.push({ kind: "section", heading, blocks: x.steps.map((s) => stepSection(s, x, lang)) });
  }
  blocks.push({ kind: "section", heading: t(lang, "Om beslutsunderlaget", "About this decision"), blocks: aboutBlocks(x.run, x.audience, lang) });
  return {
    lang,
    title: t(lang, "Förklaring av ditt bostadsförslag", "Explanation of your housing outcome"),
    subtitle: `${t(lang, "Hushåll", "Household")} ${x.householdId} · ${x.run.policy.label[lang]} · ${t(lang, "beräknat per", "as of")} ${date(x.run.asOf, lang)}`,
    blocks,
  };
}

function outcomeSentence(x: HouseholdExplanation, lang: Lang): string {
  return match(x.outcome)
    .with({ code: "proposed" }, (o) =>
      t(
        lang,
        `Du har fått förslag på lägenhet ${o.apartment.id} i ${o.apartment.district}. Den var ditt val nummer ${o.choiceRank}.`,
        `You have been offered apartment ${o.apartment.id} in ${o.apartment.district}. It was your choice number ${o.choiceRank}.`,
      ),
    )
    .with({ code: "unmatched" }, (o) =>
      match(o.reason)
        .with("no-choices", () => t(lang, "Du har inte fått något förslag, eftersom du inte sökte någon av de lediga lägenheterna.", "You have not been offered an apartment, because you did not apply for any of the vacancies."))
        .with("not-eligible", () => t(lang, "Du har inte fått något förslag den här gången. Du uppfyllde inte kraven för någon av lägenheterna du sökte.", "You have not been offered an apartment this time. You did not meet the requirements for any of the apartments you applied for."))
        .with("outranked", () => t(lang, "Du har inte fått något förslag den här gången. Varje lägenhet du sökte gick till ett hushåll med högre prioritet.", "You have not been offered an apartment this time. Each apartment you applied for went to a household with higher priority."))
        .with("mixed", () => t(lang, "Du har inte fått något förslag den här gången. Nedan står varför, lägenhet för lägenhet.", "You have not been offered an apartment this time. Below is why, apartment by apartment."))
        .exhaustive(),
    )
    .exhaustive();
}

function apartmentFacts(a: ApartmentView, lang: Lang): Block {
  const enRooms = `${a.rooms} ${a.rooms === 1 ? "room" : "rooms"}, ${a.bedrooms === 0 ? "no bedroom" : `${a.bedrooms} ${a.bedrooms === 1 ? "bedroom" : "bedrooms"}`}`;
  const size = t(lang, `${a.rooms} rum, ${a.bedrooms === 0 ? "inget sovrum" : `${a.bedrooms} sovrum`}, ${num(a.areaSqm, lang)} m²`, `${enRooms}, ${num(a.areaSqm, lang)} m²`);
  const floor = `${a.floor === 0 ? t(lang, "bottenvåning", "ground floor") : String(a.floor)}, ${a.elevator ? t(lang, "hiss finns", "lift") : t(lang, "ingen hiss", "no lift")}`;
  return {
    kind: "facts",
    rows: [
      { label: t(lang, "Lägenhet", "Apartment"), value: `${a.id}, ${a.district}` },
      { label: t(lang, "Storlek", "Size"), value: size },
      { label: t(lang, "Hyra", "Rent"), value: sek(a.monthlyRentSek, lang) },
      { label: t(lang, "Våning", "Floor"), value: floor },
      { label: t(lang, "Kontrakt", "Contract"), value: a.contract === "first-hand" ? t(lang, "förstahandskontrakt", "first-hand contract") : t(lang, "andrahandskontrakt genom kommunen", "second-hand contract through the municipality") },
      { label: t(lang, "Ledig från", "Available from"), value: date(a.availableFrom, lang) },
      { label: t(lang, "Hyrs ut genom", "Let through"), value: ruleName(a.lettingRule, lang) },
    ],
  };
}

function proposalNotes(x: HouseholdExplanation, lang: Lang): Block[] {
  const o = x.outcome;
  if (o.code !== "proposed") return [];
  const out: Block[] = [];
  out.push({
    kind: "paragraph",
    text: t(
      lang,
      `Du uppfyllde kraven för lägenheten. Du var nummer ${o.position} av ${o.applicants} i turordningen. De som stod före dig fick en lägenhet som de själva hade rankat högre.`,
      `You met the requirements for the apartment. You were number ${o.position} of ${o.applicants} in the order of priority. Those ahead of you got an apartment they had ranked higher themselves.`,
    ),
  });
  if (o.position === 1) {
    out.pop();
    out.push({
      kind: "paragraph",
      text:
        o.applicants === 1
          ? t(lang, "Du uppfyllde kraven för lägenheten, och ingen annan som uppfyllde kraven sökte den.", "You met the requirements for the apartment, and no one else who met them applied for it.")
          : t(lang, `Du uppfyllde kraven för lägenheten och stod först i turordningen av ${o.applicants} sökande.`, `You met the requirements for the apartment and were first in the order of priority of ${o.applicants} applicants.`),
    });
  }
  if (o.apartment.contract === "second-hand") {
    out.push({ kind: "paragraph", text: t(lang, "Kontraktet är i andra hand: kommunen hyr lägenheten och hyr ut den till dig.", "The contract is second-hand: the municipality rents the apartment and lets it to you.") });
  }
  if (o.rentGuaranteeRequired) {
    const g = o.rentGuarantee;
    out.push({
      kind: "paragraph",
      text: t(
        lang,
        "Du får lägenheten tack vare kommunens hyresgaranti. Det betyder att kommunen lovar hyresvärden att hyran blir betald om du inte kan betala. Du betalar hyran själv, som alla andra hyresgäster, och har samma kontrakt som de.",
        "You get the apartment thanks to the municipal rent guarantee. This means the municipality promises the landlord that the rent will be paid if you cannot pay. You pay the rent yourself, like every other tenant, and have the same contract as they do.",
      ),
    });
    if (g) {
      out.push({
        kind: "paragraph",
        text: t(
          lang,
          `Din hyresgaranti gäller upp till ${sek(g.maxMonthlySek, lang)} och till och med ${date(g.validUntil, lang)}. Kommunen ser över garantin var ${g.reviewEveryMonths}:e månad. När du klarar hyresvärdens krav på egen hand kan den upphöra.`,
          `Your rent guarantee covers up to ${sek(g.maxMonthlySek, lang)} until ${date(g.validUntil, lang)}. The municipality reviews it every ${g.reviewEveryMonths} months. When you meet the landlord's requirements on your own, it can end.`,
        ),
      });
      out.push({ kind: "sources", label: t(lang, "Källa", "Source"), refs: sourceRefs(g.source, lang) });
    }
  }
  return out;
}

function groupLabel(g: GroupView | null, lang: Lang): string {
  return g === null ? t(lang, "ingen prioritetsgrupp", "no priority group") : quote(g.label[lang], lang);
}

function partValue(p: KeyPartView, group: GroupView | null, lang: Lang, full: boolean): string {
  return match(p.key)
    .with("priority-group", () => (group === null ? t(lang, "ingen", "none") : group.label[lang]))
    .with("work-income", () => (p.value === 1 ? t(lang, "ja", "yes") : t(lang, "nej", "no")))
    .with("queue-days", "homeless-days", () => dayCount(typeof p.value === "number" ? p.value : 0, lang))
    .with("social-priority-date", () => (typeof p.value === "string" ? date(p.value, lang) : t(lang, "inget gällande beslut", "no valid decision")))
    .with("lottery", () => (full ? String(p.value) : `${String(p.value).slice(0, 12)}…`))
    .exhaustive();
}

function priorityRows(v: PriorityView, lang: Lang, full: boolean): Block {
  return { kind: "facts", rows: v.parts.map((p) => ({ label: capitalize(criterionName(p.key, lang)), value: partValue(p, v.group, lang, full) })) };
}

function ownBlocks(x: HouseholdExplanation, lang: Lang): Block[] {
  const out: Block[] = [];
  out.push({
    kind: "paragraph",
    text:
      x.group === null
        ? t(lang, "Du tillhör ingen av kommunens prioritetsgrupper.", "You are not in any of the municipality's priority groups.")
        : t(lang, `Du tillhör prioritetsgruppen ${quote(x.group.label.sv, lang)}.`, `You are in the priority group ${quote(x.group.label.en, lang)}.`),
  });
  if (x.group !== null) out.push({ kind: "sources", label: t(lang, "Källa", "Source"), refs: sourceRefs(x.group.source, lang) });
  if (x.outcome.code === "proposed") {
    const own = x.outcome.own;
    out.push({ kind: "paragraph", text: t(lang, `Turordningen för ${ruleName(own.rule, lang)} bygger på: ${orderText(own, lang)}. Dina värden:`, `The order of priority for ${ruleName(own.rule, lang)} is based on: ${orderText(own, lang)}. Your values:`) });
    out.push(priorityRows(own, lang, x.audience === "auditor"));
  }
  out.push({
    kind: "paragraph",
    role: "note",
    text: t(
      lang,
      "När flera hushåll står lika avgör en lottning. Varje hushåll har samma lottnummer för alla lägenheter. Numret räknas fram ur ett publicerat frö, så vem som helst kan kontrollera det.",
      "When households are equal, a lottery decides. Each household has the same lottery number for every apartment. The number is computed from a published seed, so anyone can check it.",
    ),
  });
  return out;
}

const orderText = (v: PriorityView, lang: Lang): string => joinAnd(v.parts.map((p) => criterionName(p.key, lang)), lang);
const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

function stepSection(s: ChoiceStep, x: HouseholdExplanation, lang: Lang): Block {
  const a = s.apartment;
  const heading = t(lang, `Val ${s.choiceRank}: lägenhet ${a.id} i ${a.district}, ${sek(a.monthlyRentSek, lang)}`, `Choice ${s.choiceRank}: apartment ${a.id} in ${a.district}, ${sek(a.monthlyRentSek, lang)}`);
  return match(s)
    .with({ code: "ineligible" }, (st): Block => {
      const blocks: Block[] = [
        { kind: "paragraph", text: t(lang, "Du uppfyllde inte kraven för den här lägenheten:", "You did not meet the requirements for this apartment:") },
        { kind: "list", items: st.failed.map((c) => checkSentence(c, st.apartment, lang)) },
      ];
      if (st.counterfactuals.length > 0) {
        blocks.push({ kind: "paragraph", text: t(lang, "Det här hade ändrat saken:", "What would have changed this:") });
        blocks.push({ kind: "list", items: st.counterfactuals.map((c) => counterfactualSentence(c, lang)) });
      }
      const sources = st.failed.filter((c) => c.code !== "accessibility" && c.code !== "excluded-district").map((c) => c.source);
      if (sources.length > 0) blocks.push({ kind: "sources", label: t(lang, "Regler", "Rules"), refs: sourceRefs(sources.join("; "), lang) });
      return { kind: "section", heading, blocks };
    })
    .with({ code: "outranked" }, (st): Block => {
      const c = st.cutoff;
      const blocks: Block[] = [
        {
          kind: "paragraph",
          text: t(
            lang,
            `Du uppfyllde kraven, men lägenheten gick till ett hushåll med högre prioritet. Du var nummer ${c.position} av ${c.applicants} i turordningen. Hushållet som fick lägenheten var nummer ${c.holderPosition}.`,
            `You met the requirements, but the apartment went to a household with higher priority. You were number ${c.position} of ${c.applicants} in the order of priority. The household that got it was number ${c.holderPosition}.`,
          ),
        },
        { kind: "paragraph", text: deciderSentence(c.decidedBy, x.run, lang) },
        { kind: "paragraph", text: t(lang, `Lägenheten hyrs ut genom ${ruleName(st.own.rule, lang)}. Turordningen bygger på: ${orderText(st.own, lang)}. Dina värden:`, `The apartment is let through ${ruleName(st.own.rule, lang)}. The order of priority is based on: ${orderText(st.own, lang)}. Your values:`) },
        priorityRows(st.own, lang, x.audience === "auditor"),
      ];
      if (st.counterfactuals.length > 0) blocks.push({ kind: "list", items: st.counterfactuals.map((cf) => counterfactualSentence(cf, lang)) });
      blocks.push(...auditorBlocks(c, lang));
      blocks.push({ kind: "sources", label: t(lang, "Regel", "Rule"), refs: sourceRefs(st.own.source, lang) });
      return { kind: "section", heading, blocks };
    })
    .exhaustive();
}

function auditorBlocks(c: Cutoff, lang: Lang): Block[] {
  const out: Block[] = [];
  if (c.holder.shown) out.push({ kind: "paragraph", text: t(lang, `Hushållet som fick lägenheten: ${c.holder.value.householdId}.`, `The household that got it: ${c.holder.value.householdId}.`) });
  if (c.ranking.shown) {
    out.push({ kind: "paragraph", text: t(lang, "Hela turordningen (pseudonyma id):", "The full ranking (pseudonymous ids):") });
    out.push({
      kind: "list",
      items: c.ranking.value.map((r) => `${r.position}. ${r.householdId}: ${r.priority.map((p) => `${criterionName(p.key, lang)} ${p.key === "priority-group" ? (p.value ?? "–") : partValue(p, null, lang, true)}`).join(", ")}`),
    });
  }
  return out;
}

function deciderSentence(d: Decider, run: RunRef, lang: Lang): string {
  const them = t(lang, "hushållet som fick lägenheten", "the household that got it");
  return match(d)
    .with({ key: "priority-group" }, (x) => {
      const mine = x.own === null ? t(lang, "hushåll utan prioritetsgrupp", "households without a priority group") : t(lang, `din grupp ${groupLabel(x.own, lang)}`, `your group ${groupLabel(x.own, lang)}`);
      return x.holder.shown && x.holder.value !== null
        ? t(lang, `Det som avgjorde var prioritetsgruppen: ${them} tillhör gruppen ${groupLabel(x.holder.value, lang)}, som går före ${mine}.`, `What decided was the priority group: ${them} is in the group ${groupLabel(x.holder.value, lang)}, which comes before ${mine}.`)
        : t(lang, `Det som avgjorde var prioritetsgruppen: ${them} tillhör en grupp med högre prioritet än ${mine}.`, `What decided was the priority group: ${them} is in a group with higher priority than ${mine}.`);
    })
    .with({ key: "work-income" }, () =>
      t(lang, `Det som avgjorde var inkomst av arbete: hushåll med inkomst av arbete går före vid den här lägenheten. ${capitalize(them)} har inkomst av arbete, det har inte du.`, `What decided was income from work: households with income from work come first for this apartment. ${capitalize(them)} has income from work; you do not.`),
    )
    .with({ key: "queue-days" }, (x) =>
      x.holder.shown
        ? t(lang, `Det som avgjorde var tiden i bostadskön: ${them} hade ${dayCount(x.holder.value, lang)} i kön, du hade ${num(x.own, lang)}.`, `What decided was the time in the housing queue: ${them} had ${dayCount(x.holder.value, lang)} in the queue, against your ${num(x.own, lang)}.`)
        : t(lang, `Det som avgjorde var tiden i bostadskön: ${them} hade stått längre i kön än du (du: ${dayCount(x.own, lang)}).`, `What decided was the time in the housing queue: ${them} had been in the queue longer than you (you: ${dayCount(x.own, lang)}).`),
    )
    .with({ key: "homeless-days" }, (x) =>
      x.holder.shown
        ? t(lang, `Det som avgjorde var tiden utan egen bostad: ${them} hade varit utan egen bostad i ${dayCount(x.holder.value, lang)}, du i ${dayCount(x.own, lang)}.`, `What decided was the time without a home of your own: ${them} had been without one for ${dayCount(x.holder.value, lang)}, you for ${dayCount(x.own, lang)}.`)
        : t(lang, `Det som avgjorde var tiden utan egen bostad: ${them} hade varit utan egen bostad längre än du (du: ${dayCount(x.own, lang)}).`, `What decided was the time without a home of your own: ${them} had been without one longer than you (you: ${dayCount(x.own, lang)}).`),
    )
    .with({ key: "social-priority-date" }, (x) => {
      if (x.own === null) return t(lang, `Det som avgjorde var beslutet om social förtur: ${them} har ett gällande beslut, det har inte du.`, `What decided was the social priority decision: ${them} has a valid decision; you do not.`);
      return x.holder.shown && x.holder.value !== null
        ? t(lang, `Det som avgjorde var datumet för beslutet om social förtur: ${them} fick sitt beslut ${date(x.holder.value, lang)}, du ${date(x.own, lang)}.`, `What decided was the date of the social priority decision: ${them} got theirs on ${date(x.holder.value, lang)}, you on ${date(x.own, lang)}.`)
        : t(lang, `Det som avgjorde var datumet för beslutet om social förtur: ${them} fick sitt beslut tidigare än du (ditt beslut: ${date(x.own, lang)}).`, `What decided was the date of the social priority decision: ${them} got theirs earlier than you (yours: ${date(x.own, lang)}).`);
    })
    .with({ key: "lottery" }, (x) => {
      const base = t(
        lang,
        `Ni stod lika i allt annat, så lottningen avgjorde. Lottningen bygger på det publicerade fröet ${quote(run.seed, lang)}.`,
        `You were equal in everything else, so the lottery decided. The lottery is based on the published seed ${quote(run.seed, lang)}.`,
      );
      return x.holder.shown ? `${base} ${t(lang, `Lottnummer: ${them} ${x.holder.value.slice(0, 12)}…, du ${x.own.slice(0, 12)}… (lägst går först).`, `Lottery numbers: ${them} ${x.holder.value.slice(0, 12)}…, you ${x.own.slice(0, 12)}… (lowest first).`)}` : base;
    })
    .exhaustive();
}


function checkSentence(c: Check, a: ApartmentView, lang: Lang): string {
  return match(c)
    .with({ code: "letting-rule" }, (x) => {
      if (!x.defined) return t(lang, `Kommunens regelverk har ingen regel för ${ruleName(x.rule, lang)}.`, `The municipality's policy has no rule for ${ruleName(x.rule, lang)}.`);
      const leaves = x.trace.filter((e) => !e.result).map((e) => leafSentence(e, lang));
      const head = t(lang, `Lägenheten hyrs ut genom ${ruleName(x.rule, lang)}.`, `The apartment is let through ${ruleName(x.rule, lang)}.`);
      return leaves.length > 0 ? `${head} ${leaves.join(" ")}` : `${head} ${t(lang, "Du uppfyllde inte villkoren för den regeln.", "You did not meet the conditions of that rule.")}`;
    })
    .with({ code: "income" }, (x) => {
      const base = t(
        lang,
        `Inkomst: hyresvärden kräver minst ${sek(x.required, lang)} (${num(x.multiple, lang)} gånger hyran). Din inkomst som räknas är ${sek(x.counted, lang)}.`,
        `Income: the landlord requires at least ${sek(x.required, lang)} (${num(x.multiple, lang)} times the rent). Your income that counts is ${sek(x.counted, lang)}.`,
      );
      return x.socialAssistance.monthlySek > 0 && !x.socialAssistance.counted
        ? `${base} ${t(lang, `Hyresvärden räknar inte försörjningsstöd (${sek(x.socialAssistance.monthlySek, lang)}) som inkomst.`, `The landlord does not count social assistance (${sek(x.socialAssistance.monthlySek, lang)}) as income.`)}`
        : base;
    })
    .with({ code: "payment-remarks" }, (x) =>
      t(
        lang,
        `Betalningsanmärkningar: du har ${x.count}. Hyresvärden godtar ${x.max === 0 ? "inga" : `högst ${x.max}`}.`,
        `Payment remarks: you have ${x.count}. The landlord accepts ${x.max === 0 ? "none" : `at most ${x.max}`}.`,
      ),
    )
    .with({ code: "housing-debt" }, () => t(lang, "Hyresskuld: du har en hyresskuld, och hyresvärden godtar inte det.", "Housing debt: you have a housing debt, and the landlord does not accept that."))
    .with({ code: "rent-guarantee" }, (x) =>
      match(x.outcome)
        .with("none", () => t(lang, "Hyresgaranti: du har ingen kommunal hyresgaranti som kunde ha ersatt kraven ovan.", "Rent guarantee: you have no municipal rent guarantee that could have replaced the requirements above."))
        .with("landlord-refuses", () => t(lang, "Hyresgaranti: den här hyresvärden tar inte emot kommunal hyresgaranti.", "Rent guarantee: this landlord does not accept a municipal rent guarantee."))
        .with("not-valid", () => t(lang, "Hyresgaranti: din hyresgaranti gällde inte på beslutsdagen (den är inte beviljad eller har gått ut).", "Rent guarantee: your rent guarantee was not valid on the decision date (it is not approved or has expired)."))
        .with("does-not-cover", () =>
          t(lang, `Hyresgaranti: din hyresgaranti täcker högst ${sek(x.maxMonthlySek ?? 0, lang)}, men hyran är ${sek(x.rent, lang)}.`, `Rent guarantee: your rent guarantee covers at most ${sek(x.maxMonthlySek ?? 0, lang)}, but the rent is ${sek(x.rent, lang)}.`),
        )
        .with("not-needed", "lifts", () => t(lang, "Hyresgaranti: krävs inte.", "Rent guarantee: not needed."))
        .exhaustive(),
    )
    .with({ code: "size" }, (x) => {
      const rooms = x.bedrooms === 0 ? t(lang, "utan sovrum", "with no bedroom") : t(lang, `med ${x.bedrooms} sovrum`, `with ${x.bedrooms} ${x.bedrooms === 1 ? "bedroom" : "bedrooms"}`);
      return t(
        lang,
        `Storlek: lägenheten är för liten för er. ${capitalize(rooms)} räcker den till högst ${x.capacity} personer, och ert hushåll räknas som ${x.persons} (barn under ${x.exemptChildrenUnderYears} år räknas inte).`,
        `Size: the apartment is too small for you. ${capitalize(rooms)} it fits at most ${x.capacity} people, and your household counts as ${x.persons} (children under ${x.exemptChildrenUnderYears} are not counted).`,
      );
    })
    .with({ code: "accessibility" }, (x) =>
      t(
        lang,
        `Tillgänglighet: lägenheten uppfyller inte ditt behov av ${joinAnd(x.unmet.map((n) => needName(n, lang)), lang)} (${x.floor === 0 ? "bottenvåning" : `våning ${x.floor}`}, ${x.elevator ? "hiss finns" : "ingen hiss"}).`,
        `Accessibility: the apartment does not meet your need for ${joinAnd(x.unmet.map((n) => needName(n, lang)), lang)} (${x.floor === 0 ? "ground floor" : `floor ${x.floor}`}, ${x.elevator ? "lift" : "no lift"}).`,
      ),
    )
    .with({ code: "excluded-district" }, () => t(lang, `Område: lägenheten ligger i ${a.district}, ett område där du av säkerhetsskäl inte ska bo.`, `Area: the apartment is in ${a.district}, an area where you must not live for your safety.`))
    .exhaustive();
}

const OP_SV = { eq: "lika med", ne: "inte", in: "en av", gt: "mer än", gte: "minst", lt: "mindre än", lte: "högst" } as const;
const OP_EN = { eq: "equal to", ne: "not", in: "one of", gt: "more than", gte: "at least", lt: "less than", lte: "at most" } as const;

function leafValue(v: unknown, lang: Lang): string {
  if (v === true) return t(lang, "ja", "yes");
  if (v === false) return t(lang, "nej", "no");
  if (v === null) return t(lang, "saknas", "none");
  if (typeof v === "number") return num(v, lang);
  if (Array.isArray(v)) return v.map((x) => leafValue(x, lang)).join(", ");
  return String(v);
}

function leafSentence(e: TraceEntry, lang: Lang): string {
  if (e.op === "eq" && e.expected === true) {
    if (e.fact === "decisions.socialPriority") return t(lang, "Det krävs ett gällande beslut om social förtur, och det har du inte.", "It requires a valid social priority decision, and you do not have one.");
    if (e.fact === "decisions.housingFirst") return t(lang, "Det krävs att du är inskriven i Bostad Först, och det är du inte.", "It requires enrollment in Housing First, and you are not enrolled.");
    if (e.fact === "needs.lssHousing") return t(lang, "Det krävs ett beslut om bostad med särskild service enligt LSS, och det har du inte.", "It requires a decision on housing with special service under LSS, and you do not have one.");
    if (e.fact === "pensioner") return t(lang, "Det krävs att någon i hushållet är ålderspensionär (65 år eller äldre, eller har pension).", "It requires a pensioner in the household (65 or older, or receiving a pension).");
  }
  if (e.fact === "queue.days" && e.op === "gt" && e.expected === 0) return t(lang, "Det krävs att du står i bostadskön, och det gör du inte.", "It requires that you are in the housing queue, and you are not.");
  const label = FACTS[e.fact].label[lang];
  return t(lang, `${label}: ${leafValue(e.value, lang)} (krävs: ${OP_SV[e.op]} ${leafValue(e.expected, lang)}).`, `${label}: ${leafValue(e.value, lang)} (required: ${OP_EN[e.op]} ${leafValue(e.expected, lang)}).`);
}

/** The change as a condition: "Med …" / "Utan …" (sv), "With …" / "Without …" (en). */
function changeCondition(c: Change, lang: Lang): string {
  return match(c)
    .with({ code: "rent-guarantee" }, (x) => t(lang, `Med en beviljad kommunal hyresgaranti på minst ${sek(x.maxMonthlySek, lang)}`, `With an approved municipal rent guarantee of at least ${sek(x.maxMonthlySek, lang)}`))
    .with({ code: "income" }, (x) => t(lang, `Med en inkomst som räknas på minst ${sek(x.atLeastMonthlySek, lang)} (du har ${sek(x.countedMonthlySek, lang)})`, `With income that counts of at least ${sek(x.atLeastMonthlySek, lang)} (you have ${sek(x.countedMonthlySek, lang)})`))
    .with({ code: "payment-remarks" }, (x) =>
      x.atMost === 0 ? t(lang, "Utan betalningsanmärkningar", "Without payment remarks") : t(lang, `Med högst ${x.atMost} betalningsanmärkningar (du har ${x.current})`, `With at most ${x.atMost} payment remarks (you have ${x.current})`),
    )
    .with({ code: "housing-debt" }, () => t(lang, "Utan hyresskuld", "Without housing debt"))
    .with({ code: "queue-days" }, (x) =>
      x.current === 0
        ? t(lang, `Om du hade stått i bostadskön i minst ${dayCount(x.atLeast, lang)}`, `Had you been in the housing queue for at least ${dayCount(x.atLeast, lang)}`)
        : t(lang, `Med minst ${dayCount(x.atLeast, lang)} i bostadskön (du hade ${num(x.current, lang)})`, `With at least ${dayCount(x.atLeast, lang)} in the housing queue (you had ${num(x.current, lang)})`),
    )
    .with({ code: "social-priority-decision" }, () => t(lang, "Med ett gällande beslut om social förtur", "With a valid social priority decision"))
    .with({ code: "housing-first-enrollment" }, () => t(lang, "Om du hade varit inskriven i Bostad Först", "Had you been enrolled in Housing First"))
    .with({ code: "lss-decision" }, () => t(lang, "Med ett beslut om bostad enligt LSS", "With a decision on housing under LSS"))
    .exhaustive();
}

function counterfactualSentence(cf: Counterfactual, lang: Lang): string {
  const cond = changeCondition(cf.change, lang);
  return match(cf)
    .with({ effect: "eligible" }, () => t(lang, `${cond} hade du uppfyllt kraven för den här lägenheten.`, `${cond}, you would have been eligible for this apartment.`))
    .with({ effect: "not-sufficient-alone" }, (x) => {
      const names = x.remaining.filter((r) => r !== "rent-guarantee" || x.remaining.length === 1).map((r) => CHECK_NAMES[r][lang]);
      return t(
        lang,
        `${cond} hade det ändå inte räckt: du hade fortfarande inte uppfyllt ${names.length === 1 ? "kravet" : "kraven"} på ${joinAnd(names, lang)}.`,
        `${cond}, it would still not have been enough: you would still not have met the ${names.length === 1 ? "requirement" : "requirements"} on ${joinAnd(names, lang)}.`,
      );
    })
    .with({ effect: "gets-apartment" }, () => t(lang, `${cond} hade du fått den här lägenheten.`, `${cond}, you would have got this apartment.`))
    .with({ effect: "gets-higher-choice" }, () => t(lang, `${cond} hade du fått en lägenhet som du rankat ännu högre.`, `${cond}, you would have got an apartment you ranked even higher.`))
    .with({ effect: "outranks-not-sufficient" }, () =>
      t(lang, `${cond} hade du gått före hushållet som fick lägenheten, men det hade inte räckt ensamt för att du skulle få den.`, `${cond}, you would have ranked above the household that got it, but that alone would not have got you the apartment.`),
    )
    .exhaustive();
}

function aboutBlocks(run: RunRef, audience: HouseholdExplanation["audience"], lang: Lang): Block[] {
  const out: Block[] = [];
  if (audience === "household") {
    out.push({
      kind: "paragraph",
      text: t(
        lang,
        "Förklaringen visar bara uppgifter om ditt eget hushåll. Andra hushåll nämns aldrig med namn eller id, och känsliga uppgifter om dem visas aldrig. Har du frågor, kontakta din handläggare.",
        "This explanation shows only information about your own household. Other households are never named or identified, and sensitive information about them is never shown. If you have questions, contact your case officer.",
      ),
    });
  }
  out.push({
    kind: "facts",
    rows: [
      { label: t(lang, "Regelverk", "Policy"), value: `${run.policy.label[lang]}, ${run.policy.id} ${run.policy.version}` },
      { label: t(lang, "Beräknat per", "As of"), value: date(run.asOf, lang) },
      { label: t(lang, "Lottningens frö", "Lottery seed"), value: run.seed },
      { label: t(lang, "Program", "Engine"), value: run.engine },
      { label: t(lang, "Indata (sha256)", "Input (sha256)"), value: run.inputSha256 },
      { label: t(lang, "Regelverk (sha256)", "Policy (sha256)"), value: run.policy.sha256 },
    ],
  });
  return out;
}
