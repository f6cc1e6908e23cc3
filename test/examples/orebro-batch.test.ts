import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { AS_OF, OUTPUT, SEED, generateOrebroBatch } from "../../examples/generate.js";
import { EXAMPLE_BATCH, packageFile } from "../../src/cli/paths.js";
import { HOMELESS_SITUATIONS, HOUSING_SITUATIONS, LETTING_RULES } from "../../src/model/enums.js";
import { parseInput } from "../../src/model/parse.js";

const text = readFileSync(OUTPUT, "utf8");

describe("examples/data/orebro-batch.json", () => {
  it("is what the seeded generator writes (run `npm run examples:generate` after changing it)", () => {
    expect(`${JSON.stringify(generateOrebroBatch(), null, 2)}\n`).toBe(text);
  });

  it("is the file the CLI demo reads", () => {
    expect(packageFile(EXAMPLE_BATCH)).toBe(OUTPUT);
  });

  it("depends on the seed only", () => {
    expect(JSON.stringify(generateOrebroBatch("another-week"))).not.toBe(JSON.stringify(generateOrebroBatch()));
    expect(JSON.stringify(generateOrebroBatch("another-week"))).toBe(JSON.stringify(generateOrebroBatch("another-week")));
  });

  const parsed = parseInput(JSON.parse(text));
  it("passes parseInput with the orebro preset", () => {
    if (!parsed.ok) expect.fail(JSON.stringify(parsed.issues.slice(0, 5)));
    expect(parsed.value.asOf).toBe(AS_OF);
    expect(parsed.value.seed).toBe(SEED);
    expect(parsed.value.policy.id).toBe("orebro");
  });

  it("covers every situation, letting rule and decision the engine handles", () => {
    if (!parsed.ok) return expect.fail("invalid");
    const { households, apartments, stock } = parsed.value;
    expect(households.length).toBeGreaterThanOrEqual(250);
    expect(apartments.length).toBeGreaterThanOrEqual(50);
    expect(households.every((h) => /^H-\d{4}$/.test(h.id))).toBe(true);
    expect(apartments.every((a) => /^A-\d{3}$/.test(a.id))).toBe(true);
    expect(new Set(households.map((h) => h.housing.situation))).toEqual(new Set(HOUSING_SITUATIONS));
    expect(new Set(apartments.map((a) => a.lettingRule))).toEqual(new Set(LETTING_RULES));
    for (const s of HOMELESS_SITUATIONS) expect(households.filter((h) => h.housing.situation === s).length).toBeGreaterThanOrEqual(20);
    const asOf = AS_OF;
    const count = (pred: (h: (typeof households)[number]) => boolean) => households.filter(pred).length;
    expect(count((h) => h.members.length > 1 && h.members.some((m) => m.birthDate > "2008-11-21"))).toBeGreaterThan(30);
    expect(count((h) => h.housing.currentBedrooms !== undefined)).toBeGreaterThan(30);
    expect(count((h) => h.needs.solSupport)).toBeGreaterThan(10);
    expect(count((h) => h.needs.lssHousing)).toBeGreaterThan(2);
    expect(count((h) => h.needs.coOccurring)).toBeGreaterThan(10);
    expect(count((h) => h.needs.excludedDistricts.length > 0)).toBeGreaterThan(5);
    expect(count((h) => h.decisions.socialPriority !== undefined && (h.decisions.socialPriority.validUntil ?? asOf) < asOf)).toBeGreaterThan(0);
    expect(count((h) => h.decisions.socialPriority !== undefined && (h.decisions.socialPriority.validUntil ?? asOf) >= asOf)).toBeGreaterThan(10);
    expect(count((h) => h.decisions.housingFirst !== undefined)).toBeGreaterThan(5);
    expect(count((h) => h.decisions.rentGuarantee?.status === "approved")).toBeGreaterThan(10);
    expect(count((h) => h.income.some((i) => i.source === "social-assistance"))).toBeGreaterThan(50);
    expect(count((h) => h.credit.paymentRemarks > 0)).toBeGreaterThan(30);
    const choices = households.map((h) => h.preferences.ranking.length);
    expect(Math.min(...choices)).toBe(1);
    expect(Math.max(...choices)).toBe(10);
    expect(new Set(apartments.map((a) => a.landlord)).size).toBeGreaterThanOrEqual(3);
    expect(apartments.filter((a) => a.landlord === "obo").length).toBeGreaterThan(apartments.length / 2);
    expect(stock?.landlords["obo"]?.totalApartments).toBe(24_000);
  });

  it("has skewed popularity: the most wanted vacancy is ranked far more often than the median one", () => {
    if (!parsed.ok) return expect.fail("invalid");
    const n = new Map<string, number>();
    for (const h of parsed.value.households) for (const id of h.preferences.ranking) n.set(id, (n.get(id) ?? 0) + 1);
    const counts = [...n.values()].sort((a, b) => a - b);
    expect(counts[counts.length - 1]!).toBeGreaterThan(3 * counts[Math.floor(counts.length / 2)]!);
  });

  it("keeps income priority well inside ÖBO's 10 % / 80 % caps and scatters Housing First", () => {
    if (!parsed.ok) return expect.fail("invalid");
    const { apartments, stock } = parsed.value;
    const obo = stock!.landlords["obo"]!;
    const batch = apartments.filter((a) => a.landlord === "obo" && a.lettingRule === "income-priority");
    const standing = Object.values(obo.incomePriorityByDistrict).reduce((s, n) => s + n, 0);
    expect(standing + batch.length).toBeLessThanOrEqual(0.1 * obo.totalApartments * 0.75);
    for (const [district, total] of Object.entries(obo.apartmentsByDistrict)) {
      const used = (obo.incomePriorityByDistrict[district] ?? 0) + batch.filter((a) => a.district === district).length;
      expect(used).toBeLessThanOrEqual(0.8 * total * 0.5);
    }
    const hf = apartments.filter((a) => a.lettingRule === "housing-first");
    expect(new Set(hf.map((a) => a.building)).size).toBe(hf.length);
    for (const a of hf) expect(stock!.housingFirstByBuilding[a.building]).toBeUndefined();
  });
});
