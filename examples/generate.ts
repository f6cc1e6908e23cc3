/**
 * Seeded generator of the bundled example batch: a synthetic, Örebro-like week of social housing
 * allocation (no real people). Same seed, same bytes: `npm run examples:generate`.
 *
 * Figures it leans on: the four homelessness situations and the groups named in Örebro's strategy
 * (000_dd672170781422c7.txt), ÖBO's income-priority rule capped at 10 % of the stock and 80 % of a
 * district (002_50ae62936fea26ff.txt), rent guarantees of six months' rent for two years
 * (003_a6b4b33b68e1eed4.txt).
 */
import { writeFile, mkdir } from "node:fs/promises";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { addMonths, days, fromDayNumber } from "../src/model/date.js";
import type { z } from "zod";
import type { ApartmentSchema } from "../src/model/apartment.js";
import type { HouseholdInput } from "../src/model/household.js";
import { Rng } from "./rng.js";
import type { Accommodation, HousingSituation, IncomeSource, LettingRule } from "../src/model/enums.js";

export const AS_OF = "2026-11-21";
export const SEED = "orebro-2026-w47";


// ---------------------------------------------------------------------------------------------
// The town: districts, landlords, buildings.

interface District {
  name: string;
  /** How many households want to live there, relative (Centrum and Adolfsberg are sought after). */
  popularity: number;
  /** ÖBO's apartments in the district (stock outside this batch). */
  oboStock: number;
  /** Standing income-priority designations, well inside the 80 % district cap. */
  incomePriority: number;
  /** Yearly rent per square metre (SEK). */
  rentPerSqm: number;
  /** Typical storeys of the buildings. */
  floors: readonly [number, number];
}

const DISTRICTS: readonly District[] = [
  { name: "Vivalla", popularity: 0.5, oboStock: 2300, incomePriority: 420, rentPerSqm: 1180, floors: [2, 8] },
  { name: "Varberga", popularity: 0.8, oboStock: 2600, incomePriority: 310, rentPerSqm: 1210, floors: [3, 9] },
  { name: "Baronbackarna", popularity: 0.7, oboStock: 1450, incomePriority: 260, rentPerSqm: 1190, floors: [2, 4] },
  { name: "Brickebacken", popularity: 0.6, oboStock: 1100, incomePriority: 180, rentPerSqm: 1170, floors: [2, 8] },
  { name: "Oxhagen", popularity: 1.3, oboStock: 1300, incomePriority: 150, rentPerSqm: 1260, floors: [3, 8] },
  { name: "Centrum", popularity: 3.2, oboStock: 3900, incomePriority: 0, rentPerSqm: 1520, floors: [3, 6] },
  { name: "Adolfsberg", popularity: 2.4, oboStock: 900, incomePriority: 0, rentPerSqm: 1420, floors: [2, 4] },
  { name: "Markbacken", popularity: 1.0, oboStock: 1200, incomePriority: 90, rentPerSqm: 1240, floors: [3, 7] },
  { name: "Tybble", popularity: 0.9, oboStock: 1000, incomePriority: 60, rentPerSqm: 1230, floors: [3, 8] },
  { name: "Lundby", popularity: 1.1, oboStock: 800, incomePriority: 0, rentPerSqm: 1300, floors: [2, 5] },
  { name: "Rynninge", popularity: 1.6, oboStock: 600, incomePriority: 0, rentPerSqm: 1380, floors: [2, 4] },
];

const OBO_TOTAL = 24_000;
/** ÖBO's Housing First tenancies already in the stock (one per building: scattering). */
const STANDING_HOUSING_FIRST = ["B-0106", "B-0305", "B-0502", "B-0803", "B-1004"];

interface Landlord {
  id: string;
  vacancies: number;
  districts: readonly string[];
}

const PRIVATE_LANDLORDS: readonly Landlord[] = [
  { id: "narkehem", vacancies: 6, districts: ["Centrum", "Oxhagen", "Lundby", "Rynninge"] },
  { id: "svartan-fastigheter", vacancies: 4, districts: ["Centrum", "Adolfsberg", "Markbacken"] },
  { id: "kvarnen-bostader", vacancies: 3, districts: ["Varberga", "Tybble", "Baronbackarna"] },
];

