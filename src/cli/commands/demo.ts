import { type Facts, computeFacts } from "../../facts/index.js";
import { HOMELESS_SITUATIONS, type HousingSituation, HOUSING_SITUATIONS, LETTING_RULES, type LettingRule } from "../../model/enums.js";
import { type AllocationInput } from "../../model/input.js";
import { parseInput } from "../../model/parse.js";
import type { AllocationResult } from "../../model/result.js";
import type { OrderKey } from "../../model/policy.js";
import { match } from "ts-pattern";
import { allocateRun, explainHousehold, renderExplanation } from "../../explain/index.js";
import { LETTING_RULE_LABEL, SITUATION_LABEL } from "../../followup/labels.js";
import { type CliIo, EXIT, type ExitCode, readJsonSource, reportIssues } from "../io.js";
import { EXAMPLE_BATCH, packageFile } from "../paths.js";



/** Key figures of a validated batch, computed from the facts catalogue at the batch's `asOf`. */
export interface BatchSummary {
  asOf: string;
  seed: string;
  policy: { id: string; version: string };
  households: {
    total: number;
    bySituation: Record<HousingSituation, number>;
    homeless: number;
    homelessOverSixMonths: number;
    withChildren: number;
    children: number;
    overcrowded: number;
    solSupport: number;
    lssHousing: number;
    coOccurring: number;
    excludedDistricts: number;
    socialPriority: number;
    socialPriorityExpired: number;
    housingFirst: number;
    rentGuarantee: number;
    socialAssistance: number;
    paymentRemarks: number;
    choices: { min: number; max: number; mean: number };
  };
  apartments: {
    total: number;
    byLandlord: Record<string, number>;
    byDistrict: Record<string, number>;
    byLettingRule: Record<LettingRule, number>;
    secondHand: number;
  };
}

const HALF_YEAR_DAYS = 183;

/** Counts what a case officer looks at first: situations, children, needs, decisions and the vacancies. */
export function summarizeBatch(input: AllocationInput): BatchSummary {
  const ctx = { asOf: input.asOf, policy: input.policy };
  const facts: Facts[] = input.households.map((h) => computeFacts(h, ctx));
  const count = (pred: (f: Facts, i: number) => boolean): number => facts.filter(pred).length;
  const bySituation = Object.fromEntries(HOUSING_SITUATIONS.map((s) => [s, 0])) as Record<HousingSituation, number>;
  for (const h of input.households) bySituation[h.housing.situation]++;
  const choices = input.households.map((h) => h.preferences.ranking.length);

  const byLettingRule = Object.fromEntries(LETTING_RULES.map((r) => [r, 0])) as Record<LettingRule, number>;
  const byLandlord: Record<string, number> = {};
  const byDistrict: Record<string, number> = {};
  for (const a of input.apartments) {
    byLettingRule[a.lettingRule]++;
    byLandlord[a.landlord] = (byLandlord[a.landlord] ?? 0) + 1;
    byDistrict[a.district] = (byDistrict[a.district] ?? 0) + 1;
  }

  return {
    asOf: input.asOf,
    seed: input.seed,
    policy: { id: input.policy.id, version: input.policy.version },
    households: {
      total: input.households.length,
      bySituation,
      homeless: HOMELESS_SITUATIONS.reduce((n, k) => n + bySituation[k], 0),
      homelessOverSixMonths: count((f) => (f["housing.homelessDays"] as number) > HALF_YEAR_DAYS),
      withChildren: count((f) => (f["children.count"] as number) > 0),
      children: facts.reduce((s, f) => s + (f["children.count"] as number), 0),
      overcrowded: count((f) => f["housing.overcrowded"] === true),
      solSupport: count((f) => f["needs.solSupport"] === true),
      lssHousing: count((f) => f["needs.lssHousing"] === true),
      coOccurring: count((f) => f["needs.coOccurring"] === true),
      excludedDistricts: input.households.filter((h) => h.needs.excludedDistricts.length > 0).length,
      socialPriority: count((f) => f["decisions.socialPriority"] === true),
      socialPriorityExpired: count((f, i) => f["decisions.socialPriority"] === false && input.households[i]?.decisions.socialPriority !== undefined),
      housingFirst: count((f) => f["decisions.housingFirst"] === true),
      rentGuarantee: count((f) => f["decisions.rentGuarantee"] === true),
      socialAssistance: input.households.filter((h) => h.income.some((i) => i.source === "social-assistance" && i.monthlySek > 0)).length,
      paymentRemarks: count((f) => (f["credit.paymentRemarks"] as number) > 0),
      choices: {
        min: choices.length ? Math.min(...choices) : 0,
        max: choices.length ? Math.max(...choices) : 0,
        mean: choices.length ? Math.round((choices.reduce((s, n) => s + n, 0) / choices.length) * 10) / 10 : 0,
      },
    },
    apartments: {
      total: input.apartments.length,
      byLandlord: sortedRecord(byLandlord),
      byDistrict: sortedRecord(byDistrict),
      byLettingRule,
      secondHand: input.apartments.filter((a) => a.contract === "second-hand").length,
    },
  };
}

