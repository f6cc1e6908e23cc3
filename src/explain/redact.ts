import { match } from "ts-pattern";
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
  return match(d)
    .with({ key: "priority-group" }, (x): Decider => {
      const sensitive = x.holder.shown && x.holder.value !== null && x.holder.value.sensitive;
      return { ...x, holder: keep(x.holder, audience === "caseworker" || !sensitive) };
    })
    .with({ key: "work-income" }, (x): Decider => ({ ...x, holder: keep(x.holder, !FACTS[FACT_OF[x.key]].sensitive) }))
    .with({ key: "queue-days" }, (x): Decider => ({ ...x, holder: keep(x.holder, !FACTS[FACT_OF[x.key]].sensitive) }))
    .with({ key: "homeless-days" }, (x): Decider => ({ ...x, holder: keep(x.holder, !FACTS[FACT_OF[x.key]].sensitive) }))
    .with({ key: "social-priority-date" }, (x): Decider => ({ ...x, holder: keep(x.holder, !FACTS[FACT_OF[x.key]].sensitive) }))
    .with({ key: "lottery" }, (x): Decider => ({ ...x, holder: HIDDEN }))
    .exhaustive();
}

function redactCutoff(c: Cutoff, audience: Audience): Cutoff {
  const auditor = audience === "auditor";
  return { ...c, decidedBy: redactDecider(c.decidedBy, audience), holder: keep(c.holder, auditor), ranking: keep(c.ranking, auditor) };
}

function redactStep(s: ChoiceStep, audience: Audience): ChoiceStep {
  return match(s)
    .with({ code: "ineligible" }, (x): ChoiceStep => x)
    .with({ code: "outranked" }, (x): ChoiceStep => ({ ...x, cutoff: redactCutoff(x.cutoff, audience) }))
    .exhaustive();
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
