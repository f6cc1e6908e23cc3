import { z } from "zod";
import { FACT_IDS } from "../facts/ids.js";
import { IncomeSourceSchema, LettingRuleSchema } from "./enums.js";
import { MessageSchema } from "./issue.js";

export const OPERATORS = ["eq", "ne", "in", "gt", "gte", "lt", "lte"] as const;
export const OperatorSchema = z.enum(OPERATORS);
export type Operator = z.infer<typeof OperatorSchema>;

const ScalarSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export const ConditionValueSchema = z.union([ScalarSchema, z.array(ScalarSchema)]);
export type ConditionValue = z.infer<typeof ConditionValueSchema>;

export const FactIdSchema = z.enum(FACT_IDS);

/** A condition over named facts: `{ all }`, `{ any }`, `{ not }` or a `{ fact, op, value }` comparison. */
export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { fact: z.infer<typeof FactIdSchema>; op: Operator; value: ConditionValue };

export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(ConditionSchema) }),
    z.strictObject({ any: z.array(ConditionSchema) }),
    z.strictObject({ not: ConditionSchema }),
    z.strictObject({ fact: FactIdSchema, op: OperatorSchema, value: ConditionValueSchema }),
  ]),
).meta({ id: "Condition" });

export const ORDER_KEYS = [
  "priority-group",
  "work-income",
  "queue-days",
  "homeless-days",
  "social-priority-date",
  "lottery",
] as const;
export const OrderKeySchema = z.enum(ORDER_KEYS);
export type OrderKey = z.infer<typeof OrderKeySchema>;

/** Where a rule comes from: a source document in shared/seeds (file name) or the public rule it encodes. */
export const SourceSchema = z.string().min(1);

export const LandlordTermsSchema = z.strictObject({
  label: z.string().optional(),
  incomeMultiple: z.number().nonnegative().max(100),
  acceptsSocialAssistance: z.boolean(),
  maxPaymentRemarks: z.int().nonnegative(),
  rejectsHousingDebt: z.boolean(),
  acceptsRentGuarantee: z.boolean(),
  source: SourceSchema,
});
export type LandlordTerms = z.infer<typeof LandlordTermsSchema>;

export const OfferTermsSchema = z.strictObject({
  /** How many offers a household gets under this rule before it loses its place. */
  maxOffers: z.int().min(1).max(100),
  /** Whether declining an offer ends the household's priority under this rule (Stockholm förtur: one offer). */
  refusalEndsPriority: z.boolean(),
});
export type OfferTerms = z.infer<typeof OfferTermsSchema>;

export const LettingRuleDefinitionSchema = z.strictObject({
  eligible: ConditionSchema,
  order: z.array(OrderKeySchema).min(1),
  offers: OfferTermsSchema.optional(),
  source: SourceSchema,
});
export type LettingRuleDefinition = z.infer<typeof LettingRuleDefinitionSchema>;

export const PriorityGroupSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/),
  label: MessageSchema,
  sensitive: z.boolean(),
  when: ConditionSchema,
  source: SourceSchema,
});
export type PriorityGroup = z.infer<typeof PriorityGroupSchema>;

/** A municipal allocation policy: versioned data, validated, hashed and reported with every run. */
export const PolicySchema = z
  .strictObject({
    id: z.string().min(1).max(100),
    version: z.string().min(1).max(100),
    label: MessageSchema,
    /** Terms per landlord id; the key `*` applies to landlords not named. */
    landlords: z.record(z.string().min(1), LandlordTermsSchema),
    lettingRules: z.partialRecord(LettingRuleSchema, LettingRuleDefinitionSchema),
    priorityGroups: z.array(PriorityGroupSchema),
    incomePriority: z.strictObject({
      qualifyingSources: z.array(IncomeSourceSchema).min(1),
      maxShareOfLandlordStock: z.number().min(0).max(1),
      maxShareOfDistrict: z.number().min(0).max(1),
      source: SourceSchema,
    }),
    overcrowding: z.strictObject({
      maxPersonsPerBedroom: z.int().min(1).max(20),
      exemptChildrenUnderYears: z.int().min(0).max(18),
      source: SourceSchema,
    }),
    housingFirst: z.strictObject({
      maxUnitsPerBuilding: z.int().min(1).max(1000),
      /** Follow-up: a Housing First tenancy still second-hand after this many months is flagged for conversion. */
      convertToFirstHandAfterMonths: z.int().min(1).max(600),
      source: SourceSchema,
    }),
    rentGuarantee: z.strictObject({
      minMonths: z.int().min(0).max(120),
      maxYears: z.int().min(0).max(50),
      reviewEveryMonths: z.int().min(1).max(120),
      source: SourceSchema,
    }),
  })
  .meta({ id: "Policy" });
export type Policy = z.infer<typeof PolicySchema>;

/** A preset name, a full policy, or `{ extends: <preset>, …overrides }` (deep merge; arrays, scalars and conditions replace). */
export const PolicyReferenceSchema = z.union([
  z.string().min(1),
  z.looseObject({ extends: z.string().min(1) }),
  PolicySchema,
]);