/** Largest first, then by name: a stable order for printing. */
function sortedRecord(r: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(r).sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0)));
}

/** Key figures of an allocation result, joined with the input for the households' situations. */
export interface AllocationSummary {
  proposals: number;
  firstChoice: number;
  topThree: number;
  rentGuaranteeRequired: number;
  byLettingRule: Record<LettingRule, number>;
  homelessPlaced: number;
  familiesPlaced: number;
  unmatched: number;
  unfilled: number;
  unfilledByReason: Record<string, number>;
}

export function summarizeAllocation(input: AllocationInput, result: AllocationResult): AllocationSummary {
  const byId = new Map(input.households.map((h) => [h.id, h]));
  const byLettingRule = Object.fromEntries(LETTING_RULES.map((r) => [r, 0])) as Record<LettingRule, number>;
  let homelessPlaced = 0;
  let familiesPlaced = 0;
  for (const p of result.proposals) {
    byLettingRule[p.lettingRule]++;
    const h = byId.get(p.householdId);
    if (!h) continue;
    const f = computeFacts(h, { asOf: input.asOf, policy: input.policy });
    if (HOMELESS_SITUATIONS.includes(h.housing.situation)) homelessPlaced++;
    if ((f["children.count"] as number) > 0) familiesPlaced++;
  }
  const unfilledByReason: Record<string, number> = {};
  for (const u of result.unfilledApartments) for (const r of u.reasons) unfilledByReason[r.code] = (unfilledByReason[r.code] ?? 0) + 1;
  return {
    proposals: result.proposals.length,
    firstChoice: result.proposals.filter((p) => p.choiceRank === 1).length,
    topThree: result.proposals.filter((p) => p.choiceRank <= 3).length,
    rentGuaranteeRequired: result.proposals.filter((p) => p.rentGuaranteeRequired).length,
    byLettingRule,
    homelessPlaced,
    familiesPlaced,
    unmatched: result.unmatchedHouseholds.length,
    unfilled: result.unfilledApartments.length,
    unfilledByReason: sortedRecord(unfilledByReason),
  };
}

const UNFILLED_REASON: Record<string, string> = {
  "no-applicants": "ingen sökande / no applicants",
  "no-eligible-applicants": "ingen behörig sökande / no eligible applicant",
  "applicants-placed-higher": "sökande fick högre val / applicants placed on a higher choice",
};

type Line = string | readonly [label: string, value: number | string];
const row = (label: string, value: number | string): Line => [label, value];

