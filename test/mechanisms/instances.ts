import fc from "fast-check";
import { HOUSING_SITUATIONS, LETTING_RULES } from "../../src/model/enums.js";

const DISTRICTS = ["Vivalla", "Varberga", "Baronbackarna", "Brickebacken", "Oxhagen", "Centrum", "Adolfsberg"];
const pad = (n: number, w: number) => String(n).padStart(w, "0");
const date = (y0: number, y1: number) =>
  fc.tuple(fc.integer({ min: y0, max: y1 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 })).map(([y, m, d]) => `${y}-${pad(m, 2)}-${pad(d, 2)}`);

/** A vacancy of ÖBO or a private landlord, any letting rule (Housing First vacancies are second-hand, one per building). */
const apartment = (i: number) =>
  fc.record({
    landlord: fc.constantFrom("obo", "obo", "privat-ab"),
    district: fc.constantFrom(...DISTRICTS),
    bedrooms: fc.integer({ min: 0, max: 4 }),
    rent: fc.integer({ min: 3000, max: 9500 }),
    floor: fc.integer({ min: 0, max: 6 }),
    elevator: fc.boolean(),
    wheelchairAccessible: fc.boolean(),
    lettingRule: fc.constantFrom(...LETTING_RULES, "queue", "queue", "queue"),
  }).map((a) => ({
    id: `A-${pad(i, 3)}`,
    landlord: a.lettingRule === "income-priority" ? "obo" : a.landlord,
    district: a.district,
    building: `B-${pad(i, 4)}`,
    rooms: a.bedrooms + 1,
    bedrooms: a.bedrooms,
    areaSqm: 30 + a.bedrooms * 18,
    monthlyRentSek: a.rent,
    floor: a.floor,
    elevator: a.elevator,
    wheelchairAccessible: a.wheelchairAccessible,
    lettingRule: a.lettingRule,
    contract: a.lettingRule === "housing-first" ? "second-hand" : "first-hand",
    availableFrom: "2026-12-01",
  }));

/** Preference lists skewed toward low-numbered apartments: popular vacancies get many applicants. */
const ranking = (apartments: number) =>
  fc.uniqueArray(fc.double({ min: 0, max: 1, noNaN: true }).map((u) => Math.min(apartments - 1, Math.floor(apartments * u * u))), { maxLength: Math.min(8, apartments) }).map((ix) => ix.map((x) => `A-${pad(x, 3)}`));

const household = (i: number, apartments: number) =>
  fc.record({
    adults: fc.array(date(1940, 2005), { minLength: 1, maxLength: 2 }),
    children: fc.array(date(2009, 2025), { maxLength: 4 }),
    income: fc.array(fc.record({ source: fc.constantFrom("employment", "social-assistance", "pension", "sickness-or-activity-compensation", "student-aid"), monthlySek: fc.integer({ min: 0, max: 45000 }) }), { minLength: 1, maxLength: 2 }),
    paymentRemarks: fc.constantFrom(0, 0, 0, 1, 3),
    housingDebt: fc.boolean(),
    situation: fc.constantFrom(...HOUSING_SITUATIONS),
    since: date(2018, 2026),
    currentBedrooms: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
    needs: fc.record({ solSupport: fc.boolean(), lssHousing: fc.boolean(), coOccurring: fc.boolean(), mentalIllness: fc.boolean(), substanceUse: fc.boolean(), accessibility: fc.subarray(["elevator", "wheelchair", "ground-floor"] as const, { maxLength: 1 }) }),
    socialPriority: fc.option(fc.record({ grantedOn: date(2025, 2026), validUntil: date(2026, 2028) }), { nil: undefined, freq: 3 }),
    housingFirst: fc.option(date(2024, 2026), { nil: undefined, freq: 4 }),
    rentGuarantee: fc.option(fc.integer({ min: 3000, max: 15000 }), { nil: undefined, freq: 3 }),
    queue: fc.option(date(2005, 2026), { nil: undefined, freq: 6 }),
    ranking: ranking(apartments),
  }).map((h) => ({
    id: `H-${pad(i, 4)}`,
    members: [...h.adults, ...h.children].map((birthDate) => ({ birthDate })),
    income: h.income,
    credit: { paymentRemarks: h.paymentRemarks, housingDebt: h.housingDebt },
    housing: { situation: h.situation, since: h.since > "2026-11-21" ? "2026-11-21" : h.since, ...(h.currentBedrooms === undefined ? {} : { currentBedrooms: h.currentBedrooms }) },
    needs: h.needs,
    decisions: {
      ...(h.socialPriority ? { socialPriority: { ...h.socialPriority, grounds: ["social"] } } : {}),
      ...(h.housingFirst ? { housingFirst: { enrolledOn: h.housingFirst } } : {}),
      ...(h.rentGuarantee ? { rentGuarantee: { status: "approved", maxMonthlySek: h.rentGuarantee, months: 6, validUntil: "2028-11-01" } } : {}),
    },
    ...(h.queue ? { queue: { registeredOn: h.queue > "2026-11-21" ? "2026-11-21" : h.queue } } : {}),
    residence: { registeredSince: "2015-01-01" },
    preferences: { ranking: h.ranking },
  }));

/** A valid allocation input under the Örebro preset: `households`×`apartments` within the given bounds, caps respected. */
export function allocationInput({ maxHouseholds = 60, maxApartments = 20 } = {}) {
  return fc
    .tuple(fc.integer({ min: 1, max: maxHouseholds }), fc.integer({ min: 1, max: maxApartments }), fc.string({ minLength: 1, maxLength: 12 }))
    .chain(([H, A, seed]) =>
      fc.tuple(fc.tuple(...Array.from({ length: A }, (_, i) => apartment(i))), fc.tuple(...Array.from({ length: H }, (_, i) => household(i, A)))).map(([apartments, households]) => ({
        schemaVersion: 1,
        asOf: "2026-11-21",
        seed,
        policy: "orebro",
        households,
        apartments,
        stock: { landlords: { obo: { totalApartments: 24000, apartmentsByDistrict: Object.fromEntries(DISTRICTS.map((d) => [d, 2000])), incomePriorityByDistrict: {} } } },
      })),
    );
}
