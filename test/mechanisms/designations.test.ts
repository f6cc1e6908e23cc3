import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { capOf, checkDesignations, planDesignations } from "../../src/mechanisms/designations.js";
import { StockSchema } from "../../src/model/apartment.js";
import { makeApartment } from "../fixtures/apartment.js";
import { testPolicy as policy } from "../fixtures/policy.js";

// 002_50ae62936fea26ff.txt: ÖBO may prioritise income from work in at most 10 % of its stock and 80 % of a district.
const stock = (standingVivalla: number, standingCentrum = 0, hf: Record<string, number> = {}) =>
  StockSchema.parse({
    landlords: { obo: { totalApartments: 24000, apartmentsByDistrict: { Vivalla: 1900, Centrum: 5200 }, incomePriorityByDistrict: { Vivalla: standingVivalla, Centrum: standingCentrum } } },
    housingFirstByBuilding: hf,
  });
const ip = (id: string, district = "Vivalla") => makeApartment({ id, district, lettingRule: "income-priority" });

describe("caps: boundary cases (002_50ae62936fea26ff.txt)", () => {
  it("cap is ⌊share × total⌋", () => {
    expect(capOf(0.1, 24000)).toBe(2400);
    expect(capOf(0.8, 1900)).toBe(1520);
    expect(capOf(0.29, 100)).toBe(29);
    expect(capOf(0.1, 9)).toBe(0);
  });

  it("exactly at the landlord cap (10 % of 24 000 = 2 400) is accepted", () => {
    const { issues, usage } = checkDesignations([ip("A-1", "Centrum")], stock(1000, 1399), policy);
    expect(issues).toEqual([]);
    expect(usage.incomePriority[0]!.total).toEqual({ standing: 2399, batch: 1, count: 2400, cap: 2400 });
  });

  it("one over the landlord cap is rejected, naming landlord, count and cap", () => {
    const { issues } = checkDesignations([ip("A-1", "Centrum")], stock(1000, 1400), policy);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: "cap_exceeded", path: ["stock", "landlords", "obo"], expected: { max: 2400 }, received: 2401 });
    expect(issues[0]!.message.en).toContain("obo");
    expect(issues[0]!.message.sv).toContain("2401");
  });

  it("exactly at the district cap (80 % of 1 900 = 1 520) is accepted; one over is rejected", () => {
    expect(checkDesignations([ip("A-1")], stock(1519), policy).issues).toEqual([]);
    const { issues } = checkDesignations([ip("A-1")], stock(1520), policy);
    expect(issues).toEqual([expect.objectContaining({ code: "cap_exceeded", path: ["stock", "landlords", "obo", "apartmentsByDistrict", "Vivalla"], expected: { max: 1520 }, received: 1521 })]);
  });

  it("an income-priority vacancy without stock for its landlord or district is an input issue", () => {
    expect(checkDesignations([makeApartment({ id: "A-1", landlord: "privat", lettingRule: "income-priority" })], stock(0), policy).issues).toEqual([
      expect.objectContaining({ code: "missing_stock", path: ["apartments", 0, "lettingRule"] }),
    ]);
    expect(checkDesignations([ip("A-1", "Oxhagen")], stock(0), policy).issues).toEqual([expect.objectContaining({ code: "missing_stock", path: ["apartments", 0, "district"] })]);
  });

  it("Housing First: one unit per building; a second in the same building is rejected", () => {
    const hf = (id: string, building: string) => makeApartment({ id, building, lettingRule: "housing-first", contract: "second-hand" });
    expect(checkDesignations([hf("A-1", "B-1"), hf("A-2", "B-2")], stock(0), policy).issues).toEqual([]);
    expect(checkDesignations([hf("A-1", "B-1")], stock(0, 0, { "B-1": 1 }), policy).issues).toEqual([
      expect.objectContaining({ code: "cap_exceeded", path: ["stock", "housingFirstByBuilding", "B-1"], expected: { max: 1 }, received: 2 }),
    ]);
    expect(checkDesignations([hf("A-1", "B-1"), hf("A-2", "B-1")], undefined, policy).issues).toHaveLength(1);
  });
});

describe("designation planner", () => {
  it("takes the most-requested district first and refuses the rest with the cap that stopped it", () => {
    // District caps: Vivalla 1 520 (standing 1 519: room for one), Centrum 4 160 (room for many); landlord cap 2 400 (standing 2 397: room for three).
    const vacancies = [ip("A-1"), ip("A-2"), ip("A-3", "Centrum"), ip("A-4", "Centrum"), ip("A-5", "Centrum")].map((a) => ({ ...a, lettingRule: "queue" as const }));
    const wanted = vacancies.map((a) => ({ apartmentId: a.id, lettingRule: "income-priority" as const }));
    const plan = planDesignations(stock(1519, 878), vacancies, wanted, policy);
    expect(plan.accepted.map((w) => w.apartmentId)).toEqual(["A-3", "A-4", "A-5"]);
    expect(plan.refused).toEqual([
      { apartmentId: "A-1", lettingRule: "income-priority", reason: { code: "landlord-cap", landlord: "obo", count: 2401, cap: 2400 } },
      { apartmentId: "A-2", lettingRule: "income-priority", reason: { code: "landlord-cap", landlord: "obo", count: 2401, cap: 2400 } },
    ]);
  });

  it("caps hold for every plan and the plan does not depend on request order", () => {
    const districts = ["Vivalla", "Centrum"];
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1520 }),
        fc.integer({ min: 0, max: 880 }),
        fc.array(fc.record({ d: fc.constantFrom(...districts), b: fc.integer({ min: 0, max: 5 }), hf: fc.boolean() }), { maxLength: 40 }),
        fc.nat(),
        (sv, sc, specs, shuffleSeed) => {
          const s = stock(sv, sc, { "B-0": 1 });
          const vacancies = specs.map((x, i) => makeApartment({ id: `A-${i}`, district: x.d, building: `B-${x.b}` }));
          const wanted = specs.map((x, i) => ({ apartmentId: `A-${i}`, lettingRule: x.hf ? ("housing-first" as const) : ("income-priority" as const) }));
          const plan = planDesignations(s, vacancies, wanted, policy);
          for (const l of plan.usage.incomePriority) {
            expect(l.total.count).toBeLessThanOrEqual(l.total.cap);
            for (const d of l.districts) expect(d.count).toBeLessThanOrEqual(d.cap);
          }
          for (const b of plan.usage.housingFirst) expect(b.count).toBeLessThanOrEqual(b.cap);
          const mix = (id: string) => (Math.imul(Number(id.slice(2)) + 1, 2654435761) ^ shuffleSeed) >>> 0;
          const shuffled = [...wanted].sort((x, y) => mix(x.apartmentId) - mix(y.apartmentId));
          expect(planDesignations(s, vacancies, shuffled, policy)).toEqual(plan);
          // Every accepted plan, applied to the vacancies, passes the same caps the allocation checks.
          const applied = vacancies.map((a) => ({ ...a, lettingRule: wanted.find((w) => w.apartmentId === a.id && plan.accepted.includes(w))?.lettingRule ?? a.lettingRule }));
          expect(checkDesignations(applied, s, policy).issues).toEqual([]);
        },
      ),
    );
  });
});
