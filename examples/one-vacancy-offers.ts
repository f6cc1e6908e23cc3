/**
 * One social-priority vacancy in Stockholm: the offer order, then an offer declined (förtur: one offer, and refusing
 * it ends the priority) and the next applicant accepting. Run: npx tsx examples/one-vacancy-offers.ts
 */
import { rank } from "../src/mechanisms/allocate.js";
import { type OfferState, nextOffer } from "../src/mechanisms/offer-order.js";
import { PRESETS } from "../src/presets/index.js";
import { isMain } from "./run-if-main.js";

const applicant = (id: string, grantedOn: string, members: { birthDate: string }[], homelessSince: string) => ({
  id,
  members,
  income: [{ source: "employment", monthlySek: 28000 }],
  credit: { paymentRemarks: 0, housingDebt: false },
  housing: { situation: "acute", since: homelessSince, homelessSince, accommodation: "emergency-housing" },
  decisions: { socialPriority: { grantedOn, validUntil: "2027-12-31", grounds: ["social"] } },
  queue: { registeredOn: "2018-01-01" },
  residence: { registeredSince: "2015-01-01" },
  preferences: { ranking: ["A-SP-1"] },
});

/** Three households with a valid förtur decision apply for the same vacancy. */
export const INPUT = {
  schemaVersion: 1,
  asOf: "2026-11-21",
  seed: "stockholm-2026-w47",
  policy: "stockholm",
  households: [
    applicant("H-7001", "2026-03-01", [{ birthDate: "1990-01-01" }], "2026-02-01"),
    applicant("H-7002", "2026-05-01", [{ birthDate: "1987-06-01" }, { birthDate: "2016-04-04" }], "2025-09-01"),
    applicant("H-7003", "2026-01-15", [{ birthDate: "1975-03-03" }], "2024-10-01"),
  ],
  apartments: [
    { id: "A-SP-1", landlord: "stockholmshem", district: "Farsta", building: "B-9001", rooms: 2, bedrooms: 1, areaSqm: 52, monthlyRentSek: 7600, floor: 3, elevator: true, wheelchairAccessible: false, lettingRule: "social-priority", contract: "first-hand", availableFrom: "2027-01-01" },
  ],
};

export function main(log: (line: string) => void = console.log): OfferState {
  const ranked = rank(INPUT);
  if (!ranked.ok) throw new Error(ranked.issues.map((i) => i.message.en).join("\n"));
  const vacancy = ranked.value.apartments[0]!;
  log(`Offer order for ${vacancy.apartmentId} (${vacancy.lettingRule}):`);
  for (const e of vacancy.ranking) log(`  ${e.position}. ${e.householdId}  ${e.priority.parts.map((p) => `${p.key}=${p.key === "lottery" ? String(p.value).slice(0, 8) : String(p.value)}`).join(" ")}`);
  const terms = PRESETS["stockholm"]!.lettingRules["social-priority"]?.offers;
  log(`Offer terms: ${terms ? `${terms.maxOffers} offer(s), refusal ends priority: ${terms.refusalEndsPriority}` : "none"}`);

  const first = vacancy.ranking[0]!.householdId;
  const second = vacancy.ranking[1]!.householdId;
  const step = nextOffer(vacancy, [{ householdId: first, response: "declined" }, { householdId: second, response: "accepted" }], terms);
  if (!step.ok) throw new Error(JSON.stringify(step.error));
  for (const s of step.steps) log(`  ${s.householdId}: ${s.outcome}${"effect" in s ? ` → ${s.effect}` : ""}`);
  log(`Result: ${step.state.status}${"householdId" in step.state ? ` to ${step.state.householdId}` : ""}`);
  return step.state;
}

if (isMain(import.meta.url)) main();
