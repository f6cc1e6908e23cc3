import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Facts, computeFacts } from "../../src/facts/catalogue.js";
import { TREATMENT_FACTS } from "../../src/facts/ids.js";
import type { Apartment } from "../../src/model/apartment.js";
import { LETTING_RULES } from "../../src/model/enums.js";
import type { Household } from "../../src/model/household.js";
import { factsOf } from "../../src/model/resolve-policy.js";
import { PRESETS } from "../../src/presets/index.js";
import { isOvercrowdedIn } from "../../src/facts/overcrowding.js";
import { checkEligibility } from "../../src/rules/eligibility.js";
import { checkSize } from "../../src/rules/checks/size.js";
import { type PriorityKey, compareKeys, keyScorer, keyWidth, lotteryNumber, mergePacked, priorityGroupOnly, priorityKey, sortPacked } from "../../src/rules/priority.js";
import { AS_OF, apartmentArb, householdArb } from "./arbitraries.js";

const presets = Object.values(PRESETS);
const presetArb = fc.constantFrom(...presets);
const ruleArb = fc.constantFrom(...LETTING_RULES);
const seedArb = fc.string({ minLength: 1, maxLength: 20 });
const factsOfHousehold = (h: Household, policy: (typeof presets)[number]) => computeFacts(h, { asOf: AS_OF, policy });
const withoutLottery = (parts: readonly { key: string }[]) => parts.filter((p) => p.key !== "lottery");
const RUNS = { numRuns: 300 };

/** Keys of one rule as sortPacked takes them: their scores packed, and each one's lottery digest (its last part). */
function packed(keys: readonly PriorityKey[]): [Float64Array, number, string[]] {
  const width = keys[0]?.parts.length ?? 0;
  const scores = Float64Array.from(keys.flatMap((k) => k.parts.map((p) => p.score)));
  return [scores, width, keys.map((k) => String(k.parts[k.parts.length - 1]!.value))];
}

/**
 * Packed keys as sortPacked takes them, up to `maxLength` of them: a width of 1–3 scores, the scores, and a digest each.
 * Few distinct scores and digests, so that ties on every score and on the digest too are common.
 */
function packedKeysArb(maxLength: number): fc.Arbitrary<{ width: number; scores: Float64Array; digests: string[] }> {
  return fc.integer({ min: 1, max: 3 }).chain((width) =>
    fc
      .array(fc.tuple(fc.array(fc.integer({ min: -2, max: 2 }), { minLength: width, maxLength: width }), fc.constantFrom("0a", "0b", "1f", "ff")), { minLength: 0, maxLength, size: "max" })
      .map((keys) => ({ width, scores: Float64Array.from(keys.flatMap(([s]) => s)), digests: keys.map(([, d]) => d) })),
  );
}

