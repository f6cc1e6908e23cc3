/**
 * Seeded generator of large, realistic allocation inputs for benchmarks (DESIGN section 10): skewed popularity
 * (districts and apartments differ in appeal), every letting rule, rent guarantees, förtur and Housing First
 * decisions, children and overcrowding. Linear in households × choices; same options, same instance.
 */
import { Rng } from "../examples/rng.js";
import { fromDayNumber, days } from "../src/model/date.js";
import type { LettingRule } from "../src/model/enums.js";

export interface BenchOptions {
  households: number;
  apartments: number;
  choices: number;
  seed?: string;
}

const AS_OF = "2026-11-21";
const DISTRICTS = [
  ["Centrum", 3.0], ["Adolfsberg", 2.2], ["Oxhagen", 1.4], ["Varberga", 1.0], ["Baronbackarna", 0.9],
  ["Brickebacken", 0.7], ["Vivalla", 0.6], ["Mikaelsgården", 1.1], ["Lillån", 0.8], ["Hovsta", 0.5],
] as const;
const RULES: readonly (readonly [LettingRule, number])[] = [["queue", 80], ["income-priority", 6], ["social-priority", 6], ["housing-first", 3], ["lss", 2], ["senior", 3]];


const pad = (n: number, w: number): string => String(n).padStart(w, "0");
const asOfDay = days(AS_OF);
const dateYearsAgo = (rng: Rng, min: number, max: number): string => fromDayNumber(asOfDay - rng.int(Math.round(min * 365.25), Math.round(max * 365.25)));

/** A large allocation input under the Örebro preset. */
export function generateBenchInput({ households, apartments, choices, seed = "bench" }: BenchOptions): Record<string, unknown> {
  const rng = new Rng(`${seed}:${households}:${apartments}:${choices}`);
  const apts: Record<string, unknown>[] = [];
  const weight = new Float64Array(apartments);
  const perDistrict = new Map<string, number>();
  for (let i = 0; i < apartments; i++) {
    const [district, pop] = DISTRICTS[rng.int(0, DISTRICTS.length - 1)]!;
    const rule = rng.weighted(RULES);
    const bedrooms = rng.weighted([[0, 2], [1, 4], [2, 3], [3, 1.5], [4, 0.5]] as const);
    const landlord = rule === "queue" && rng.chance(0.25) ? "privat-fastigheter" : "obo";
    if (landlord === "obo") perDistrict.set(district, (perDistrict.get(district) ?? 0) + 1);
    // Appeal: district popularity times a heavy-tailed per-apartment factor (a few vacancies draw most applicants).
    weight[i] = pop * Math.exp(2 * (rng.unit() - 0.5) * 2);
    apts.push({
      id: `A-${pad(i, 6)}`, landlord, district, building: `B-${pad(i, 6)}`, rooms: bedrooms + 1, bedrooms,
      areaSqm: 28 + bedrooms * 19 + rng.int(0, 8), monthlyRentSek: 3200 + bedrooms * 1500 + rng.int(0, 2500),
      floor: rng.int(0, 7), elevator: rng.chance(0.6), wheelchairAccessible: rng.chance(0.15),
      lettingRule: rule, contract: rule === "housing-first" ? "second-hand" : "first-hand", availableFrom: "2026-12-01",
    });
  }
  const cumulative = new Float64Array(apartments);
  let acc = 0;
  for (let i = 0; i < apartments; i++) cumulative[i] = acc += weight[i]!;
  const draw = (): number => {
    const r = rng.unit() * acc;
    let lo = 0;
    let hi = apartments - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid]! > r) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };

  const hh: Record<string, unknown>[] = new Array(households);
  const k = Math.min(choices, apartments);
  for (let i = 0; i < households; i++) {
    const situation = rng.weighted([["housed", 55], ["eviction-risk", 5], ["acute", 10], ["institution", 5], ["municipal-arrangement", 10], ["own-short-term", 15]] as const);
    const adults = rng.chance(0.35) ? 2 : 1;
    const kids = rng.weighted([[0, 60], [1, 15], [2, 15], [3, 7], [4, 3]] as const);
    const members = [];
    for (let a = 0; a < adults; a++) members.push({ birthDate: dateYearsAgo(rng, 19, 80) });
    for (let c = 0; c < kids; c++) members.push({ birthDate: dateYearsAgo(rng, 0, 17.9) });
    const income = [];
    for (let a = 0; a < adults; a++) {
      const src = rng.weighted([["employment", 60], ["pension", 10], ["sickness-or-activity-compensation", 8], ["unemployment-insurance", 6], ["social-assistance", 10], ["student-aid", 6]] as const);
      income.push({ source: src, monthlySek: rng.int(6000, 42000) });
    }
    const homeless = situation !== "housed" && situation !== "eviction-risk";
    const ranking = new Set<number>();
    for (let tries = 0; ranking.size < k && tries < k * 4; tries++) ranking.add(draw());
    hh[i] = {
      id: `H-${pad(i, 7)}`,
      members,
      income,
      credit: { paymentRemarks: rng.chance(0.12) ? rng.int(1, 4) : 0, housingDebt: rng.chance(0.04) },
      housing: {
        situation,
        since: dateYearsAgo(rng, 0.1, 6),
        ...(homeless && rng.chance(0.5) ? { homelessSince: dateYearsAgo(rng, 0.5, 8) } : {}),
        ...(rng.chance(0.5) ? { currentBedrooms: rng.int(0, 3) } : {}),
      },
      needs: {
        solSupport: rng.chance(0.04), lssHousing: rng.chance(0.02), coOccurring: rng.chance(0.03), mentalIllness: rng.chance(0.06), substanceUse: rng.chance(0.04),
        accessibility: rng.chance(0.05) ? ["elevator"] : [], excludedDistricts: rng.chance(0.01) ? ["Vivalla"] : [],
      },
      decisions: {
        ...(homeless && rng.chance(0.15) ? { socialPriority: { grantedOn: dateYearsAgo(rng, 0, 1.5), validUntil: fromDayNumber(asOfDay + rng.int(-60, 400)), grounds: ["social"] } } : {}),
        ...(homeless && rng.chance(0.06) ? { housingFirst: { enrolledOn: dateYearsAgo(rng, 0, 2) } } : {}),
        ...(rng.chance(0.08) ? { rentGuarantee: { status: "approved", maxMonthlySek: rng.int(6000, 12000), months: 6, validUntil: "2028-06-30" } } : {}),
      },
      ...(rng.chance(0.9) ? { queue: { registeredOn: dateYearsAgo(rng, 0, 15) } } : {}),
      residence: { registeredSince: dateYearsAgo(rng, 0, 30) },
      preferences: { ranking: [...ranking].map((a) => `A-${pad(a, 6)}`) },
    };
  }
  const totalObo = [...perDistrict.values()].reduce((s, n) => s + n, 0);
  return {
    schemaVersion: 1,
    asOf: AS_OF,
    seed,
    policy: "orebro",
    households: hh,
    apartments: apts,
    stock: {
      landlords: {
        obo: {
          totalApartments: Math.max(24000, totalObo * 10),
          apartmentsByDistrict: Object.fromEntries(DISTRICTS.map(([d]) => [d, Math.max(2000, (perDistrict.get(d) ?? 0) * 10)])),
          incomePriorityByDistrict: {},
        },
      },
    },
  };
}
