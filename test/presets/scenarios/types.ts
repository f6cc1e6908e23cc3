import type { Apartment } from "../../../src/model/apartment.js";
import type { LettingRule } from "../../../src/model/enums.js";
import type { HouseholdInput } from "../../../src/model/household.js";
import type { CheckCode } from "../../../src/rules/eligibility.js";

/** A scenario: a situation, the seed document (or public rule) it comes from, and the expected outcome. */
interface RowBase {
  name: string;
  /** Seed file name in shared/seeds, or the public rule the row encodes. */
  source: string;
  /** Preset name. */
  policy: string;
  /** Evaluation date; scenarios default to 2026-11-21. */
  asOf?: string;
}

/** Eligibility of one household for one apartment. Fields not given come from the table's base household/apartment. */
export interface EligibilityRow extends RowBase {
  kind: "eligibility";
  household: Partial<HouseholdInput>;
  apartment: Partial<Apartment>;
  expect: { eligible: boolean; failed: CheckCode[]; rentGuaranteeRequired: boolean };
}

/** The priority order of households under a letting rule, highest first (by household id). */
export interface OrderingRow extends RowBase {
  kind: "ordering";
  lettingRule: LettingRule;
  seed?: string;
  households: (Partial<HouseholdInput> & { id: string })[];
  expect: { order: string[] };
}

export type ScenarioRow = EligibilityRow | OrderingRow;
