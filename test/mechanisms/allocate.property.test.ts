import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeFacts } from "../../src/facts/catalogue.js";
import { allocate } from "../../src/mechanisms/allocate.js";
import { parseInput } from "../../src/model/parse.js";
import type { AllocationResult } from "../../src/model/result.js";
import { checkEligibility } from "../../src/rules/eligibility.js";
import { compareKeys, priorityKey } from "../../src/rules/priority.js";
import { allocationInput } from "./instances.js";

type Raw = { households: { id: string; preferences: { ranking: string[] }; queue?: { registeredOn: string } }[]; apartments: { id: string }[] };

const run = (raw: unknown): AllocationResult => {
  const r = allocate(raw);
  if (!r.ok) throw new Error(JSON.stringify(r.issues.slice(0, 3)));
  return r.value;
};

/** Where a household's apartment sits in its true ranking (lower is better; unmatched is worst). */
const outcomeRank = (result: AllocationResult, householdId: string, truth: readonly string[]): number => {
  const p = result.proposals.find((x) => x.householdId === householdId);
  return p ? truth.indexOf(p.apartmentId) : Infinity;
};

const shuffle = <T>(xs: readonly T[], seed: number): T[] => {
  const keyed = xs.map((x, i) => ({ x, k: (Math.imul(i + 1, 2654435761) ^ seed) >>> 0 }));
  return keyed.sort((a, b) => a.k - b.k).map((e) => e.x);
};

