import { match } from "ts-pattern";
import type { LettingRule } from "../model/enums.js";
import { type Issue, type Message, type Result, ok } from "../model/issue.js";
import type { OrderKey } from "../model/policy.js";
import type { AllocationResult, ChoiceReason, PriorityJson } from "../model/result.js";
import { type Run, buildResult, validateAndPrepare } from "../mechanisms/allocate.js";
import { deferredAcceptance } from "../mechanisms/deferred-acceptance.js";
import { QUEUE_BANDS, byCodePoint, queueBand } from "./common.js";
import { LETTING_RULE_LABEL, ORDER_KEY_LABEL, checkLabel } from "./labels.js";

/** Where a household was placed under one policy. */
export interface Placement {
  apartmentId: string;
  district: string;
  lettingRule: LettingRule;
  choiceRank: number;
  rentGuaranteeRequired: boolean;
  priority: PriorityJson;
}

/** Why a household did not get, under one policy, the apartment it got under the other (read from that policy's result). */
export type WhyNot =
  | { code: "preferred"; apartmentId: string; choiceRank: number; placedChoiceRank: number }
  | { code: "ineligible"; apartmentId: string; failed: string[] }
  | { code: "outranked"; apartmentId: string; position: number; holderPosition: number; decidedBy: OrderKey | null };

/** One side of a comparison: the placement (or none, with the result's reasons) and why not the other side's apartment. */
export interface Side {
  /** `A` (the input's policy) or `B` (the alternative). */
  name: "A" | "B";
  /** Policy id and version, `id@version`. */
  policy: string;
  placement: Placement | null;
  reasons: ChoiceReason[];
  whyNot: WhyNot | null;
}

export type Change = "gained" | "lost" | "moved";

/** A household housed differently under B than under A, with a short bilingual explanation built from both results. */
export interface HouseholdChange {
  householdId: string;
  change: Change;
  /** The household's priority group under policy A (`null`: none). */
  group: string | null;
  queueDays: number;
  queueBand: string;
  a: Side;
  b: Side;
  explanation: Message;
}

interface Counts {
  gained: number;
  lost: number;
  moved: number;
}

/** Who is housed differently under policy B than under policy A (same households, vacancies, seed and asOf). */
export interface WhatIfReport {
  asOf: string;
  seed: string;
  a: { id: string; version: string; sha256: string; housed: number };
  b: { id: string; version: string; sha256: string; housed: number };
  households: number;
  totals: Counts & { unchanged: number };
  byGroup: ({ id: string | null; label: Message } & Counts)[];
  byDistrict: { district: string; lettingsA: number; lettingsB: number; arrivals: number; departures: number }[];
  byQueueBand: ({ band: string; label: Message } & Counts)[];
  byLettingRule: { lettingRule: LettingRule; lettingsA: number; lettingsB: number }[];
  changes: HouseholdChange[];
}

const run = (prepared: Run): AllocationResult => buildResult(prepared, deferredAcceptance(prepared.prepared.compiled));
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Runs the same input under its own policy (A) and under `alternative` (B: a preset name, a policy, or `{ extends, … }`)
 * and reports every household housed differently, by group, district, queue time and letting rule. Deterministic.
 * Issues of the alternative policy carry paths under `alternative` instead of `policy`.
 *
 * @example whatIf(input, { extends: "orebro", lettingRules: { "income-priority": { order: ["queue-days", "lottery"] } } })
 */
export function whatIf(raw: unknown, alternative: unknown): Result<WhatIfReport> {
  const runA = validateAndPrepare(raw);
  if (!runA.ok) return runA;
  const runB = validateAndPrepare(isRecord(raw) ? { ...raw, policy: alternative } : raw);
  if (!runB.ok) return { ok: false, issues: runB.issues.map(renamePolicyPath) };
  return ok(compareRuns(runA.value, run(runA.value), run(runB.value)));
}

function renamePolicyPath(i: Issue): Issue {
  return i.path[0] === "policy" ? { ...i, path: ["alternative", ...i.path.slice(1)] } : i;
}

