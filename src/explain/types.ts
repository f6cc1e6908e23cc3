import type { Contract, LettingRule } from "../model/enums.js";
import type { Message } from "../model/issue.js";
import type { OrderKey } from "../model/policy.js";
import type { Check, CheckCode } from "../rules/eligibility.js";

/** Who reads an explanation: the household itself, its case officer, or an auditor (DESIGN section 7). */
export type Audience = "household" | "caseworker" | "auditor";
export const AUDIENCES = ["household", "caseworker", "auditor"] as const satisfies readonly Audience[];

/** A value about another household: shown, or withheld by the redaction step (never both). */
export type Visible<T> = { shown: true; value: T } | { shown: false };

/** A priority group as explained: policy rank 1 is the highest group. */
export interface GroupView {
  id: string;
  rank: number;
  label: Message;
  sensitive: boolean;
}

/** One criterion of a priority key and its value (lottery: the 64-hex-digit number). */
export interface KeyPartView {
  key: OrderKey;
  value: number | string | null;
}

/** A household's priority under a letting rule: its group (when the rule orders by group) and each criterion, lottery last. */
export interface PriorityView {
  rule: LettingRule;
  group: GroupView | null;
  parts: KeyPartView[];
  /** Where the rule's order comes from (a seed file name, or the documented default). */
  source: string;
}

/** The vacancy as the household saw it in the list. */
export interface ApartmentView {
  id: string;
  landlord: string;
  district: string;
  rooms: number;
  bedrooms: number;
  areaSqm: number;
  monthlyRentSek: number;
  floor: number;
  elevator: boolean;
  lettingRule: LettingRule;
  contract: Contract;
  availableFrom: string;
}

/**
 * The criterion that decided a cutoff: the first part of the two priority keys that differs (all tie: the lottery).
 * `own` is the explained household's value; `holder` that of the household that got the apartment.
 */
export type Decider =
  | { key: "priority-group"; own: GroupView | null; holder: Visible<GroupView | null> }
  | { key: "work-income"; own: boolean; holder: Visible<boolean> }
  | { key: "queue-days"; own: number; holder: Visible<number> }
  | { key: "homeless-days"; own: number; holder: Visible<number> }
  | { key: "social-priority-date"; own: string | null; holder: Visible<string | null> }
  | { key: "lottery"; own: string; holder: Visible<string> };

/** One eligible applicant of a vacancy in priority order (auditor view of a ranking). */
export interface RankedApplicant {
  position: number;
  householdId: string;
  priority: KeyPartView[];
  group: string | null;
}

/** Why the household did not get an apartment it was eligible for: the household that did ranked higher there. */
export interface Cutoff {
  /** The household's own place in the vacancy's ranking and that of the household that got it (1 = first). */
  position: number;
  holderPosition: number;
  applicants: number;
  decidedBy: Decider;
  holder: Visible<{ householdId: string; priority: KeyPartView[] }>;
  ranking: Visible<RankedApplicant[]>;
}

/** A single change to the household's own facts, the smallest of its kind. */
export type Change =
  | { code: "rent-guarantee"; maxMonthlySek: number }
  | { code: "income"; atLeastMonthlySek: number; countedMonthlySek: number }
  | { code: "payment-remarks"; atMost: number; current: number }
  | { code: "housing-debt" }
  | { code: "queue-days"; atLeast: number; current: number }
  | { code: "social-priority-decision" }
  | { code: "housing-first-enrollment" }
  | { code: "lss-decision" };
export type ChangeCode = Change["code"];

/**
 * A counterfactual, confirmed by re-running with the changed household before it is stated:
 * `eligible` (eligibility re-run passes every check), `not-sufficient-alone` (the change fixes the checks it targets,
 * `remaining` still fail), `gets-apartment` / `gets-higher-choice` (the whole mechanism re-run places the household
 * here or in a place it ranked higher), `outranks-not-sufficient` (it would rank above the holder but still not get it).
 */
export type Counterfactual =
  | { change: Change; effect: "eligible" }
  | { change: Change; effect: "not-sufficient-alone"; remaining: CheckCode[] }
  | { change: Change; effect: "gets-apartment" | "gets-higher-choice" | "outranks-not-sufficient" };

/** One apartment the household ranked above the one it got (or any, if it got none), and why it did not get it. */
export type ChoiceStep =
  | { code: "ineligible"; choiceRank: number; apartment: ApartmentView; failed: Check[]; counterfactuals: Counterfactual[] }
  | { code: "outranked"; choiceRank: number; apartment: ApartmentView; own: PriorityView; cutoff: Cutoff; counterfactuals: Counterfactual[] };

/** Why an unmatched household got nothing, in one word. */
export type UnmatchedReason = "no-choices" | "not-eligible" | "outranked" | "mixed";

/** The household's outcome in the batch. */
export type Outcome =
  | {
      code: "proposed";
      choiceRank: number;
      /** The household's place in the vacancy's ranking, of `applicants` eligible applicants. */
      position: number;
      applicants: number;
      apartment: ApartmentView;
      lettingRule: LettingRule;
      rentGuaranteeRequired: boolean;
      /** The guarantee relied on, and the policy's review terms (only when `rentGuaranteeRequired`). */
      rentGuarantee: { maxMonthlySek: number; validUntil: string; reviewEveryMonths: number; source: string } | null;
      own: PriorityView;
    }
  | { code: "unmatched"; reason: UnmatchedReason; choices: number };

/** The run an explanation belongs to (no personal data): enough for an auditor to find and replay it. */
export interface RunRef {
  asOf: string;
  seed: string;
  engine: string;
  policy: { id: string; version: string; sha256: string; label: Message };
  inputSha256: string;
  mechanism: "deferred-acceptance";
}

/**
 * A household's decision explanation after redaction for `audience` (DESIGN section 7). Renderers take only this type.
 * Every value about another household is a {@link Visible} that the redaction step has decided on.
 */
export interface HouseholdExplanation {
  kind: "household-explanation";
  audience: Audience;
  householdId: string;
  run: RunRef;
  /** The household's own priority group (its own data; `null`: none). */
  group: (GroupView & { source: string }) | null;
  outcome: Outcome;
  /** Apartments ranked above the outcome (all, if unmatched), in the household's order. */
  steps: ChoiceStep[];
}

/** Why one applicant could not get a vacancy: the failed checks (auditor) or their codes only (landlord). */
export interface IneligibleApplicant {
  householdId: string;
  choiceRank: number;
  /** Codes of the failed checks the audience may see; for the landlord, health- and safety-related ones are withheld. */
  failed: CheckCode[];
  /** How many failed checks were withheld (landlord: accessibility needs and districts excluded for safety). */
  withheld: number;
  checks: Visible<Check[]>;
}

/** Audiences of a per-apartment explanation: the landlord (no sensitive facts) or the auditor (everything). */
export type ApartmentAudience = "landlord" | "auditor";

/** A vacancy's explanation for the landlord or auditor: ranking, holder and ineligible applicants, by pseudonymous id. */
export interface ApartmentExplanation {
  kind: "apartment-explanation";
  audience: ApartmentAudience;
  run: RunRef;
  apartment: ApartmentView;
  source: string;
  order: OrderKey[];
  /** The household proposed this apartment, or `null` (unfilled). */
  proposedTo: string | null;
  ranking: { position: number; householdId: string; choiceRank: number; rentGuaranteeRequired: boolean; group: Visible<GroupView | null>; parts: Visible<KeyPartView>[] }[];
  ineligible: IneligibleApplicant[];
}
