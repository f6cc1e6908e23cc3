import type { OfferTerms } from "../model/policy.js";
import type { ApartmentOutcome } from "../model/result.js";

export type OfferResponse = "accepted" | "declined" | "no-answer";

/** A household's answer to an offer of this vacancy, in the order the offers were made. */
export interface OfferEvent {
  householdId: string;
  response: OfferResponse;
}

/** What a household has already used under this letting rule (earlier vacancies): declined offers, and whether its priority ended. */
export interface OfferHistory {
  declined: number;
  priorityEnded: boolean;
}

/** What happened to one applicant as the offer went down the list. */
export type OfferStep =
  | { householdId: string; position: number; outcome: "accepted" }
  | { householdId: string; position: number; outcome: "declined" | "no-answer"; effect: "priority-ended" | "offer-counted"; declined: number; maxOffers: number | null }
  | { householdId: string; position: number; outcome: "skipped"; because: "priority-ended" | "offers-used" };

export type OfferState =
  | { status: "offer"; householdId: string; position: number }
  | { status: "let"; householdId: string; position: number }
  | { status: "exhausted" };

export type OfferError = { code: "unexpected-response"; index: number; expected: string | null; received: string };

/**
 * Single-vacancy offer process: goes down the apartment's ranking, skipping applicants whose priority under the rule
 * has ended or whose offers are used up, applies each response in turn, and says who gets the next offer.
 * A refusal or no answer costs what the policy's `offers` terms say (Stockholm förtur: one offer, refusal ends the priority);
 * without terms, a refusal only moves the offer on.
 *
 * @example nextOffer(rankResult.apartments[0], [{ householdId: "H-0007", response: "declined" }], policy.lettingRules["social-priority"]?.offers)
 */
export function nextOffer(
  apartment: Pick<ApartmentOutcome, "ranking">,
  responses: readonly OfferEvent[],
  terms?: OfferTerms,
  history: Readonly<Record<string, OfferHistory>> = {},
): { ok: true; state: OfferState; steps: OfferStep[] } | { ok: false; error: OfferError } {
  const steps: OfferStep[] = [];
  let r = 0;
  for (const entry of apartment.ranking) {
    const { householdId, position } = entry;
    const past = Object.hasOwn(history, householdId) ? history[householdId]! : { declined: 0, priorityEnded: false };
    if (past.priorityEnded || (terms !== undefined && past.declined >= terms.maxOffers)) {
      steps.push({ householdId, position, outcome: "skipped", because: past.priorityEnded ? "priority-ended" : "offers-used" });
      continue;
    }
    const response = responses[r];
    if (response === undefined) return { ok: true, state: { status: "offer", householdId, position }, steps };
    if (response.householdId !== householdId) return { ok: false, error: { code: "unexpected-response", index: r, expected: householdId, received: response.householdId } };
    r++;
    if (response.response === "accepted") {
      steps.push({ householdId, position, outcome: "accepted" });
      if (r < responses.length) return { ok: false, error: { code: "unexpected-response", index: r, expected: null, received: responses[r]!.householdId } };
      return { ok: true, state: { status: "let", householdId, position }, steps };
    }
    const declined = past.declined + 1;
    const ends = terms !== undefined && (terms.refusalEndsPriority || declined >= terms.maxOffers);
    steps.push({ householdId, position, outcome: response.response, effect: ends ? "priority-ended" : "offer-counted", declined, maxOffers: terms?.maxOffers ?? null });
  }
  if (r < responses.length) return { ok: false, error: { code: "unexpected-response", index: r, expected: null, received: responses[r]!.householdId } };
  return { ok: true, state: { status: "exhausted" }, steps };
}