/** Compares two results of the same households and vacancies; `runA` supplies groups, queue days and districts. */
export function compareRuns(runA: Run, a: AllocationResult, b: AllocationResult): WhatIfReport {
  // Only ids, groups and the changed households' queue days are read: no household record is needed.
  const { apartments, groups, householdIds, facts } = runA.prepared;
  const districtOf = new Map(apartments.map((x) => [x.id, x.district]));
  const placements = (r: AllocationResult): Map<string, Placement> =>
    new Map(r.proposals.map((p) => [p.householdId, { apartmentId: p.apartmentId, district: districtOf.get(p.apartmentId)!, lettingRule: p.lettingRule, choiceRank: p.choiceRank, rentGuaranteeRequired: p.rentGuaranteeRequired, priority: p.priority }]));
  const pa = placements(a);
  const pb = placements(b);
  const reasonsA = new Map(a.unmatchedHouseholds.map((u) => [u.householdId, u.reasons]));
  const reasonsB = new Map(b.unmatchedHouseholds.map((u) => [u.householdId, u.reasons]));

  const report: WhatIfReport = {
    asOf: a.audit.asOf,
    seed: a.audit.seed,
    a: { ...a.audit.policy, housed: a.proposals.length },
    b: { ...b.audit.policy, housed: b.proposals.length },
    households: householdIds.length,
    totals: { gained: 0, lost: 0, moved: 0, unchanged: 0 },
    byGroup: [],
    byDistrict: [],
    byQueueBand: QUEUE_BANDS.map((q) => ({ band: q.id, label: q.label, gained: 0, lost: 0, moved: 0 })),
    byLettingRule: [],
    changes: [],
  };
  const groupCounts = new Map<string | null, { id: string | null; label: Message } & Counts>();
  const labelA = `${a.audit.policy.id}@${a.audit.policy.version}`;
  const labelB = `${b.audit.policy.id}@${b.audit.policy.version}`;

  householdIds.forEach((id, hi) => {
    const x = pa.get(id) ?? null;
    const y = pb.get(id) ?? null;
    if (x?.apartmentId === y?.apartmentId) {
      if (x !== null) report.totals.unchanged++;
      return;
    }
    const change: Change = x === null ? "gained" : y === null ? "lost" : "moved";
    report.totals[change]++;
    const g = groups[hi]!.group;
    const gc = groupCounts.get(g?.id ?? null) ?? { id: g?.id ?? null, label: g?.label ?? { sv: "Ingen prioritetsgrupp", en: "No priority group" }, gained: 0, lost: 0, moved: 0 };
    gc[change]++;
    groupCounts.set(gc.id, gc);
    const queueDays = facts.at(hi)!["queue.days"] as number;
    const band = queueBand(queueDays);
    report.byQueueBand.find((q) => q.band === band)![change]++;
    const sideA: Side = { name: "A", policy: labelA, placement: x, reasons: reasonsA.get(id) ?? [], whyNot: y === null ? null : whyNot(a, id, y.apartmentId, x) };
    const sideB: Side = { name: "B", policy: labelB, placement: y, reasons: reasonsB.get(id) ?? [], whyNot: x === null ? null : whyNot(b, id, x.apartmentId, y) };
    report.changes.push({ householdId: id, change, group: g?.id ?? null, queueDays, queueBand: band, a: sideA, b: sideB, explanation: explain(sideA, sideB) });
  });
  report.changes.sort((p, q) => byCodePoint(p.householdId, q.householdId));

  const order = new Map<string | null, number>(runA.input.policy.priorityGroups.map((g, i) => [g.id, i]));
  report.byGroup = [...groupCounts.values()].sort((p, q) => (order.get(p.id) ?? Infinity) - (order.get(q.id) ?? Infinity));

  const districts = [...new Set(apartments.map((x) => x.district))].sort(byCodePoint);
  report.byDistrict = districts.map((district) => {
    const lettings = (r: AllocationResult) => r.proposals.filter((p) => districtOf.get(p.apartmentId) === district).length;
    let arrivals = 0;
    let departures = 0;
    for (const c of report.changes) {
      const inA = c.a.placement?.district === district;
      const inB = c.b.placement?.district === district;
      if (inB && !inA) arrivals++;
      if (inA && !inB) departures++;
    }
    return { district, lettingsA: lettings(a), lettingsB: lettings(b), arrivals, departures };
  });
  const rules = [...new Set(apartments.map((x) => x.lettingRule))].sort(byCodePoint);
  report.byLettingRule = rules.map((lettingRule) => ({
    lettingRule,
    lettingsA: a.proposals.filter((p) => p.lettingRule === lettingRule).length,
    lettingsB: b.proposals.filter((p) => p.lettingRule === lettingRule).length,
  }));
  return report;
}