describe("allocation properties (DESIGN section 9), checked independently of the mechanism", () => {
  it("no justified envy, no waste, every proposal passes every check, one seat and one household per proposal", () => {
    fc.assert(
      fc.property(allocationInput(), (raw) => {
        const result = run(raw);
        const input = parseInput(raw);
        if (!input.ok) throw new Error("generator made an invalid input");
        const { households, apartments, policy, asOf, seed } = input.value;
        const ctx = { asOf, policy };
        const facts = new Map(households.map((h) => [h.id, computeFacts(h, ctx)]));
        const byId = new Map(apartments.map((a) => [a.id, a]));
        const holder = new Map(result.proposals.map((p) => [p.apartmentId, p.householdId]));
        expect(new Set(result.proposals.map((p) => p.householdId)).size).toBe(result.proposals.length);
        expect(holder.size).toBe(result.proposals.length);
        const hh = new Map(households.map((h) => [h.id, h]));
        for (const p of result.proposals) {
          const a = byId.get(p.apartmentId)!;
          const e = checkEligibility(hh.get(p.householdId)!, facts.get(p.householdId)!, a, policy, asOf);
          expect(e.checks.filter((c) => !c.pass)).toEqual([]);
          expect(hh.get(p.householdId)!.preferences.ranking[p.choiceRank - 1]).toBe(p.apartmentId);
        }
        for (const h of households) {
          const mine = result.proposals.find((p) => p.householdId === h.id)?.apartmentId;
          const better = mine === undefined ? h.preferences.ranking : h.preferences.ranking.slice(0, h.preferences.ranking.indexOf(mine));
          for (const id of better) {
            const a = byId.get(id)!;
            if (!checkEligibility(h, facts.get(h.id)!, a, policy, asOf).eligible) continue;
            const other = holder.get(id);
            // Waste: an eligible household wanted it more than what it got, and it stayed empty.
            expect(other, `${id} left empty though ${h.id} wanted it`).toBeDefined();
            const oh = hh.get(other!)!;
            const mineKey = priorityKey(facts.get(h.id)!, h, a.lettingRule, policy, seed);
            const theirKey = priorityKey(facts.get(oh.id)!, oh, a.lettingRule, policy, seed);
            expect(compareKeys(theirKey, mineKey), `${h.id} has justified envy of ${oh.id} at ${id}`).toBeLessThan(0);
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it("is deterministic: the same input gives byte-identical JSON, and the input is not mutated", () => {
    fc.assert(
      fc.property(allocationInput({ maxHouseholds: 30, maxApartments: 10 }), (raw) => {
        const before = structuredClone(raw);
        const a = JSON.stringify(run(raw));
        expect(JSON.stringify(run(structuredClone(raw)))).toBe(a);
        expect(raw).toEqual(before);
      }),
      { numRuns: 40 },
    );
  });

  it("anonymity: shuffling households and apartments changes nothing but the input hash", () => {
    fc.assert(
      fc.property(allocationInput(), fc.nat(), (raw, seed) => {
        const shuffled = { ...raw, households: shuffle(raw.households, seed), apartments: shuffle(raw.apartments, seed + 1) };
        const a = run(raw);
        const b = run(shuffled);
        // The input hash (in the audit and in each explanation's run reference) is the only thing allowed to differ.
        expect(JSON.stringify(b).replaceAll(b.audit.inputSha256, "")).toBe(JSON.stringify(a).replaceAll(a.audit.inputSha256, ""));
      }),
      { numRuns: 40 },
    );
  });

  it("strategy-proofness probe: no truncation or reordering of a household's ranking gets it an apartment it truly prefers", () => {
    fc.assert(
      fc.property(allocationInput(), fc.nat(), fc.nat(), (raw, who, how) => {
        const r = raw as unknown as Raw;
        const h = r.households[who % r.households.length]!;
        const truth = h.preferences.ranking;
        const honest = outcomeRank(run(raw), h.id, truth);
        const lie = shuffle(truth, how).slice(0, how % (truth.length + 1));
        const misreported = { ...raw, households: r.households.map((x) => (x.id === h.id ? { ...x, preferences: { ranking: lie } } : x)) };
        expect(outcomeRank(run(misreported), h.id, truth)).toBeGreaterThanOrEqual(honest);
      }),
      { numRuns: 60 },
    );
  });

  it("respecting improvements: more queue days for one household never worsens its outcome", () => {
    fc.assert(
      fc.property(allocationInput(), fc.nat(), (raw, who) => {
        const r = raw as unknown as Raw;
        const registered = r.households.filter((h) => h.queue);
        fc.pre(registered.length > 0);
        const h = registered[who % registered.length]!;
        const before = outcomeRank(run(raw), h.id, h.preferences.ranking);
        const raised = { ...raw, households: r.households.map((x) => (x.id === h.id ? { ...x, queue: { registeredOn: "2000-01-01" } } : x)) };
        expect(outcomeRank(run(raised), h.id, h.preferences.ranking)).toBeLessThanOrEqual(before);
      }),
      { numRuns: 60 },
    );
  });

  it("caps hold for every accepted input: income-priority and Housing First usage within the caps", () => {
    fc.assert(
      fc.property(allocationInput(), (raw) => {
        const d = run(raw).designations;
        for (const l of d.incomePriority) {
          expect(l.total.count).toBeLessThanOrEqual(l.total.cap);
          for (const x of l.districts) expect(x.count).toBeLessThanOrEqual(x.cap);
        }
        for (const b of d.housingFirst) expect(b.count).toBeLessThanOrEqual(b.cap);
      }),
      { numRuns: 30 },
    );
  });

  it("children are never placed into overcrowding", () => {
    fc.assert(
      fc.property(allocationInput(), (raw) => {
        const result = run(raw);
        const input = parseInput(raw);
        if (!input.ok) throw new Error("invalid");
        const { policy, asOf } = input.value;
        for (const p of result.proposals) {
          const h = input.value.households.find((x) => x.id === p.householdId)!;
          const a = input.value.apartments.find((x) => x.id === p.apartmentId)!;
          // Independent of the engine: born on or before asOf minus N years means aged N or more (birthdays on 29 Feb aside).
          const yearsAgo = (n: number) => `${Number(asOf.slice(0, 4)) - n}${asOf.slice(4)}`;
          const counted = h.members.filter((m) => m.birthDate <= yearsAgo(policy.overcrowding.exemptChildrenUnderYears)).length;
          const hasChild = h.members.some((m) => m.birthDate > yearsAgo(18));
          if (hasChild) expect(counted).toBeLessThanOrEqual(policy.overcrowding.maxPersonsPerBedroom * Math.max(1, a.bedrooms));
        }
      }),
      { numRuns: 40 },
    );
  });
});
