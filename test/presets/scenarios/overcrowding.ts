import { adult, child } from "./base.js";
import type { ScenarioRow } from "./types.js";

const S = "002_50ae62936fea26ff.txt";

/** Overcrowding after the move: families with children, two per bedroom, children under two not counted (Örebro). */
export const overcrowding: ScenarioRow[] = [
  { kind: "eligibility", name: "2 adults + a 1-year-old fit one bedroom (the infant is not counted)", source: S, policy: "orebro",
    household: { members: [adult, adult, child(1)] }, apartment: { bedrooms: 1 },
    expect: { eligible: true, failed: [], rentGuaranteeRequired: false } },
  { kind: "eligibility", name: "2 adults + a 3-year-old do not fit one bedroom", source: S, policy: "orebro",
    household: { members: [adult, adult, child(3)] }, apartment: { bedrooms: 1 },
    expect: { eligible: false, failed: ["size"], rentGuaranteeRequired: false } },
  { kind: "eligibility", name: "2 adults + children 5, 3 and 1 fit two bedrooms", source: S, policy: "orebro",
    household: { members: [adult, adult, child(5), child(3), child(1)] }, apartment: { bedrooms: 2, rooms: 3 },
    expect: { eligible: true, failed: [], rentGuaranteeRequired: false } },
  { kind: "eligibility", name: "2 adults + children 5, 3 and 1 do not fit one bedroom", source: S, policy: "orebro",
    household: { members: [adult, adult, child(5), child(3), child(1)] }, apartment: { bedrooms: 1 },
    expect: { eligible: false, failed: ["size"], rentGuaranteeRequired: false } },
  { kind: "eligibility", name: "a parent and a 4-year-old in a studio (no bedroom counts as one sleeping room)", source: S, policy: "orebro",
    household: { members: [adult, child(4)] }, apartment: { bedrooms: 0, rooms: 1 },
    expect: { eligible: true, failed: [], rentGuaranteeRequired: false } },
  { kind: "eligibility", name: "three adults without children are outside the rule", source: S, policy: "orebro",
    household: { members: [adult, adult, adult] }, apartment: { bedrooms: 0, rooms: 1 },
    expect: { eligible: true, failed: [], rentGuaranteeRequired: false } },
  { kind: "eligibility", name: "Lund uses the same rule (default): 2 adults + a 3-year-old in one bedroom", source: S, policy: "lund",
    household: { members: [adult, adult, child(3)] }, apartment: { landlord: "lkf", bedrooms: 1 },
    expect: { eligible: false, failed: ["size"], rentGuaranteeRequired: false } },
];
