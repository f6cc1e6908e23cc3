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
});
export type Audit = z.infer<typeof AuditSchema>;

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

export const RankingEntrySchema = z.strictObject({
  position: z.int(),
  householdId: z.string(),
  choiceRank: z.int(),
  rentGuaranteeRequired: z.boolean(),
  priority: PriorityJsonSchema,
});
export type RankingEntry = z.infer<typeof RankingEntrySchema>;

export const ApartmentOutcomeSchema = z.strictObject({
  apartmentId: z.string(),
  lettingRule: LettingRuleSchema,
  ranking: z.array(RankingEntrySchema),
  ineligible: z.array(z.strictObject({ householdId: z.string(), choiceRank: z.int(), failed: z.array(CheckJsonSchema) })),
});
export type ApartmentOutcome = z.infer<typeof ApartmentOutcomeSchema>;

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

/** The result of `bostad-forst allocate` (DESIGN section 4). Keys appear in this order in the JSON. */
export const AllocationResultSchema = z
  .strictObject({
    schemaVersion: z.literal(1),
    audit: AuditSchema,
    proposals: z.array(ProposalSchema),
    unmatchedHouseholds: z.array(z.strictObject({ householdId: z.string(), reasons: z.array(ChoiceReasonSchema) })),
    unfilledApartments: z.array(z.strictObject({ apartmentId: z.string(), reasons: z.array(UnfilledReasonSchema) })),
    apartments: z.array(ApartmentOutcomeSchema),
    /** Every household's structured explanation for the caseworker (see docs/explanations.md); omitted only on request. */
    explanations: z.record(z.string(), z.looseObject({ kind: z.literal("household-explanation"), audience: z.enum(["household", "caseworker", "auditor"]), householdId: z.string() })).optional(),
    designations: DesignationsSchema,
  })
  .meta({ id: "AllocationResult", title: "bostad-forst allocation result" });
export type AllocationResult = z.infer<typeof AllocationResultSchema>;

/** The result of `bostad-forst rank`: each vacancy's offer order (single-vacancy mode). */
export const RankResultSchema = z
  .strictObject({
    schemaVersion: z.literal(1),
    audit: AuditSchema,
    apartments: z.array(ApartmentOutcomeSchema),
  })
  .meta({ id: "RankResult", title: "bostad-forst offer order" });
export type RankResult = z.infer<typeof RankResultSchema>;
