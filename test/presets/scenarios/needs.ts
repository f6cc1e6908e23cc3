import type { ScenarioRow } from "./types.js";

const STRATEGY = "000_dd672170781422c7.txt";
const LUND = "003_a6b4b33b68e1eed4.txt";

/** Household needs: excluded districts (violence, threat) and accessibility. */
export const needs: ScenarioRow[] = [
  { kind: "eligibility", name: "an excluded district is never offered", source: STRATEGY, policy: "orebro",
    household: { needs: { excludedDistricts: ["Vivalla"] } }, apartment: { district: "Vivalla" },
    expect: { eligible: false, failed: ["excluded-district"], rentGuaranteeRequired: false } },
  { kind: "eligibility", name: "another district is fine", source: STRATEGY, policy: "orebro",
    household: { needs: { excludedDistricts: ["Vivalla"] } }, apartment: { district: "Varberga" },
    expect: { eligible: true, failed: [], rentGuaranteeRequired: false } },
  { kind: "eligibility", name: "elevator need: third floor without an elevator fails", source: STRATEGY, policy: "orebro",
    household: { needs: { accessibility: ["elevator"] } }, apartment: { floor: 3, elevator: false },
    expect: { eligible: false, failed: ["accessibility"], rentGuaranteeRequired: false } },
  { kind: "eligibility", name: "elevator need: ground floor without an elevator passes", source: STRATEGY, policy: "orebro",
    household: { needs: { accessibility: ["elevator"] } }, apartment: { floor: 0, elevator: false },
    expect: { eligible: true, failed: [], rentGuaranteeRequired: false } },
  { kind: "eligibility", name: "elevator need: third floor with an elevator passes", source: STRATEGY, policy: "orebro",
    household: { needs: { accessibility: ["elevator"] } }, apartment: { floor: 3, elevator: true },
    expect: { eligible: true, failed: [], rentGuaranteeRequired: false } },
  { kind: "eligibility", name: "wheelchair need: not wheelchair accessible fails", source: STRATEGY, policy: "lund",
    household: { needs: { accessibility: ["wheelchair"] } }, apartment: { landlord: "lkf", floor: 0, wheelchairAccessible: false },
    expect: { eligible: false, failed: ["accessibility"], rentGuaranteeRequired: false } },
  { kind: "eligibility", name: "ground-floor need: first floor with an elevator fails", source: LUND, policy: "lund",
    household: { needs: { accessibility: ["ground-floor"] } }, apartment: { landlord: "lkf", floor: 1, elevator: true },
    expect: { eligible: false, failed: ["accessibility"], rentGuaranteeRequired: false } },
];
