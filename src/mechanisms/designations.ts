import type { Apartment, Stock } from "../model/apartment.js";
import { type Issue, issue } from "../model/issue.js";
import type { Policy } from "../model/policy.js";

/** A share of a stock as a whole-number cap: ⌊share × total⌋ (the tolerance absorbs float error such as 0.29 × 100). */
export const capOf = (share: number, total: number): number => Math.floor(share * total + 1e-9);

export interface CountUsage {
  /** Designations already standing in the stock, outside this batch. */
  standing: number;
  /** Vacancies in this batch carrying the letting rule. */
  batch: number;
  count: number;
  cap: number;
}

/** Cap usage reported with every result (DESIGN section 4, `designations`). */
export interface DesignationUsage {
  incomePriority: {
    landlord: string;
    totalApartments: number;
    maxShare: number;
    total: CountUsage;
    districts: (CountUsage & { district: string; apartments: number; maxShare: number })[];
  }[];
  housingFirst: (CountUsage & { building: string })[];
}

type Designation = "income-priority" | "housing-first";

/** Why the planner refused a designation (or why a given designation breaks a cap). */
export type Refusal =
  | { code: "unknown-apartment"; apartmentId: string }
  | { code: "missing-stock"; landlord: string; district?: string }
  | { code: "landlord-cap"; landlord: string; count: number; cap: number }
  | { code: "district-cap"; landlord: string; district: string; count: number; cap: number }
  | { code: "building-cap"; building: string; count: number; cap: number };

/** Running counts of income-priority designations (per landlord and district) and Housing First units (per building). */
class Ledger {
  private readonly landlordBatch = new Map<string, number>();
  private readonly districtBatch = new Map<string, Map<string, number>>();
  private readonly buildingBatch = new Map<string, number>();

  constructor(
    private readonly stock: Stock | undefined,
    private readonly policy: Policy,
  ) {}

  standingOf(landlord: string): number {
    const byDistrict = this.stock?.landlords[landlord]?.incomePriorityByDistrict ?? {};
    return Object.values(byDistrict).reduce((s, n) => s + n, 0);
  }

  /** The refusal adding this designation would cause, or undefined if it fits every cap. */
  wouldRefuse(a: Pick<Apartment, "landlord" | "district" | "building">, rule: Designation): Refusal | undefined {
    if (rule === "housing-first") {
      const count = (this.stock?.housingFirstByBuilding[a.building] ?? 0) + (this.buildingBatch.get(a.building) ?? 0) + 1;
      const cap = this.policy.housingFirst.maxUnitsPerBuilding;
      return count > cap ? { code: "building-cap", building: a.building, count, cap } : undefined;
    }
    const landlord = this.stock?.landlords[a.landlord];
    if (!landlord) return { code: "missing-stock", landlord: a.landlord };
    const districtTotal = landlord.apartmentsByDistrict[a.district];
    if (districtTotal === undefined) return { code: "missing-stock", landlord: a.landlord, district: a.district };
    const count = this.standingOf(a.landlord) + (this.landlordBatch.get(a.landlord) ?? 0) + 1;
    const cap = capOf(this.policy.incomePriority.maxShareOfLandlordStock, landlord.totalApartments);
    if (count > cap) return { code: "landlord-cap", landlord: a.landlord, count, cap };
    const dCount = (landlord.incomePriorityByDistrict[a.district] ?? 0) + (this.districtBatch.get(a.landlord)?.get(a.district) ?? 0) + 1;
    const dCap = capOf(this.policy.incomePriority.maxShareOfDistrict, districtTotal);
    if (dCount > dCap) return { code: "district-cap", landlord: a.landlord, district: a.district, count: dCount, cap: dCap };
    return undefined;
  }

  add(a: Pick<Apartment, "landlord" | "district" | "building">, rule: Designation): void {
    if (rule === "housing-first") {
      this.buildingBatch.set(a.building, (this.buildingBatch.get(a.building) ?? 0) + 1);
      return;
    }
    this.landlordBatch.set(a.landlord, (this.landlordBatch.get(a.landlord) ?? 0) + 1);
    const d = this.districtBatch.get(a.landlord) ?? new Map<string, number>();
    d.set(a.district, (d.get(a.district) ?? 0) + 1);
    this.districtBatch.set(a.landlord, d);
  }

