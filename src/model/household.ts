import { z } from "zod";
import { IsoDateSchema } from "./date.js";
import {
  AccessibilityNeedSchema,
  AccommodationSchema,
  HousingSituationSchema,
  IncomeSourceSchema,
  RentGuaranteeStatusSchema,
  SocialPriorityGroundSchema,
} from "./enums.js";

/** Whole, non-negative number (SEK per month, counts). */
export const CountSchema = z.int().nonnegative().max(Number.MAX_SAFE_INTEGER);

/** A pseudonymous id: 1–64 letters, digits, `-`, `_`, `.`, `:`; never a personal identity number. */
export const IdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/, { message: "id" })
  .meta({ description: "Pseudonymous id (never a personal identity number)" });

export const MemberSchema = z.strictObject({
  birthDate: IsoDateSchema,
  /** Statistics only (follow-up reports); no condition, key or explanation reads it. */
  gender: z.enum(["female", "male", "other", "unknown"]).optional(),
});

export const IncomeSchema = z.strictObject({
  source: IncomeSourceSchema,
  monthlySek: CountSchema,
});

export const CreditSchema = z.strictObject({
  paymentRemarks: CountSchema,
  housingDebt: z.boolean(),
});

export const HousingSchema = z.strictObject({
  situation: HousingSituationSchema,
  since: IsoDateSchema,
  homelessSince: IsoDateSchema.optional(),
  accommodation: AccommodationSchema.optional(),
  moveOutBy: IsoDateSchema.optional(),
  currentBedrooms: CountSchema.optional(),
});

export const NeedsSchema = z.strictObject({
  solSupport: z.boolean().default(false),
  lssHousing: z.boolean().default(false),
  coOccurring: z.boolean().default(false),
  mentalIllness: z.boolean().default(false),
  substanceUse: z.boolean().default(false),
  accessibility: z.array(AccessibilityNeedSchema).default([]),
  excludedDistricts: z.array(z.string().min(1)).default([]),
});

export const SocialPriorityDecisionSchema = z.strictObject({
  grantedOn: IsoDateSchema,
  validUntil: IsoDateSchema.optional(),
  grounds: z.array(SocialPriorityGroundSchema).min(1),
});

export const HousingFirstDecisionSchema = z.strictObject({
  enrolledOn: IsoDateSchema,
  endedOn: IsoDateSchema.optional(),
});

export const RentGuaranteeDecisionSchema = z.strictObject({
  status: RentGuaranteeStatusSchema,
  maxMonthlySek: CountSchema,
  months: CountSchema,
  validUntil: IsoDateSchema,
  grantedOn: IsoDateSchema.optional(),
});

export const DecisionsSchema = z.strictObject({
  socialPriority: SocialPriorityDecisionSchema.optional(),
  housingFirst: HousingFirstDecisionSchema.optional(),
  rentGuarantee: RentGuaranteeDecisionSchema.optional(),
});

/** A household seeking housing, as the municipality's system describes it (pseudonymous). */
export const HouseholdSchema = z.strictObject({
  id: IdSchema,
  members: z.array(MemberSchema).min(1),
  income: z.array(IncomeSchema),
  credit: CreditSchema,
  housing: HousingSchema,
  needs: NeedsSchema.default({
    solSupport: false,
    lssHousing: false,
    coOccurring: false,
    mentalIllness: false,
    substanceUse: false,
    accessibility: [],
    excludedDistricts: [],
  }),
  decisions: DecisionsSchema.default({}),
  queue: z.strictObject({ registeredOn: IsoDateSchema }).optional(),
  residence: z.strictObject({ registeredSince: IsoDateSchema }).optional(),
  preferences: z.strictObject({ ranking: z.array(IdSchema) }),
});
export type Household = z.infer<typeof HouseholdSchema>;
export type HouseholdInput = z.input<typeof HouseholdSchema>;
