import { z } from "zod";

/** Socialstyrelsen's four homelessness situations, plus eviction risk and housed. */
export const HOUSING_SITUATIONS = [
  "acute",
  "institution",
  "municipal-arrangement",
  "own-short-term",
  "eviction-risk",
  "housed",
] as const;
export const HousingSituationSchema = z.enum(HOUSING_SITUATIONS);
export type HousingSituation = z.infer<typeof HousingSituationSchema>;

/** Situations 1–4: homeless in Socialstyrelsen's sense. */
export const HOMELESS_SITUATIONS: readonly HousingSituation[] = ["acute", "institution", "municipal-arrangement", "own-short-term"];

export const ACCOMMODATIONS = [
  // situation 1 (acute)
  "shelter",
  "hotel",
  "hostel",
  "emergency-housing",
  "protected-housing",
  "rough-sleeping",
  // situation 2 (institution)
  "prison",
  "hvb",
  "sis",
  "family-home",
  "supported-housing",
  "hospital",
  // situation 3 (long-term municipal arrangement)
  "training-apartment",
  "social-contract",
  "trial-apartment",
  // situation 4 (own short-term arrangement)
  "friends-family",
  "short-sublet",
  // housed or at risk
  "own-rental",
  "own-home",
  "other",
] as const;
export const AccommodationSchema = z.enum(ACCOMMODATIONS);
export type Accommodation = z.infer<typeof AccommodationSchema>;

export const INCOME_SOURCES = [
  "employment",
  "self-employment",
  "pension",
  "sickness-or-activity-compensation",
  "unemployment-insurance",
  "parental-benefit",
  "student-aid",
  "establishment-benefit",
  "social-assistance",
  "other",
] as const;
export const IncomeSourceSchema = z.enum(INCOME_SOURCES);
export type IncomeSource = z.infer<typeof IncomeSourceSchema>;

export const ACCESSIBILITY_NEEDS = ["wheelchair", "elevator", "ground-floor"] as const;
export const AccessibilityNeedSchema = z.enum(ACCESSIBILITY_NEEDS);
export type AccessibilityNeed = z.infer<typeof AccessibilityNeedSchema>;

export const LETTING_RULES = ["queue", "income-priority", "social-priority", "housing-first", "lss", "senior"] as const;
export const LettingRuleSchema = z.enum(LETTING_RULES);
export type LettingRule = z.infer<typeof LettingRuleSchema>;

export const CONTRACTS = ["first-hand", "second-hand"] as const;
export const ContractSchema = z.enum(CONTRACTS);
export type Contract = z.infer<typeof ContractSchema>;

export const SOCIAL_PRIORITY_GROUNDS = ["medical", "social", "threat"] as const;
export const SocialPriorityGroundSchema = z.enum(SOCIAL_PRIORITY_GROUNDS);

export const RENT_GUARANTEE_STATUSES = ["applied", "approved", "rejected", "ended"] as const;
export const RentGuaranteeStatusSchema = z.enum(RENT_GUARANTEE_STATUSES);
