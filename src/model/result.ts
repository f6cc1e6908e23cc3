import { z } from "zod";
import { LettingRuleSchema } from "./enums.js";
import { OrderKeySchema } from "./policy.js";

/** A priority key as reported: the household's group (if the rule orders by group) and each criterion's value, lottery last. */
export const PriorityJsonSchema = z.strictObject({
  group: z.string().nullable(),
  parts: z.array(z.strictObject({ key: OrderKeySchema, value: z.union([z.number(), z.string(), z.null()]) })),
});
export type PriorityJson = z.infer<typeof PriorityJsonSchema>;

/** One eligibility check with the values it compared (shape per `code`, see docs/policy.md). */
export const CheckJsonSchema = z.looseObject({ code: z.string(), pass: z.boolean() });

export const AuditSchema = z.strictObject({
  engine: z.string(),
  policy: z.strictObject({ id: z.string(), version: z.string(), sha256: z.string() }),
  inputSha256: z.string(),
  seed: z.string(),
  asOf: z.string(),
  mechanism: z.enum(["deferred-acceptance", "offer-order"]),
  /** Present only in a result written at detail "decisions"; absent means "full". `verify` replays this level. */
  detail: z.literal("decisions").meta({ description: 'Present only at detail "decisions" (no priority keys, failed checks as codes, no explanations); absent means "full"' }).optional(),
});
export type Audit = z.infer<typeof AuditSchema>;

/**
 * How much a batch result says (docs/input.md, "Large runs"): `full` (the default) is the whole contract; `decisions`
 * drops each ranking entry's priority key and each failed check's compared values (codes kept), and the explanations.
 */
export const DetailSchema = z.enum(["full", "decisions"]);
export type Detail = z.infer<typeof DetailSchema>;

export const ProposalSchema = z.strictObject({
  householdId: z.string(),
  apartmentId: z.string(),
  choiceRank: z.int(),
  lettingRule: LettingRuleSchema,
  rentGuaranteeRequired: z.boolean(),
  priority: PriorityJsonSchema,
});
export type Proposal = z.infer<typeof ProposalSchema>;

/** Why a household got none of its ranked apartments (or why it did not get one it ranked higher). */
export const ChoiceReasonSchema = z.discriminatedUnion("code", [
  z.strictObject({ code: z.literal("no-choices") }),
  z.strictObject({ code: z.literal("ineligible"), apartmentId: z.string(), choiceRank: z.int(), failed: z.array(z.string()) }),
  z.strictObject({ code: z.literal("outranked"), apartmentId: z.string(), choiceRank: z.int(), position: z.int(), holderPosition: z.int() }),
]);
export type ChoiceReason = z.infer<typeof ChoiceReasonSchema>;

export const UnfilledReasonSchema = z.discriminatedUnion("code", [
  z.strictObject({ code: z.literal("no-applicants") }),
  z.strictObject({ code: z.literal("no-eligible-applicants"), applicants: z.int(), failed: z.record(z.string(), z.int()) }),
  z.strictObject({ code: z.literal("applicants-placed-higher"), eligibleApplicants: z.int() }),
]);
export type UnfilledReason = z.infer<typeof UnfilledReasonSchema>;

/** An eligible applicant in a vacancy's ranking, with its priority key (detail "full"). */
export const RankingEntrySchema = z.strictObject({
  position: z.int(),
  householdId: z.string(),
  choiceRank: z.int(),
  rentGuaranteeRequired: z.boolean(),
  priority: PriorityJsonSchema,
});
export type RankingEntry = z.infer<typeof RankingEntrySchema>;

/** A ranking entry at detail "decisions": no priority key. */
export const RankingDecisionSchema = RankingEntrySchema.omit({ priority: true });
export type RankingDecision = z.infer<typeof RankingDecisionSchema>;

/** An ineligible applicant with the checks it failed, codes and compared values (detail "full"). */
export const IneligibleEntrySchema = z.strictObject({ householdId: z.string(), choiceRank: z.int(), failed: z.array(CheckJsonSchema) });
export type IneligibleEntry = z.infer<typeof IneligibleEntrySchema>;

/** An ineligible entry at detail "decisions": the failed checks' codes only, in the same order. */
export const IneligibleDecisionSchema = z.strictObject({ householdId: z.string(), choiceRank: z.int(), failed: z.array(z.string()) });
export type IneligibleDecision = z.infer<typeof IneligibleDecisionSchema>;

