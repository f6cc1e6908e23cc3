import { unreachable } from "../model/unreachable.js";
import { FACTS } from "../facts/catalogue.js";
import type { FactId } from "../facts/ids.js";
import type { UnredactedExplanation } from "./build.js";
import type { Audience, ChoiceStep, Cutoff, Decider, HouseholdExplanation, Visible } from "./types.js";

const HIDDEN = { shown: false } as const;

/** The fact behind each order key whose value is a household fact (its catalogue entry says whether it is sensitive). */
const FACT_OF = { "work-income": "income.work", "queue-days": "queue.days", "homeless-days": "housing.homelessDays", "social-priority-date": "decisions.socialPriority" } as const satisfies Record<string, FactId>;

const keep = <T>(v: Visible<T>, allowed: boolean): Visible<T> => (allowed && v.shown ? v : HIDDEN);

/**
 * What another household's deciding value may show, by audience:
 * `auditor` everything; `caseworker` non-sensitive facts and every group label; `household` non-sensitive facts and
 * non-sensitive group labels only. Lottery numbers of others are never shown below auditor: with the published seed
 * they would give away the pseudonymous id.
 */
function redactDecider(d: Decider, audience: Audience): Decider {
  if (audience === "auditor") return d;
  // A switch, not ts-pattern: one call per outranked choice of every household in a batch.
  switch (d.key) {
    case "priority-group": {
      const sensitive = d.holder.shown && d.holder.value !== null && d.holder.value.sensitive;
      return { ...d, holder: keep(d.holder, audience === "caseworker" || !sensitive) };
    }
    case "work-income":
      return { ...d, holder: keep(d.holder, !FACTS[FACT_OF[d.key]].sensitive) };
    case "queue-days":
    case "homeless-days":
      return { ...d, holder: keep(d.holder, !FACTS[FACT_OF[d.key]].sensitive) };
    case "social-priority-date":
      return { ...d, holder: keep(d.holder, !FACTS[FACT_OF[d.key]].sensitive) };
    case "lottery":
      return { ...d, holder: HIDDEN };
    default:
      return unreachable(d);
  }
}

function redactCutoff(c: Cutoff, audience: Audience): Cutoff {
  const auditor = audience === "auditor";
  return { ...c, decidedBy: redactDecider(c.decidedBy, audience), holder: keep(c.holder, auditor), ranking: keep(c.ranking, auditor) };
}

function redactStep(s: ChoiceStep, audience: Audience): ChoiceStep {
  switch (s.code) {
    case "ineligible":
      return s;
    case "outranked":
      return { ...s, cutoff: redactCutoff(s.cutoff, audience) };
    default:
      return unreachable(s);
  }
}

/**
 * The redaction step (DESIGN section 7): decides, for the audience, every value about another household.
 * `household` sees only its own data, other households as "a household with higher priority"; `caseworker` adds
 * the group labels at cutoffs; `auditor` sees full rankings with pseudonymous ids. Renderers only ever get its output.
 *
 * @example render(redact(unredacted, "household"), { lang: "sv", format: "text" })
 */
export function redact(full: UnredactedExplanation, audience: Audience): HouseholdExplanation {
  const b = full.body;
  return { kind: "household-explanation", audience, ...b, steps: b.steps.map((s) => redactStep(s, audience)) };
}
