import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FORMATS, LANGS, allocateRun, explainHousehold, renderExplanation, type Change, type HouseholdExplanation } from "../../src/explain/index.js";
import { allocate, rank } from "../../src/mechanisms/allocate.js";
import { allOf } from "../../src/mechanisms/prepare.js";
import { addMonths, days, fromDayNumber } from "../../src/model/date.js";
import { allocationInput } from "../mechanisms/instances.js";

type Raw = ReturnType<typeof structuredClone<Record<string, unknown>>> & { asOf: string; households: Record<string, any>[] };

/** Applies a change to the raw input (independently of src/explain's applyChange), for re-running through the public API. */
function changeRaw(raw: Raw, householdId: string, change: Change): Raw {
  const out = structuredClone(raw);
  const h = out.households.find((x) => x["id"] === householdId)!;
  h["decisions"] ??= {};
  h["needs"] ??= {};
  switch (change.code) {
    case "rent-guarantee":
      h["decisions"].rentGuarantee = { status: "approved", maxMonthlySek: change.maxMonthlySek, months: 6, validUntil: addMonths(raw.asOf, 24) };
      break;
    case "income":
      h["income"] = [...h["income"], { source: "other", monthlySek: change.atLeastMonthlySek - change.countedMonthlySek }];
      break;
    case "payment-remarks":
      h["credit"] = { ...h["credit"], paymentRemarks: change.atMost };
      break;
    case "housing-debt":
      h["credit"] = { ...h["credit"], housingDebt: false };
      break;
    case "queue-days":
      h["queue"] = { registeredOn: fromDayNumber(days(raw.asOf) - change.atLeast) };
      break;
    case "social-priority-decision":
      h["decisions"].socialPriority = { grantedOn: raw.asOf, validUntil: addMonths(raw.asOf, 12), grounds: ["social"] };
      break;
    case "housing-first-enrollment":
      h["decisions"].housingFirst = { enrolledOn: raw.asOf };
      break;
    case "lss-decision":
      h["needs"].lssHousing = true;
      break;
  }
  return out;
}

const ids = (text: string): string[] => text.match(/H-\d{4}(?!\d)/g) ?? [];

/** Every string in a JSON value. */
function strings(v: unknown, out: string[] = []): string[] {
  if (typeof v === "string") out.push(v);
  else if (Array.isArray(v)) for (const x of v) strings(x, out);
  else if (typeof v === "object" && v !== null) for (const x of Object.values(v)) strings(x, out);
  return out;
}

const inputs = allocationInput({ maxHouseholds: 14, maxApartments: 8 });