  usage(): DesignationUsage {
    const { incomePriority, housingFirst } = this.policy;
    const landlords = [...new Set([...Object.keys(this.stock?.landlords ?? {}), ...this.landlordBatch.keys()])].sort(byCodePoint);
    const out: DesignationUsage = { incomePriority: [], housingFirst: [] };
    for (const name of landlords) {
      const l = this.stock?.landlords[name];
      if (!l) continue;
      const standing = this.standingOf(name);
      const batch = this.landlordBatch.get(name) ?? 0;
      const districts = [...new Set([...Object.keys(l.apartmentsByDistrict), ...Object.keys(l.incomePriorityByDistrict), ...(this.districtBatch.get(name)?.keys() ?? [])])].sort(byCodePoint);
      out.incomePriority.push({
        landlord: name,
        totalApartments: l.totalApartments,
        maxShare: incomePriority.maxShareOfLandlordStock,
        total: { standing, batch, count: standing + batch, cap: capOf(incomePriority.maxShareOfLandlordStock, l.totalApartments) },
        districts: districts.map((district) => {
          const s = l.incomePriorityByDistrict[district] ?? 0;
          const b = this.districtBatch.get(name)?.get(district) ?? 0;
          const apartments = l.apartmentsByDistrict[district] ?? 0;
          return { district, apartments, maxShare: incomePriority.maxShareOfDistrict, standing: s, batch: b, count: s + b, cap: capOf(incomePriority.maxShareOfDistrict, apartments) };
        }),
      });
    }
    const buildings = [...new Set([...Object.keys(this.stock?.housingFirstByBuilding ?? {}), ...this.buildingBatch.keys()])].sort(byCodePoint);
    for (const building of buildings) {
      const standing = this.stock?.housingFirstByBuilding[building] ?? 0;
      const batch = this.buildingBatch.get(building) ?? 0;
      out.housingFirst.push({ building, standing, batch, count: standing + batch, cap: housingFirst.maxUnitsPerBuilding });
    }
    return out;
  }
}

const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Checks the batch's income-priority and Housing First vacancies against the caps on `stock` (DESIGN section 6),
 * before any matching. Returns the usage and an issue for every cap broken or that cannot be checked.
 */
export function checkDesignations(apartments: readonly Apartment[], stock: Stock | undefined, policy: Policy): { usage: DesignationUsage; issues: Issue[] } {
  const ledger = new Ledger(stock, policy);
  const issues: Issue[] = [];
  apartments.forEach((a, i) => {
    if (a.lettingRule !== "income-priority" && a.lettingRule !== "housing-first") return;
    const refusal = ledger.wouldRefuse(a, a.lettingRule);
    if (refusal?.code === "missing-stock") {
      issues.push(missingStock(refusal, i));
      return;
    }
    ledger.add(a, a.lettingRule);
  });
  const usage = ledger.usage();
  for (const l of usage.incomePriority) {
    if (l.total.count > l.total.cap) {
      issues.push(
        issue("cap_exceeded", ["stock", "landlords", l.landlord], `Inkomstprioritering hos ${l.landlord}: ${l.total.count} lägenheter, men högst ${l.total.cap} (${pct(l.maxShare)} av ${l.totalApartments}) är tillåtet.`, `Income priority at ${l.landlord}: ${l.total.count} apartments, but at most ${l.total.cap} (${pct(l.maxShare)} of ${l.totalApartments}) are allowed.`, { expected: { max: l.total.cap }, received: l.total.count }),
      );
    }
    for (const d of l.districts) {
      if (d.count > d.cap) {
        issues.push(
          issue("cap_exceeded", ["stock", "landlords", l.landlord, "apartmentsByDistrict", d.district], `Inkomstprioritering hos ${l.landlord} i ${d.district}: ${d.count} lägenheter, men högst ${d.cap} (${pct(d.maxShare)} av ${d.apartments}) är tillåtet.`, `Income priority at ${l.landlord} in ${d.district}: ${d.count} apartments, but at most ${d.cap} (${pct(d.maxShare)} of ${d.apartments}) are allowed.`, { expected: { max: d.cap }, received: d.count }),
        );
      }
    }
  }
  for (const b of usage.housingFirst) {
    if (b.count > b.cap) {
      issues.push(
        issue("cap_exceeded", ["stock", "housingFirstByBuilding", b.building], `Bostad Först i fastighet ${b.building}: ${b.count} lägenheter, men högst ${b.cap} per fastighet (lägenheterna ska vara spridda i det ordinarie beståndet).`, `Housing First in building ${b.building}: ${b.count} apartments, but at most ${b.cap} per building (apartments are scattered in the ordinary stock).`, { expected: { max: b.cap }, received: b.count }),
      );
    }
  }
  return { usage, issues };
}