/** Why `householdId` did not get `apartmentId` in result `r`, where it was placed at `placed` (or nowhere). */
function whyNot(r: AllocationResult, householdId: string, apartmentId: string, placed: Placement | null): WhyNot | null {
  const outcome = r.apartments.find((o) => o.apartmentId === apartmentId);
  if (!outcome) return null;
  const bad = outcome.ineligible.find((i) => i.householdId === householdId);
  if (bad) return { code: "ineligible", apartmentId, failed: bad.failed.map((f) => f.code) };
  const own = outcome.ranking.find((e) => e.householdId === householdId);
  if (!own) return null;
  if (placed !== null && placed.choiceRank < own.choiceRank) return { code: "preferred", apartmentId, choiceRank: own.choiceRank, placedChoiceRank: placed.choiceRank };
  const holderId = r.proposals.find((p) => p.apartmentId === apartmentId)?.householdId;
  const holder = outcome.ranking.find((e) => e.householdId === holderId);
  return { code: "outranked", apartmentId, position: own.position, holderPosition: holder?.position ?? 0, decidedBy: holder ? decidingKey(holder.priority, own.priority) : null };
}

/** The first criterion on which two keys of the same rule differ (the lottery when all else ties). */
function decidingKey(holder: PriorityJson, own: PriorityJson): OrderKey | null {
  for (let i = 0; i < Math.min(holder.parts.length, own.parts.length); i++) {
    const p = holder.parts[i]!;
    if (p.value !== own.parts[i]!.value) return p.key;
  }
  return null;
}

function describe(side: Side): Message {
  const p = side.placement;
  const head = p
    ? { sv: `fick ${p.apartmentId} (${p.district}, val ${p.choiceRank}, ${LETTING_RULE_LABEL[p.lettingRule].sv.toLowerCase()})`, en: `got ${p.apartmentId} (${p.district}, choice ${p.choiceRank}, ${LETTING_RULE_LABEL[p.lettingRule].en.toLowerCase()})` }
    : { sv: "fick ingen bostad", en: "was not housed" };
  const w = side.whyNot;
  if (!w) return { sv: `${side.name}: ${head.sv}.`, en: `${side.name}: ${head.en}.` };
  const why = match(w)
    .with({ code: "preferred" }, (v) => ({ sv: `${v.apartmentId} stod lägre i hushållets lista (val ${v.choiceRank})`, en: `${v.apartmentId} was lower in the household's list (choice ${v.choiceRank})` }))
    .with({ code: "ineligible" }, (v) => ({
      sv: `uppfyllde inte villkoren för ${v.apartmentId}: ${v.failed.map((c) => checkLabel(c).sv).join(", ")}`,
      en: `not eligible for ${v.apartmentId}: ${v.failed.map((c) => checkLabel(c).en).join(", ")}`,
    }))
    .with({ code: "outranked" }, (v) => {
      const by = v.decidedBy === null ? null : ORDER_KEY_LABEL[v.decidedBy];
      return {
        sv: `plats ${v.position} för ${v.apartmentId}, som gick till plats ${v.holderPosition}${by ? ` (avgjort av ${by.sv})` : ""}`,
        en: `position ${v.position} for ${v.apartmentId}, which went to position ${v.holderPosition}${by ? ` (decided by ${by.en})` : ""}`,
      };
    })
    .exhaustive();
  return { sv: `${side.name}: ${head.sv}; ${why.sv}.`, en: `${side.name}: ${head.en}; ${why.en}.` };
}

function explain(a: Side, b: Side): Message {
  const x = describe(a);
  const y = describe(b);
  return { sv: `${x.sv} ${y.sv}`, en: `${x.en} ${y.en}` };
}