describe("properties of eligibility and priority (DESIGN section 9)", () => {
  it("equal treatment of equals: two households equal in every fact get equal keys up to the lottery, and the same verdicts", () => {
    fc.assert(
      fc.property(householdArb, fc.stringMatching(/^H-[a-z0-9]{1,8}$/), apartmentArb, presetArb, seedArb, (h, otherId, a, policy, seed) => {
        const twin: Household = { ...structuredClone(h), id: otherId };
        const f = factsOfHousehold(h, policy);
        const g = factsOfHousehold(twin, policy);
        expect(g).toEqual(f);
        for (const rule of LETTING_RULES) {
          const k1 = priorityKey(f, h, rule, policy, seed);
          const k2 = priorityKey(g, twin, rule, policy, seed);
          expect(withoutLottery(k2.parts)).toEqual(withoutLottery(k1.parts));
          expect(k2.group).toEqual(k1.group);
        }
        expect(checkEligibility(twin, g, a, policy, AS_OF)).toEqual(checkEligibility(h, f, a, policy, AS_OF));
      }),
      RUNS,
    );
  });

  it("the key reads only facts and the förtur decision date: any two households given the same facts rank equal up to the lottery", () => {
    fc.assert(
      fc.property(householdArb, householdArb, presetArb, ruleArb, seedArb, (h1, h2, policy, rule, seed) => {
        const f = factsOfHousehold(h1, policy);
        const { socialPriority: _dropped, ...decisions } = h2.decisions;
        const other: Household = { ...h2, decisions: h1.decisions.socialPriority ? { ...decisions, socialPriority: h1.decisions.socialPriority } : decisions };
        const k1 = priorityKey(f, h1, rule, policy, seed);
        const k2 = priorityKey(f, other, rule, policy, seed);
        expect(withoutLottery(k2.parts)).toEqual(withoutLottery(k1.parts));
      }),
      RUNS,
    );
  });

  it("renaming a household id changes only its lottery part", () => {
    fc.assert(
      fc.property(householdArb, fc.stringMatching(/^H-[a-z0-9]{1,8}$/), presetArb, ruleArb, seedArb, (h, otherId, policy, rule, seed) => {
        fc.pre(otherId !== h.id);
        const f = factsOfHousehold(h, policy);
        const k1 = priorityKey(f, h, rule, policy, seed);
        const k2 = priorityKey(f, { ...h, id: otherId }, rule, policy, seed);
        k1.parts.forEach((p, i) => {
          if (p.key === "lottery") expect(k2.parts[i]!.value).not.toBe(p.value);
          else expect(k2.parts[i]).toEqual(p);
        });
      }),
      RUNS,
    );
  });

  it("the key never depends on the seed except through the lottery, and never on input order", () => {
    fc.assert(
      fc.property(fc.array(householdArb, { minLength: 2, maxLength: 6 }), presetArb, ruleArb, seedArb, (hs, policy, rule, seed) => {
        const unique = hs.map((h, i) => ({ ...h, id: `H-${i}` }));
        const rank = (list: Household[]) =>
          list
            .map((h) => ({ id: h.id, key: priorityKey(factsOfHousehold(h, policy), h, rule, policy, seed) }))
            .sort((x, y) => compareKeys(x.key, y.key))
            .map((x) => x.id);
        expect(rank([...unique].reverse())).toEqual(rank(unique));
      }),
      { numRuns: 100 },
    );
  });

  it("sortPacked gives compareKeys' order for keys of real households, ties on every score included", () => {
    fc.assert(
      fc.property(fc.array(householdArb, { minLength: 0, maxLength: 30 }), presetArb, ruleArb, seedArb, fc.boolean(), (households, policy, rule, seed, twins) => {
        // Unique ids (the lottery draws on the id); with twins, every household repeats the first one's facts.
        const list = households.map((h, i) => ({ ...(twins && households[0] ? structuredClone(households[0]) : h), id: `H-${i}` }));
        const keys = list.map((h) => priorityKey(factsOfHousehold(h, policy), h, rule, policy, seed));
        const expected = Array.from(keys.keys()).sort((x, y) => compareKeys(keys[x]!, keys[y]!));
        expect(sortPacked(...packed(keys))).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it("mergePacked of a list's two sorted halves gives sortPacked of the whole list, ties included (the earlier half first)", () => {
    fc.assert(
      fc.property(
        packedKeysArb(200),
        fc.nat(),
        ({ width, scores, digests }, cut) => {
          const at = cut % (digests.length + 1);
          // Each half sorted on its own, as a part prepared in its own thread sorts it: indices into the whole list.
          const half = (from: number, to: number) => {
            const sorted = sortPacked(scores.slice(from * width, to * width), width, digests.slice(from, to));
            const order = Int32Array.from(sorted, (i) => i + from);
            return { order, scores: Float64Array.from(Array.from(order).flatMap((i) => Array.from(scores.subarray(i * width, (i + 1) * width)))) };
          };
          const merged = mergePacked(half(0, at), half(at, digests.length), width, digests);
          expect(Array.from(merged.order)).toEqual(sortPacked(scores, width, digests));
          expect(Array.from(merged.scores)).toEqual(Array.from(merged.order).flatMap((i) => Array.from(scores.subarray(i * width, (i + 1) * width))));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("sortPacked orders long lists as Array#sort with its comparison does: scores higher first, then the smaller digest, ties in index order", () => {
    fc.assert(
      fc.property(
        packedKeysArb(400),
        ({ width, scores, digests }) => {
          const expected = Array.from(digests.keys()).sort((x, y) => {
            for (let k = 0; k < width; k++) {
              const sx = scores[x * width + k]!;
              const sy = scores[y * width + k]!;
              if (sx !== sy) return sx > sy ? -1 : 1;
            }
            return digests[x]! < digests[y]! ? -1 : digests[x]! > digests[y]! ? 1 : 0;
          });
          expect(sortPacked(scores, width, digests)).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("keyScorer writes priorityKey's part scores (what prepare ranks by), and sortPacked orders them as compareKeys", () => {
    fc.assert(
      fc.property(fc.array(householdArb, { minLength: 0, maxLength: 20 }), presetArb, ruleArb, seedArb, (households, policy, rule, seed) => {
        const list = households.map((h, i) => ({ ...h, id: `H-${i}` }));
        const width = keyWidth(policy, rule);
        const scores = new Float64Array(list.length * width);
        const facts = list.map((h) => factsOfHousehold(h, policy));
        const lotteries = list.map((h) => lotteryNumber(seed, h.id));
        const groups = facts.map((f) => ({ group: priorityGroupOnly(f, policy) }));
        // One scorer for every household, in a scrambled order (its context is reused from household to household).
        const order = Array.from(list.keys()).sort((x, y) => ((x * 7) % 11) - ((y * 7) % 11));
        const scorer = keyScorer(policy, rule);
        expect(scorer.width).toBe(width);
        for (const h of order) scorer.write(facts[h]!, list[h]!, lotteries[h]!, groups[h]!, scores, h * width);
        const keys = list.map((h, i) => {
          // With the work prepare hands in (lottery digest, group) and without: the same key.
          const key = priorityKey(facts[i]!, h, rule, policy, seed);
          expect(priorityKey(facts[i]!, h, rule, policy, seed, { lottery: lotteries[i]!, group: groups[i]! })).toEqual(key);
          expect(Array.from(scores.subarray(i * width, (i + 1) * width))).toEqual(key.parts.map((part) => part.score));
          return key;
        });
        const expected = Array.from(keys.keys()).sort((x, y) => compareKeys(keys[x]!, keys[y]!));
        expect(sortPacked(scores, width, list.map((h) => lotteryNumber(seed, h.id)))).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it("sortPacked gives compareKeys' order when scores tie and only the full lottery digests decide", () => {
    // Synthetic keys: few distinct scores, so whole score rows tie and the digest comparison is reached.
    const keyArb = fc.record({ a: fc.integer({ min: 0, max: 2 }), b: fc.integer({ min: 0, max: 1 }), hex: fc.stringMatching(/^[0-9a-f]{1,4}$/) });
    fc.assert(
      fc.property(fc.array(keyArb, { maxLength: 40 }), (rows) => {
        const keys: PriorityKey[] = rows.map(({ a, b, hex }) => ({
          rule: "queue",
          group: null,
          parts: [{ key: "queue-days" as const, value: a, score: a }, { key: "lottery", value: hex, score: b }],
        }));
        const expected = Array.from(keys.keys()).sort((x, y) => compareKeys(keys[x]!, keys[y]!));
        const actual = sortPacked(...packed(keys));
        // Equal digests leave two keys equal, in either order: compare the keys in order, not the indices.
        expect(actual.map((i) => keys[i])).toEqual(expected.map((i) => keys[i]));
      }),
      { numRuns: 300 },
    );
  });

  it("every eligibility verdict's trace contains exactly the facts its letting-rule condition uses, with their values", () => {
    fc.assert(
      fc.property(householdArb, apartmentArb, presetArb, (h, a, policy) => {
        const f = factsOfHousehold(h, policy);
        const verdict = checkEligibility(h, f, a, policy, AS_OF);
        const letting = verdict.checks.find((c) => c.code === "letting-rule");
        if (letting?.code !== "letting-rule") throw new Error("no letting-rule check");
        const def = policy.lettingRules[a.lettingRule]!;
        expect(new Set(letting.trace.map((t) => t.fact))).toEqual(new Set(factsOf(def.eligible)));
        for (const t of letting.trace) expect(t.value).toEqual(f[t.fact]);
        expect(letting.source).toBe(def.source);
        expect(verdict.eligible).toBe(verdict.checks.every((c) => c.pass));
      }),
      RUNS,
    );
  });

  it("raising queue days or homeless days never lowers a key where that criterion is in the order", () => {
    fc.assert(
      fc.property(householdArb, presetArb, ruleArb, seedArb, fc.constantFrom("queue.days", "housing.homelessDays") , fc.integer({ min: 1, max: 5000 }), (h, policy, rule, seed, fact, raise) => {
        const key = fact === "queue.days" ? "queue-days" : "homeless-days";
        fc.pre(policy.lettingRules[rule]!.order.includes(key));
        const f = factsOfHousehold(h, policy);
        const raised: Facts = { ...f, [fact]: (f[fact] as number) + raise };
        const before = priorityKey(f, h, rule, policy, seed);
        const after = priorityKey(raised, h, rule, policy, seed);
        expect(compareKeys(after, before)).toBeLessThanOrEqual(0);
      }),
      RUNS,
    );
  });

  it("the size check gives the catalogue's overcrowding verdict (isOvercrowdedIn) for every household and apartment", () => {
    fc.assert(
      fc.property(householdArb, apartmentArb, presetArb, (h, a, policy) => {
        const size = checkSize(h, factsOfHousehold(h, policy), a, policy, AS_OF);
        expect(size.pass).toBe(!isOvercrowdedIn(h, a.bedrooms, AS_OF, policy.overcrowding));
      }),
      RUNS,
    );
  });

  it("Housing First eligibility is unchanged by flipping substance use, mental illness or co-occurring disorders (every preset)", () => {
    fc.assert(
      fc.property(householdArb, apartmentArb, fc.subarray([...TREATMENT_FACTS], { minLength: 1 }), (h, a, flips) => {
        const apartment: Apartment = { ...a, lettingRule: "housing-first" };
        const flipped: Household = structuredClone(h);
        for (const fact of flips) {
          const need = fact.slice("needs.".length) as "substanceUse" | "mentalIllness" | "coOccurring";
          flipped.needs[need] = !flipped.needs[need];
        }
        for (const policy of presets) {
          const before = checkEligibility(h, factsOfHousehold(h, policy), apartment, policy, AS_OF);
          const after = checkEligibility(flipped, factsOfHousehold(flipped, policy), apartment, policy, AS_OF);
          expect(after.eligible).toBe(before.eligible);
          expect(after.checks).toEqual(before.checks);
        }
      }),
      RUNS,
    );
  });
});