/** The summary as readable text, Swedish first with English alongside. */
export function renderBatchSummary(s: BatchSummary, landlordLabel: (id: string) => string = (id) => id, allocation?: AllocationSummary): string {
  const h = s.households;
  const a = s.apartments;
  const lines: Line[] = [
    "bostad-forst demo — syntetisk Örebroliknande omgång / synthetic Örebro-like batch",
    `  Beräkningsdag / as of: ${s.asOf} · lottfrö / seed: ${s.seed} · policy: ${s.policy.id} ${s.policy.version}`,
    "",
    `  Hushåll / households: ${h.total}`,
    "  Boendesituation (Socialstyrelsen) / housing situation",
    ...HOUSING_SITUATIONS.map((k) => row(`${SITUATION_LABEL[k].sv} / ${SITUATION_LABEL[k].en}`, h.bySituation[k])),
    row("Hemlösa (situation 1–4) / homeless (situations 1–4)", h.homeless),
    row("  varav hemlösa > 6 månader / of whom homeless > 6 months", h.homelessOverSixMonths),
    "  Barn och behov / children and needs",
    row("Barnfamiljer / families with children", h.withChildren),
    row("Barn / children", h.children),
    row("Trångbodda barnfamiljer / overcrowded families", h.overcrowded),
    row("Stöd enligt SoL / SoL support", h.solSupport),
    row("Bostad med särskild service (LSS) / LSS housing", h.lssHousing),
    row("Samsjuklighet / co-occurring", h.coOccurring),
    row("Skyddsbehov: undantagna områden / excluded districts", h.excludedDistricts),
    "  Beslut och ekonomi / decisions and finances",
    row("Social förtur, gällande / social priority, valid", h.socialPriority),
    row("Social förtur, utgången / social priority, expired", h.socialPriorityExpired),
    row("Bostad Först, inskrivna / Housing First, enrolled", h.housingFirst),
    row("Kommunal hyresgaranti, beviljad / rent guarantee, approved", h.rentGuarantee),
    row("Försörjningsstöd / social assistance", h.socialAssistance),
    row("Betalningsanmärkningar / payment remarks", h.paymentRemarks),
    row("Önskemål per hushåll (min–max) / choices per household", `${h.choices.min}–${h.choices.max}`),
    row("Önskemål per hushåll (medel) / choices per household (mean)", h.choices.mean.toFixed(1)),
    "",
    `  Lediga lägenheter / vacancies: ${a.total} (${a.secondHand} andrahand / second-hand)`,
    "  Per hyresvärd / per landlord",
    ...Object.entries(a.byLandlord).map(([id, n]) => row(landlordLabel(id), n)),
    "  Per område / per district",
    ...Object.entries(a.byDistrict).map(([d, n]) => row(d, n)),
    "  Per uthyrningsregel / per letting rule",
    ...LETTING_RULES.map((r) => row(`${r} (${LETTING_RULE_LABEL[r].sv} / ${LETTING_RULE_LABEL[r].en})`, a.byLettingRule[r])),
    ...(allocation ? allocationLines(allocation) : []),
  ];
  const width = Math.max(...lines.map((l) => (typeof l === "string" ? 0 : l[0].length)));
  const text = lines.map((l) => (typeof l === "string" ? l : `    ${l[0].padEnd(width, " ")} ${String(l[1]).padStart(5, " ")}`));
  return `${text.join("\n")}\n`;
}

function allocationLines(x: AllocationSummary): Line[] {
  return [
    "",
    "  Fördelning (uppskjuten acceptans) / allocation (deferred acceptance)",
    row("Förslag / proposals", x.proposals),
    row("  varav sitt första val / of which their first choice", x.firstChoice),
    row("  varav bland tre första val / of which within the first three choices", x.topThree),
    row("  kräver kommunal hyresgaranti / need a rent guarantee", x.rentGuaranteeRequired),
    row("  hemlösa hushåll / homeless households", x.homelessPlaced),
    row("  barnfamiljer / families with children", x.familiesPlaced),
    ...LETTING_RULES.map((r) => row(`  ${r} (${LETTING_RULE_LABEL[r].sv} / ${LETTING_RULE_LABEL[r].en})`, x.byLettingRule[r])),
    row("Hushåll utan förslag / households without a proposal", x.unmatched),
    row("Lägenheter utan förslag / vacancies without a proposal", x.unfilled),
    ...Object.entries(x.unfilledByReason).map(([code, n]) => row(`  ${UNFILLED_REASON[code] ?? code}`, n)),
    "",
    "  Hela resultatet med förklaringar / the full result with reasons: bostad-forst allocate examples/data/orebro-batch.json",
  ];
}