export const ApartmentOutcomeSchema = z.strictObject({
  apartmentId: z.string(),
  lettingRule: LettingRuleSchema,
  ranking: z.array(RankingEntrySchema),
  ineligible: z.array(IneligibleEntrySchema),
});
export type ApartmentOutcome = z.infer<typeof ApartmentOutcomeSchema>;

/** A vacancy's outcome at detail "decisions". */
export const ApartmentDecisionsSchema = ApartmentOutcomeSchema.extend({ ranking: z.array(RankingDecisionSchema), ineligible: z.array(IneligibleDecisionSchema) });
export type ApartmentDecisions = z.infer<typeof ApartmentDecisionsSchema>;

/** A vacancy's outcome at either detail level, as the published result schema describes it. */
export const ApartmentAnyDetailSchema = ApartmentOutcomeSchema.extend({
  ranking: z.array(z.union([RankingEntrySchema, RankingDecisionSchema])),
  ineligible: z.array(z.union([IneligibleEntrySchema, IneligibleDecisionSchema])),
});
export type ApartmentAnyDetail = z.infer<typeof ApartmentAnyDetailSchema>;

const CountUsageShape = { standing: z.int(), batch: z.int(), count: z.int(), cap: z.int() };
export const DesignationsSchema = z.strictObject({
  incomePriority: z.array(
    z.strictObject({
      landlord: z.string(),
      totalApartments: z.int(),
      maxShare: z.number(),
      total: z.strictObject(CountUsageShape),
      districts: z.array(z.strictObject({ district: z.string(), apartments: z.int(), maxShare: z.number(), ...CountUsageShape })),
    }),
  ),
  housingFirst: z.array(z.strictObject({ building: z.string(), ...CountUsageShape })),
});

/** The fields every batch result starts with, in this order. */
const ResultHead = {
  schemaVersion: z.literal(1),
  audit: AuditSchema,
  proposals: z.array(ProposalSchema),
  unmatchedHouseholds: z.array(z.strictObject({ householdId: z.string(), reasons: z.array(ChoiceReasonSchema) })),
  unfilledApartments: z.array(z.strictObject({ apartmentId: z.string(), reasons: z.array(UnfilledReasonSchema) })),
};

/** Every household's structured explanation for the caseworker (see docs/explanations.md); omitted only on request. */
const ExplanationsSchema = z.record(z.string(), z.looseObject({ kind: z.literal("household-explanation"), audience: z.enum(["household", "caseworker", "auditor"]), householdId: z.string() }));

/** The result of `bostad-forst allocate` at detail "full", the default (DESIGN section 4). Keys appear in this order in the JSON. */
export const FullResultSchema = z.strictObject({
  ...ResultHead,
  apartments: z.array(ApartmentOutcomeSchema),
  explanations: ExplanationsSchema.optional(),
  designations: DesignationsSchema,
});
export type AllocationResult = z.infer<typeof FullResultSchema>;

/** The result at detail "decisions": `audit.detail` says so, rankings without keys, failed checks as codes, no explanations. */
export const DecisionsResultSchema = z.strictObject({
  ...ResultHead,
  audit: AuditSchema.extend({ detail: z.literal("decisions") }),
  apartments: z.array(ApartmentDecisionsSchema),
  designations: DesignationsSchema,
});
export type DecisionsResult = z.infer<typeof DecisionsResultSchema>;

/**
 * The published result contract (`bostad-forst schema result`): a result of either detail level. Ranking and
 * ineligible entries are unions of the two levels' shapes; `audit.detail` tells which level a result was written at.
 */
export const AllocationResultSchema = z
  .strictObject({
    ...ResultHead,
    apartments: z.array(ApartmentAnyDetailSchema),
    explanations: ExplanationsSchema.optional(),
    designations: DesignationsSchema,
  })
  .meta({ id: "AllocationResult", title: "bostad-forst allocation result" });
export type AnyAllocationResult = z.infer<typeof AllocationResultSchema>;

/** The result of `bostad-forst rank`: each vacancy's offer order (single-vacancy mode). */
export const RankResultSchema = z
  .strictObject({
    schemaVersion: z.literal(1),
    audit: AuditSchema,
    apartments: z.array(ApartmentOutcomeSchema),
  })
  .meta({ id: "RankResult", title: "bostad-forst offer order" });
export type RankResult = z.infer<typeof RankResultSchema>;
