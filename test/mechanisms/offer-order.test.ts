import { describe, expect, it } from "vitest";
import { nextOffer } from "../../src/mechanisms/offer-order.js";

const ranking = ["H-1", "H-2", "H-3"].map((householdId, i) => ({ householdId, position: i + 1 }));
const apartment = { ranking } as unknown as Parameters<typeof nextOffer>[0];
// Stockholm förtur (public rule): one offer; refusing it ends the priority.
const stockholmForetur = { maxOffers: 1, refusalEndsPriority: true };

describe("offer order for one vacancy", () => {
  it("offers to the first in priority order when nobody has answered", () => {
    expect(nextOffer(apartment, [])).toEqual({ ok: true, state: { status: "offer", householdId: "H-1", position: 1 }, steps: [] });
  });

  it("moves on after a refusal and lets the apartment on acceptance", () => {
    const r = nextOffer(apartment, [{ householdId: "H-1", response: "declined" }, { householdId: "H-2", response: "accepted" }]);
    expect(r).toMatchObject({ ok: true, state: { status: "let", householdId: "H-2", position: 2 } });
    expect(r.ok && r.steps[0]).toMatchObject({ householdId: "H-1", outcome: "declined", effect: "offer-counted", maxOffers: null });
  });

  it("under Stockholm förtur a refusal ends the household's priority", () => {
    const r = nextOffer(apartment, [{ householdId: "H-1", response: "declined" }], stockholmForetur);
    expect(r).toMatchObject({ ok: true, state: { status: "offer", householdId: "H-2" }, steps: [{ householdId: "H-1", effect: "priority-ended", declined: 1, maxOffers: 1 }] });
  });

  it("no answer counts like a refusal", () => {
    const r = nextOffer(apartment, [{ householdId: "H-1", response: "no-answer" }], stockholmForetur);
    expect(r.ok && r.steps[0]).toMatchObject({ outcome: "no-answer", effect: "priority-ended" });
  });

  it("skips households whose priority ended or whose offers are used up", () => {
    const r = nextOffer(apartment, [], { maxOffers: 2, refusalEndsPriority: false }, { "H-1": { declined: 0, priorityEnded: true }, "H-2": { declined: 2, priorityEnded: false } });
    expect(r).toEqual({
      ok: true,
      state: { status: "offer", householdId: "H-3", position: 3 },
      steps: [
        { householdId: "H-1", position: 1, outcome: "skipped", because: "priority-ended" },
        { householdId: "H-2", position: 2, outcome: "skipped", because: "offers-used" },
      ],
    });
  });

  it("is exhausted when everyone declined", () => {
    const all = ranking.map((r) => ({ householdId: r.householdId, response: "declined" as const }));
    expect(nextOffer(apartment, all)).toMatchObject({ ok: true, state: { status: "exhausted" } });
  });

  it("rejects a response from someone who was not offered the apartment, or after it was let", () => {
    expect(nextOffer(apartment, [{ householdId: "H-2", response: "accepted" }])).toEqual({ ok: false, error: { code: "unexpected-response", index: 0, expected: "H-1", received: "H-2" } });
    expect(nextOffer(apartment, [{ householdId: "H-1", response: "accepted" }, { householdId: "H-2", response: "declined" }])).toMatchObject({ ok: false, error: { index: 1, expected: null } });
  });
});