/** `bostad-forst demo`: validates and allocates the bundled example batch and prints both summaries. Broken bundled data is an internal error (1). */
export async function demoCommand(io: CliIo, file: string = packageFile(EXAMPLE_BATCH)): Promise<ExitCode> {
  const raw = await readJsonSource(file, io);
  const parsed = raw.ok ? parseInput(raw.value) : raw;
  if (!parsed.ok) {
    reportIssues(parsed.issues, io);
    io.stderr("bostad-forst demo: exempeldata är ogiltiga / the bundled example data is invalid (npm run examples:generate)\n");
    return EXIT.internal;
  }
  const input = parsed.value;
  const allocated = allocateRun(raw.ok ? raw.value : undefined);
  if (!allocated.ok) {
    reportIssues(allocated.issues, io);
    return EXIT.internal;
  }
  const { run, result } = allocated.value;
  const landlordLabel = (id: string): string => {
    const label = input.policy.landlords[id]?.label;
    return label ? `${label} (${id})` : id;
  };
  io.stdout(renderBatchSummary(summarizeBatch(input), landlordLabel, summarizeAllocation(input, result)));
  io.stdout(renderProposals(input, result));
  // Two explanations as the household itself would get them: one housed below its first choice, one not housed.
  const housed = result.proposals.find((p) => p.choiceRank > 1) ?? result.proposals[0];
  const notHoused = result.unmatchedHouseholds.find((u) => u.reasons.some((r) => r.code === "outranked")) ?? result.unmatchedHouseholds[0];
  for (const id of [housed?.householdId, notHoused?.householdId]) {
    if (id === undefined) continue;
    const x = explainHousehold(run, result, id, { audience: "household" });
    if (!x.ok) {
      reportIssues(x.issues, io);
      return EXIT.internal;
    }
    io.stdout(`\n${"=".repeat(100)}\nFörklaring till hushållet / the household's explanation (bostad-forst explain … --household ${id})\n${"=".repeat(100)}\n\n`);
    io.stdout(renderExplanation(x.value, { lang: "sv", format: "text" }));
  }
  return EXIT.ok;
}


/** A priority criterion in a few Swedish words. */
function criterion(key: OrderKey, value: number | string | null): string {
  return match(key)
    .with("priority-group", () => (value === null ? "ingen prioritetsgrupp" : `grupp ${String(value)}`))
    .with("work-income", () => (value === 1 ? "arbetsinkomst" : "ingen arbetsinkomst"))
    .with("queue-days", () => `kötid ${String(value)} d`)
    .with("homeless-days", () => `hemlös ${String(value)} d`)
    .with("social-priority-date", () => (value === null ? "ingen förtur" : `förtur sedan ${String(value)}`))
    .with("lottery", () => "lottning")
    .exhaustive();
}

/** One line per proposal: who gets what, on which choice and rule, and what decided it. */
function renderProposals(input: AllocationInput, result: AllocationResult): string {
  const apartments = new Map(input.apartments.map((a) => [a.id, a]));
  const lines = [`\n  Förslag / proposals (${result.proposals.length}): hushåll → lägenhet · val · regel · turordning / household → apartment · choice · rule · priority\n`];
  for (const p of result.proposals) {
    const a = apartments.get(p.apartmentId)!;
    const by = p.priority.parts.filter((x) => x.key !== "lottery").map((x) => criterion(x.key, x.value)).join(", ") || "lottning";
    const guarantee = p.rentGuaranteeRequired ? " · hyresgaranti krävs / rent guarantee" : "";
    lines.push(`    ${p.householdId} → ${p.apartmentId} (${a.district}, ${a.rooms} rok, ${a.monthlyRentSek} kr/mån) · val ${p.choiceRank} · ${LETTING_RULE_LABEL[p.lettingRule].sv} · ${by}${guarantee}\n`);
  }
  return lines.join("");
}