const building = (districtIndex: number, n: number, landlord: string): string =>
  landlord === "obo" ? `B-${String(districtIndex + 1).padStart(2, "0")}${String(n).padStart(2, "0")}` : `B-${landlord.slice(0, 2).toUpperCase()}${districtIndex + 1}${n}`;

// ---------------------------------------------------------------------------------------------
// Vacancies.

/** A vacancy as the input contract takes it (the schema is the type). */
type ApartmentOut = z.input<typeof ApartmentSchema>;

const AREA_BY_ROOMS: Record<number, readonly [number, number]> = { 1: [26, 40], 2: [44, 62], 3: [64, 80], 4: [81, 98], 5: [99, 118] };

/** ÖBO's letting rules for its 48 vacancies this week: mostly the queue. */
const OBO_RULES: readonly LettingRule[] = [
  ...Array<LettingRule>(26).fill("queue"),
  ...Array<LettingRule>(7).fill("income-priority"),
  ...Array<LettingRule>(6).fill("social-priority"),
  ...Array<LettingRule>(4).fill("housing-first"),
  ...Array<LettingRule>(2).fill("lss"),
  ...Array<LettingRule>(3).fill("senior"),
];

function generateApartments(rng: Rng): ApartmentOut[] {
  const out: Omit<ApartmentOut, "id">[] = [];
  const usedHousingFirstBuildings = new Set(STANDING_HOUSING_FIRST);
  const districtIndex = (name: string): number => DISTRICTS.findIndex((d) => d.name === name);

  const make = (landlord: string, district: District, rule: LettingRule): Omit<ApartmentOut, "id"> => {
    const di = districtIndex(district.name);
    const rooms =
      rule === "senior" ? rng.weighted([[2, 3], [3, 1]] as const)
      : rule === "lss" ? rng.weighted([[1, 2], [2, 1]] as const)
      : rule === "housing-first" ? rng.weighted([[1, 3], [2, 2]] as const)
      : rng.weighted([[1, 3], [2, 4], [3, 3], [4, 2], [5, 0.6]] as const);
    const [minArea, maxArea] = AREA_BY_ROOMS[rooms] ?? [40, 60];
    const areaSqm = rng.int(minArea, maxArea);
    const storeys = rng.int(district.floors[0], district.floors[1]);
    const needsLowFloor = rule === "lss" || rule === "senior";
    const floor = needsLowFloor ? rng.int(0, Math.min(2, storeys - 1)) : rng.int(0, storeys - 1);
    const elevator = rule === "senior" || rule === "lss" || storeys >= 5 || rng.chance(0.25);
    const wheelchairAccessible = rule === "lss" ? true : (elevator || floor === 0) && rng.chance(0.15);
    // Newer or renovated buildings cost more per square metre.
    const standard = rng.weighted([[1, 6], [1.08, 3], [1.22, 1]] as const);
    const monthlyRentSek = rng.roundTo((areaSqm * district.rentPerSqm * standard) / 12, 10);
    // Housing First: one unit per building, never in a building that already has one.
    let b = building(di, rng.int(1, 12), landlord);
    if (rule === "housing-first") {
      while (usedHousingFirstBuildings.has(b)) b = building(di, rng.int(1, 12), landlord);
      usedHousingFirstBuildings.add(b);
    }
    return {
      landlord,
      district: district.name,
      building: b,
      rooms,
      bedrooms: rooms - 1,
      areaSqm,
      monthlyRentSek,
      floor,
      elevator,
      wheelchairAccessible,
      lettingRule: rule,
      contract: rule === "housing-first" || (rule === "social-priority" && rng.chance(0.3)) ? "second-hand" : "first-hand",
      availableFrom: rng.pick(["2026-12-01", "2026-12-15", "2027-01-01", "2027-01-01", "2027-01-15", "2027-02-01"]),
    };
  };

  // Income priority goes to districts where it serves integration and has room under the caps.
  const incomePriorityDistricts = DISTRICTS.filter((d) => d.incomePriority > 0 && d.popularity < 1.2);
  const housingFirstDistricts = new Set<string>();
  for (const rule of OBO_RULES) {
    // Housing First is scattered: one new unit per district in this batch.
    const pool = rule === "income-priority" ? incomePriorityDistricts : rule === "housing-first" ? DISTRICTS.filter((d) => !housingFirstDistricts.has(d.name)) : DISTRICTS;
    const district = rng.weighted(pool.map((d) => [d, 1 + d.oboStock / 1000] as const));
    if (rule === "housing-first") housingFirstDistricts.add(district.name);
    out.push(make("obo", district, rule));
  }
  for (const landlord of PRIVATE_LANDLORDS) {
    for (let i = 0; i < landlord.vacancies; i++) {
      const district = DISTRICTS[districtIndex(rng.pick(landlord.districts))]!;
      out.push(make(landlord.id, district, i === 0 && landlord.id === "narkehem" ? "social-priority" : "queue"));
    }
  }
  // Ids in a stable, readable order: by district, then landlord, then rent.
  out.sort((a, b) => cmp(a.district, b.district) || cmp(a.landlord, b.landlord) || a.monthlyRentSek - b.monthlyRentSek || cmp(a.building, b.building));
  return out.map((a, i) => ({ id: `A-${String(i + 1).padStart(3, "0")}`, ...a }));
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

// ---------------------------------------------------------------------------------------------
// Households.

type Shape = "single" | "couple" | "single-parent" | "couple-children" | "pensioner" | "young-adult";

interface Plan {
  situation: HousingSituation;
  accommodations: readonly (readonly [Accommodation, number])[];
  count: number;
  shapes: readonly (readonly [Shape, number])[];
}

/** How the 300 households spread over the situations (Socialstyrelsen 1–4, eviction risk, housed). */
const PLANS: readonly Plan[] = [
  {
    situation: "acute",
    count: 62,
    accommodations: [["shelter", 4], ["hotel", 3], ["hostel", 2], ["emergency-housing", 3], ["protected-housing", 2], ["rough-sleeping", 1]],
    shapes: [["single", 7], ["single-parent", 2], ["couple-children", 1], ["young-adult", 1]],
  },
  {
    situation: "institution",
    count: 38,
    accommodations: [["prison", 3], ["hvb", 3], ["sis", 1], ["family-home", 1], ["supported-housing", 2], ["hospital", 1]],
    shapes: [["single", 7], ["young-adult", 3]],
  },
  {
    situation: "municipal-arrangement",
    count: 60,
    accommodations: [["training-apartment", 3], ["social-contract", 4], ["trial-apartment", 1]],
    shapes: [["single", 5], ["single-parent", 3], ["couple-children", 2], ["couple", 1], ["pensioner", 1]],
  },
  {
    situation: "own-short-term",
    count: 62,
    accommodations: [["friends-family", 4], ["short-sublet", 2]],
    shapes: [["single", 4], ["young-adult", 3], ["single-parent", 2], ["couple-children", 1], ["couple", 1]],
  },
  {
    situation: "eviction-risk",
    count: 28,
    accommodations: [["own-rental", 1]],
    shapes: [["single", 3], ["single-parent", 2], ["couple-children", 2], ["pensioner", 1]],
  },
  {
    situation: "housed",
    count: 50,
    accommodations: [["own-rental", 5], ["own-home", 1]],
    shapes: [["couple-children", 4], ["single-parent", 2], ["pensioner", 2], ["couple", 2], ["single", 1]],
  },
];

type Member = HouseholdOut["members"][number];

/** A household as the input contract takes it. */
type HouseholdOut = HouseholdInput;

const yearsBefore = (rng: Rng, minYears: number, maxYears: number): string =>
  fromDayNumber(days(AS_OF) - rng.int(Math.round(minYears * 365.25), Math.round(maxYears * 365.25)));

function adult(rng: Rng, minAge: number, maxAge: number, gender?: Member["gender"]): Member {
  return { birthDate: yearsBefore(rng, minAge + 0.01, maxAge + 0.99), gender: gender ?? rng.weighted([["male", 5], ["female", 4], ["other", 0.1], ["unknown", 0.1]] as const) };
}

function children(rng: Rng, parentAge: number): Member[] {
  const n = rng.weighted([[1, 4], [2, 4], [3, 2], [4, 0.7], [5, 0.3]] as const);
  const oldest = Math.max(0, Math.min(17, parentAge - 19));
  return Array.from({ length: n }, () => ({
    birthDate: yearsBefore(rng, 0.05, oldest + 0.99),
    gender: rng.weighted([["female", 1], ["male", 1]] as const),
  }));
}

function members(rng: Rng, shape: Shape): Member[] {
  switch (shape) {
    case "single":
      return [adult(rng, 22, 62)];
    case "young-adult":
      return [adult(rng, 18, 24)];
    case "couple":
      return [adult(rng, 23, 64, "female"), adult(rng, 23, 66, "male")];
    case "pensioner":
      return rng.chance(0.7) ? [adult(rng, 66, 88)] : [adult(rng, 65, 85, "female"), adult(rng, 65, 88, "male")];
    case "single-parent": {
      const parent = adult(rng, 21, 52, rng.weighted([["female", 4], ["male", 1]] as const));
      return [parent, ...children(rng, ageOf(parent))];
    }
    case "couple-children": {
      const a = adult(rng, 22, 52, "female");
      return [a, adult(rng, 22, 56, "male"), ...children(rng, ageOf(a))];
    }
  }
}

const ageOf = (m: Member): number => Math.floor((days(AS_OF) - days(m.birthDate)) / 365.25);
const childCount = (ms: readonly Member[]): number => ms.filter((m) => ageOf(m) < 18).length;
const adultCount = (ms: readonly Member[]): number => ms.length - childCount(ms);

/** Social assistance (försörjningsstöd) roughly on the national norm plus housing costs, by household. */
function socialAssistance(rng: Rng, ms: readonly Member[]): number {
  return rng.roundTo(4_400 * adultCount(ms) + 3_100 * childCount(ms) + rng.int(0, 3_500), 50);
}

function income(rng: Rng, situation: HousingSituation, shape: Shape, ms: readonly Member[]): HouseholdOut["income"] {
  const out: HouseholdOut["income"] = [];
  const homeless = situation !== "housed" && situation !== "eviction-risk";
  for (let i = 0; i < adultCount(ms); i++) {
    if (shape === "pensioner") {
      out.push({ source: "pension", monthlySek: rng.roundTo(rng.int(11_500, 24_000), 100) });
      continue;
    }
    const source = rng.weighted<IncomeSource | "none">(
      homeless
        ? [["none", 5], ["employment", 2.2], ["sickness-or-activity-compensation", 1.5], ["unemployment-insurance", 0.8], ["establishment-benefit", 0.6], ["student-aid", 0.4], ["self-employment", 0.2], ["parental-benefit", 0.3], ["other", 0.2]]
        : [["employment", 7], ["self-employment", 0.6], ["sickness-or-activity-compensation", 1], ["unemployment-insurance", 0.8], ["parental-benefit", 0.7], ["student-aid", 0.4], ["none", 0.8]],
    );
    const amount: Record<IncomeSource | "none", readonly [number, number]> = {
      none: [0, 0],
      employment: homeless ? [9_000, 27_000] : [17_000, 42_000],
      "self-employment": [8_000, 30_000],
      pension: [11_500, 24_000],
      "sickness-or-activity-compensation": [9_500, 15_500],
      "unemployment-insurance": [12_000, 22_000],
      "parental-benefit": [9_000, 26_000],
      "student-aid": [10_000, 13_600],
      "establishment-benefit": [6_800, 9_200],
      "social-assistance": [0, 0],
      other: [2_000, 8_000],
    };
    if (source !== "none") {
      const [lo, hi] = amount[source];
      out.push({ source, monthlySek: rng.roundTo(rng.int(lo, hi), 100) });
    }
  }
  const total = out.reduce((s, i) => s + i.monthlySek, 0);
  const needsAssistance = total < 7_000 * adultCount(ms) + 3_000 * childCount(ms);
  if (needsAssistance && (homeless || rng.chance(0.5))) out.push({ source: "social-assistance", monthlySek: socialAssistance(rng, ms) });
  if (childCount(ms) > 0 && rng.chance(0.3)) out.push({ source: "other", monthlySek: 1_250 * childCount(ms) }); // e.g. child allowance
  return out;
}

function generateHouseholds(rng: Rng, apartments: readonly ApartmentOut[]): HouseholdOut[] {
  const out: HouseholdOut[] = [];
  for (const plan of PLANS) {
    for (let i = 0; i < plan.count; i++) out.push(household(rng, plan));
  }
  // Interleave situations so ids do not reveal the situation (H-0001 is not "the first acute case").
  const order = out.map((h, i) => ({ h, key: rng.int(0, 2 ** 30) * 1000 + i }));
  order.sort((a, b) => a.key - b.key);
  return order.map(({ h }, i) => {
    // Keys in the contract's order (DESIGN section 3), so the file reads like the documentation.
    const { members, income, credit, housing, needs, decisions, queue, residence } = h;
    return {
      id: `H-${String(i + 1).padStart(4, "0")}`,
      members,
      income,
      credit,
      housing,
      ...(needs ? { needs } : {}),
      ...(decisions ? { decisions } : {}),
      ...(queue ? { queue } : {}),
      ...(residence ? { residence } : {}),
      preferences: { ranking: rankApartments(rng, h, apartments) },
    };
  });
}

function household(rng: Rng, plan: Plan): HouseholdOut {
  const shape = rng.weighted(plan.shapes);
  const ms = members(rng, shape);
  const situation = plan.situation;
  const accommodation = rng.weighted(plan.accommodations);
  const homeless = situation !== "housed" && situation !== "eviction-risk";
  const kids = childCount(ms);

  // Dates: current situation since, continuous homelessness since (possibly earlier).
  const since =
    situation === "acute" ? yearsBefore(rng, 0.02, 1)
    : situation === "institution" ? yearsBefore(rng, 0.1, 2.5)
    : situation === "municipal-arrangement" ? yearsBefore(rng, 0.2, 4)
    : situation === "own-short-term" ? yearsBefore(rng, 0.05, 1.5)
    : yearsBefore(rng, 1, 15);
  const housing: HouseholdOut["housing"] = { situation, since };
  if (homeless) {
    housing.homelessSince = rng.chance(0.35) ? fromDayNumber(days(since) - rng.int(30, 1100)) : since;
  }
  housing.accommodation = accommodation;
  if (situation === "institution") housing.moveOutBy = fromDayNumber(days(AS_OF) + rng.int(7, 90));
  // Bedrooms now: known for those with a dwelling of their own or a municipal flat; families are often overcrowded.
  if (situation === "housed" || situation === "eviction-risk" || situation === "municipal-arrangement" || (situation === "own-short-term" && kids > 0)) {
    const enough = Math.max(1, Math.ceil((ms.length - 1) / 2));
    housing.currentBedrooms = kids > 0 && rng.chance(0.35) ? Math.max(0, enough - rng.int(1, 2)) : rng.int(Math.max(0, enough - 1), enough + 1);
  }

  // Needs: support under SoL, LSS, co-occurring substance use and mental illness, accessibility, threat.
  const needs: NonNullable<HouseholdOut["needs"]> = {};
  const longHomeless = homeless && days(AS_OF) - days(housing.homelessSince ?? since) > 365;
  const coOccurring = homeless && kids === 0 && rng.chance(situation === "acute" ? 0.3 : situation === "institution" ? 0.35 : 0.1);
  if (coOccurring) Object.assign(needs, { coOccurring: true, mentalIllness: true, substanceUse: true });
  else {
    if (rng.chance(homeless ? 0.18 : 0.06)) needs.mentalIllness = true;
    if (homeless && kids === 0 && rng.chance(0.12)) needs.substanceUse = true;
  }
  if (rng.chance(coOccurring ? 0.75 : homeless ? 0.2 : 0.05)) needs.solSupport = true;
  if (!coOccurring && rng.chance(situation === "institution" || situation === "municipal-arrangement" ? 0.08 : 0.02)) {
    needs.lssHousing = true;
    if (rng.chance(0.5)) needs.accessibility = ["wheelchair"];
  }
  if (shape === "pensioner" && !needs.accessibility) needs.accessibility = rng.chance(0.6) ? ["elevator"] : rng.chance(0.5) ? ["elevator", "ground-floor"] : [];
  else if (!needs.accessibility && rng.chance(0.04)) needs.accessibility = [rng.pick(["elevator", "ground-floor", "wheelchair"] as const)];
  if (needs.accessibility?.length === 0) delete needs.accessibility;
  const threatened = accommodation === "protected-housing" || (homeless && rng.chance(0.04));
  if (threatened) {
    const home = rng.pick(DISTRICTS).name;
    const second = rng.pick(DISTRICTS).name;
    needs.excludedDistricts = second === home || rng.chance(0.5) ? [home] : [home, second];
  }

  // Decisions: social priority (some expired), Housing First, municipal rent guarantee.
  const decisions: NonNullable<HouseholdOut["decisions"]> = {};
  const priorityLikely = threatened ? 0.85 : kids > 0 && homeless ? 0.3 : needs.lssHousing || needs.mentalIllness ? 0.2 : homeless ? 0.08 : situation === "eviction-risk" ? 0.15 : 0.01;
  if (rng.chance(priorityLikely)) {
    const grantedOn = yearsBefore(rng, 0.05, 1.15);
    const grounds: ("medical" | "social" | "threat")[] = threatened ? ["threat"] : needs.lssHousing || needs.mentalIllness || needs.accessibility ? ["medical"] : ["social"];
    if (!threatened && kids > 0 && rng.chance(0.3)) grounds.push(grounds[0] === "social" ? "medical" : "social");
    decisions.socialPriority = { grantedOn, validUntil: addMonths(grantedOn, 12), grounds };
  }
  const housingFirst = homeless && kids === 0 && !needs.lssHousing && (coOccurring || needs.mentalIllness || needs.substanceUse) && longHomeless && rng.chance(0.4);
  if (housingFirst) {
    const enrolledOn = yearsBefore(rng, 0.05, 1.5);
    decisions.housingFirst = rng.chance(0.06) ? { enrolledOn, endedOn: fromDayNumber(Math.min(days(AS_OF), days(enrolledOn) + rng.int(60, 300))) } : { enrolledOn };
  }
  // Whether the household could carry a rent with a guarantee behind it (pensioners always can).
  const canPay = shape === "pensioner" || rng.chance(0.5);
  const remarks = rng.chance(homeless ? 0.55 : situation === "eviction-risk" ? 0.7 : 0.1) ? rng.weighted([[1, 3], [2, 2], [3, 1.5], [5, 1], [9, 0.5]] as const) : 0;
  const housingDebt = remarks > 0 && rng.chance(situation === "eviction-risk" ? 0.7 : 0.3);
  // Förtur holders who fail a landlord's criteria are the guarantee's main users (003_a6b4b33b68e1eed4.txt).
  if ((remarks > 0 || homeless) && (canPay || decisions.socialPriority) && rng.chance(decisions.socialPriority ? 0.55 : 0.2)) {
    const grantedOn = yearsBefore(rng, 0.05, 1.2);
    const status = rng.weighted([["approved", 8], ["applied", 1.5], ["rejected", 0.8], ["ended", 0.5]] as const);
    const maxMonthlySek = rng.roundTo(rng.int(6_500, 11_500), 100);
    decisions.rentGuarantee = status === "applied"
      ? { status, maxMonthlySek, months: 6, validUntil: addMonths(AS_OF, 24) }
      : { status, maxMonthlySek, months: 6, validUntil: addMonths(grantedOn, status === "ended" ? 6 : 24), grantedOn };
  }

  const h: HouseholdOut = {
    id: "",
    members: ms,
    income: income(rng, situation, shape, ms),
    credit: { paymentRemarks: remarks, housingDebt },
    housing,
    preferences: { ranking: [] },
  };
  if (Object.keys(needs).length > 0) h.needs = needs;
  if (Object.keys(decisions).length > 0) h.decisions = decisions;
  // Queue: most are registered; those long in the municipality have long queue times.
  const residenceYears = rng.chance(0.12) ? rng.int(0, 1) : rng.int(2, 40);
  const residenceSince = fromDayNumber(Math.max(days(ms[0]!.birthDate), days(AS_OF) - Math.round(residenceYears * 365.25) - rng.int(0, 300)));
  if (rng.chance(0.93)) h.residence = { registeredSince: residenceSince };
  if (rng.chance(homeless ? 0.7 : 0.9)) {
    const adultSince = days(ms[0]!.birthDate) + Math.round(18 * 365.25);
    const earliest = Math.max(adultSince, days(AS_OF) - 20 * 365);
    h.queue = { registeredOn: fromDayNumber(rng.int(Math.min(earliest, days(AS_OF)), days(AS_OF))) };
  }
  return h;
}

/** Whether a household would plausibly list an apartment at all (size, age rules, its own letting rule, safety). */
function plausible(h: HouseholdOut, a: ApartmentOut): boolean {
  if (h.needs?.excludedDistricts?.includes(a.district)) return false;
  const kids = childCount(h.members);
  const persons = h.members.length;
  if (kids > 0 && a.bedrooms < Math.ceil((persons - 1) / 2)) return false;
  if (kids === 0 && a.rooms > 3) return false;
  if (a.lettingRule === "lss" && !h.needs?.lssHousing) return false;
  if (a.lettingRule === "senior" && !h.members.some((m) => ageOf(m) >= 60)) return false;
  if (a.lettingRule === "housing-first" && !h.decisions?.housingFirst) return false;
  if (a.lettingRule === "social-priority" && !h.decisions?.socialPriority) return false;
  if (h.needs?.accessibility?.includes("wheelchair") && !a.wheelchairAccessible) return false;
  return true;
}

/** 1–10 choices, drawn by popularity (district × a per-apartment appeal), without repeats. */
function rankApartments(rng: Rng, h: HouseholdOut, apartments: readonly ApartmentOut[]): string[] {
  const candidates = apartments.filter((a) => plausible(h, a));
  const pool = candidates.length > 0 ? candidates : apartments.filter((a) => !h.needs?.excludedDistricts?.includes(a.district));
  const want = Math.min(pool.length, rng.weighted([[1, 1], [2, 1.5], [3, 2], [4, 2], [5, 2], [6, 1.5], [7, 1], [8, 0.8], [9, 0.5], [10, 0.8]] as const));
  const weights = new Map(pool.map((a) => [a.id, weightOf(a, h)]));
  const chosen: string[] = [];
  while (chosen.length < want) {
    const left = pool.filter((a) => !chosen.includes(a.id));
    chosen.push(rng.weighted(left.map((a) => [a.id, weights.get(a.id) ?? 1] as const)));
  }
  return chosen;
}

const APPEAL = new Map<string, number>();
function weightOf(a: ApartmentOut, h: HouseholdOut): number {
  const district = DISTRICTS.find((d) => d.name === a.district)!;
  const appeal = APPEAL.get(a.id) ?? 1;
  // Those on their own letting rule aim for it first; cheaper flats draw households on social assistance.
  const own = a.lettingRule !== "queue" && a.lettingRule !== "income-priority" ? 3 : 1;
  const lowIncome = h.income.some((i) => i.source === "social-assistance") && a.monthlyRentSek < 7_000 ? 1.6 : 1;
  return district.popularity * appeal * own * lowIncome;
}

// ---------------------------------------------------------------------------------------------

/** The whole batch, as the JSON document `allocate` reads. */
export function generateOrebroBatch(seed: string = SEED): Record<string, unknown> {
  const rng = new Rng(seed);
  APPEAL.clear();
  const apartments = generateApartments(rng);
  // A few flats are much more wanted than the rest (a balcony, a view, a new kitchen).
  for (const a of apartments) APPEAL.set(a.id, rng.chance(0.12) ? 2.5 + rng.int(0, 3) : 0.5 + rng.unit());
  const households = generateHouseholds(rng, apartments);

  const apartmentsByDistrict: Record<string, number> = {};
  const incomePriorityByDistrict: Record<string, number> = {};
  for (const d of DISTRICTS) {
    apartmentsByDistrict[d.name] = d.oboStock;
    if (d.incomePriority > 0) incomePriorityByDistrict[d.name] = d.incomePriority;
  }
  return {
    schemaVersion: 1,
    asOf: AS_OF,
    seed,
    policy: "orebro",
    households,
    apartments,
    stock: {
      landlords: { obo: { totalApartments: OBO_TOTAL, apartmentsByDistrict, incomePriorityByDistrict } },
      housingFirstByBuilding: Object.fromEntries(STANDING_HOUSING_FIRST.map((b) => [b, 1])),
    },
  };
}

export const OUTPUT = fileURLToPath(new URL("./data/orebro-batch.json", import.meta.url));

async function main(): Promise<void> {
  const text = `${JSON.stringify(generateOrebroBatch(), null, 2)}\n`;
  await mkdir(fileURLToPath(new URL("./data/", import.meta.url)), { recursive: true });
  await writeFile(OUTPUT, text, "utf8");
  process.stdout.write(`wrote ${OUTPUT} (${text.length} bytes)\n`);
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === resolve(process.argv[1])) await main();