function missingStock(r: Extract<Refusal, { code: "missing-stock" }>, index: number): Issue {
  return r.district === undefined
    ? issue("missing_stock", ["apartments", index, "lettingRule"], `Inkomstprioriterad lägenhet hos ${r.landlord}, men indata saknar bestånd (stock) för ${r.landlord}: taket på 10 % kan inte kontrolleras.`, `Income-priority vacancy at ${r.landlord}, but the input has no stock for ${r.landlord}: the cap cannot be checked.`, { expected: `stock.landlords.${r.landlord}` })
    : issue("missing_stock", ["apartments", index, "district"], `Inkomstprioriterad lägenhet i ${r.district}, men beståndet för ${r.landlord} saknar antal lägenheter i ${r.district}: taket per stadsdel kan inte kontrolleras.`, `Income-priority vacancy in ${r.district}, but ${r.landlord}'s stock has no apartment count for ${r.district}: the district cap cannot be checked.`, { expected: `stock.landlords.${r.landlord}.apartmentsByDistrict.${r.district}` });
}

const pct = (share: number): string => `${Math.round(share * 1000) / 10} %`;

export interface DesignationRequest {
  apartmentId: string;
  lettingRule: Designation;
}

export interface DesignationPlan {
  accepted: DesignationRequest[];
  refused: (DesignationRequest & { reason: Refusal })[];
  usage: DesignationUsage;
}

/**
 * Proposes which vacancies may take the income-priority or Housing First rule within the caps.
 * Requests are taken district by district, the most-requested district first (then by name), and by apartment id within
 * a district, so the plan is deterministic and independent of input order. Vacancies already designated in `vacancies` count first.
 *
 * @example planDesignations(stock, vacancies, [{ apartmentId: "A-017", lettingRule: "income-priority" }], orebro)
 */
export function planDesignations(stock: Stock | undefined, vacancies: readonly Apartment[], wanted: readonly DesignationRequest[], policy: Policy): DesignationPlan {
  const ledger = new Ledger(stock, policy);
  const byId = new Map(vacancies.map((a) => [a.id, a]));
  const requested = new Set(wanted.map((w) => w.apartmentId));
  for (const a of [...vacancies].sort((x, y) => byCodePoint(x.id, y.id))) {
    if (requested.has(a.id)) continue;
    if ((a.lettingRule === "income-priority" || a.lettingRule === "housing-first") && !ledger.wouldRefuse(a, a.lettingRule)) ledger.add(a, a.lettingRule);
  }
  const demand = new Map<string, number>();
  for (const w of wanted) {
    const a = byId.get(w.apartmentId);
    if (a) demand.set(a.district, (demand.get(a.district) ?? 0) + 1);
  }
  const ordered = [...wanted].sort((x, y) => {
    const ax = byId.get(x.apartmentId);
    const ay = byId.get(y.apartmentId);
    const dx = ax ? (demand.get(ax.district) ?? 0) : -1;
    const dy = ay ? (demand.get(ay.district) ?? 0) : -1;
    if (dx !== dy) return dy - dx;
    const c = byCodePoint(ax?.district ?? "", ay?.district ?? "");
    if (c !== 0) return c;
    return byCodePoint(x.apartmentId, y.apartmentId) || byCodePoint(x.lettingRule, y.lettingRule);
  });
  const plan: DesignationPlan = { accepted: [], refused: [], usage: { incomePriority: [], housingFirst: [] } };
  for (const w of ordered) {
    const a = byId.get(w.apartmentId);
    if (!a) {
      plan.refused.push({ ...w, reason: { code: "unknown-apartment", apartmentId: w.apartmentId } });
      continue;
    }
    const refusal = ledger.wouldRefuse(a, w.lettingRule);
    if (refusal) plan.refused.push({ ...w, reason: refusal });
    else {
      ledger.add(a, w.lettingRule);
      plan.accepted.push(w);
    }
  }
  plan.usage = ledger.usage();
  return plan;
}