describe("household explanations (properties over generated batches)", () => {
  it("a household-audience explanation never shows another household's id, lottery number or sensitive group (every format, both languages)", () => {
    fc.assert(
      fc.property(inputs, (raw) => {
        const r = allocateRun(raw);
        if (!r.ok) return;
        const { run, result } = r.value;
        const p = run.prepared;
        for (const [hi, h] of allOf(p.households).entries()) {
          const x = explainHousehold(run, result, h.id, { audience: "household", counterfactuals: false });
          expect(x.ok).toBe(true);
          if (!x.ok) return;
          const own = p.groups[hi]!.group;
          const forbidden: string[] = [];
          allOf(p.households).forEach((o, oi) => {
            if (oi === hi) return;
            forbidden.push(p.lotteries[oi]!.slice(0, 12));
            const g = p.groups[oi]!.group;
            if (g?.sensitive && g.id !== own?.id) forbidden.push(g.id, g.label.sv, g.label.en);
          });
          const texts = [...FORMATS.flatMap((format) => LANGS.map((lang) => renderExplanation(x.value, { lang, format }))), renderExplanation(x.value, { format: "json" })];
          for (const text of texts) {
            for (const id of ids(text)) expect(id).toBe(h.id);
            for (const f of forbidden) expect(text).not.toContain(f);
          }
          // Structurally: no string in the redacted structure is another household's id.
          const others = new Set(p.householdIds.filter((_, i) => i !== hi));
          for (const s of strings(x.value)) expect(others.has(s)).toBe(false);
          // Sensitive deciding values of others are withheld.
          for (const s of x.value.steps) {
            if (s.code !== "outranked") continue;
            const d = s.cutoff.decidedBy;
            expect(s.cutoff.holder.shown).toBe(false);
            expect(s.cutoff.ranking.shown).toBe(false);
            if (d.key === "homeless-days" || d.key === "social-priority-date" || d.key === "lottery") expect(d.holder.shown).toBe(false);
            if (d.key === "priority-group" && d.holder.shown) expect(d.holder.value?.sensitive ?? false).toBe(false);
          }
        }
      }),
      { numRuns: 40 },
    );
  });

  it("every reason agrees with the result: failed checks are the result's, cutoffs are true against the ranking", () => {
    fc.assert(
      fc.property(inputs, (raw) => {
        const r = allocateRun(raw);
        if (!r.ok) return;
        const { run, result } = r.value;
        const byApartment = new Map(result.apartments.map((a) => [a.apartmentId, a]));
        for (const h of allOf(run.prepared.households)) {
          const x = explainHousehold(run, result, h.id, { audience: "auditor", counterfactuals: false });
          if (!x.ok) throw new Error("explain failed");
          const proposal = result.proposals.find((p) => p.householdId === h.id);
          if (proposal) expect(x.value.outcome).toMatchObject({ code: "proposed", choiceRank: proposal.choiceRank, rentGuaranteeRequired: proposal.rentGuaranteeRequired });
          else expect(x.value.outcome.code).toBe("unmatched");
          const expectedSteps = h.preferences.ranking.length - (proposal ? h.preferences.ranking.length - proposal.choiceRank + 1 : 0);
          expect(x.value.steps).toHaveLength(expectedSteps);
          for (const s of x.value.steps) {
            const outcome = byApartment.get(s.apartment.id)!;
            if (s.code === "ineligible") {
              const entry = outcome.ineligible.find((i) => i.householdId === h.id)!;
              expect(entry.failed.map((f) => f.code)).toEqual(s.failed.map((f) => f.code));
              for (const f of s.failed) expect(f.pass).toBe(false);
              continue;
            }
            const holder = result.proposals.find((p) => p.apartmentId === s.apartment.id)!;
            expect(s.cutoff.holder).toMatchObject({ shown: true, value: { householdId: holder.householdId } });
            const mine = outcome.ranking.find((e) => e.householdId === h.id)!;
            const theirs = outcome.ranking.find((e) => e.householdId === holder.householdId)!;
            expect(theirs.position).toBeLessThan(mine.position);
            expect(s.cutoff.position).toBe(mine.position);
            // The deciding criterion: every earlier part is equal, and at this part the values are the ranking's.
            const at = mine.priority.parts.findIndex((p) => p.key === s.cutoff.decidedBy.key);
            for (let i = 0; i < at; i++) expect(theirs.priority.parts[i]!.value).toEqual(mine.priority.parts[i]!.value);
            const d = s.cutoff.decidedBy;
            if (d.key !== "priority-group" && d.holder.shown) {
              const asKey = (v: unknown) => (typeof v === "boolean" ? (v ? 1 : 0) : v);
              expect(asKey(d.holder.value)).toEqual(theirs.priority.parts[at]!.value);
              expect(asKey(d.own)).toEqual(mine.priority.parts[at]!.value);
            } else if (d.key === "priority-group" && d.holder.shown) {
              expect(d.holder.value?.id ?? null).toBe(theirs.priority.group);
            }
          }
        }
      }),
      { numRuns: 40 },
    );
  });

  it("every stated counterfactual holds when the changed input is re-run through the public API", () => {
    fc.assert(
      fc.property(allocationInput({ maxHouseholds: 10, maxApartments: 6 }), (raw) => {
        const r = allocateRun(raw);
        if (!r.ok) return;
        const { run, result } = r.value;
        for (const h of allOf(run.prepared.households)) {
          const x = explainHousehold(run, result, h.id, { audience: "household" });
          if (!x.ok) throw new Error("explain failed");
          for (const s of x.value.steps) {
            for (const cf of s.counterfactuals) {
              const changed = changeRaw(raw as unknown as Raw, h.id, cf.change);
              if (cf.effect === "eligible" || cf.effect === "not-sufficient-alone") {
                const ranked = rank(changed);
                if (!ranked.ok) throw new Error(JSON.stringify(ranked.issues));
                const a = ranked.value.apartments.find((o) => o.apartmentId === s.apartment.id)!;
                if (cf.effect === "eligible") expect(a.ranking.some((e) => e.householdId === h.id)).toBe(true);
                else expect(a.ineligible.find((i) => i.householdId === h.id)?.failed.map((f) => f.code)).toEqual(cf.remaining);
              } else {
                const again = allocate(changed);
                if (!again.ok) throw new Error(JSON.stringify(again.issues));
                const got = again.value.proposals.find((p) => p.householdId === h.id);
                if (cf.effect === "gets-apartment") expect(got?.apartmentId).toBe(s.apartment.id);
                else if (cf.effect === "gets-higher-choice") expect(got!.choiceRank).toBeLessThan(s.choiceRank);
                else expect(got?.apartmentId).not.toBe(s.apartment.id);
              }
            }
          }
        }
      }),
      { numRuns: 30 },
    );
  });

  it("explanations are deterministic: the same input gives the same bytes", () => {
    fc.assert(
      fc.property(allocationInput({ maxHouseholds: 8, maxApartments: 5 }), (raw) => {
        const a = allocateRun(structuredClone(raw));
        const b = allocateRun(structuredClone(raw));
        if (!a.ok || !b.ok) return;
        for (const h of allOf(a.value.run.prepared.households)) {
          const render = (r: typeof a.value): string[] => {
            const x = explainHousehold(r.run, r.result, h.id, { audience: "caseworker" });
            if (!x.ok) throw new Error("explain failed");
            return [renderExplanation(x.value, { format: "json" }), renderExplanation(x.value, { format: "html", lang: "en" })];
          };
          expect(render(b.value)).toEqual(render(a.value));
        }
      }),
      { numRuns: 20 },
    );
  });
});

export type { HouseholdExplanation };
