import { z } from "zod";
import { IsoDateSchema } from "./date.js";
import { ContractSchema, LettingRuleSchema } from "./enums.js";
import { CountSchema, IdSchema } from "./household.js";

/** A vacancy to allocate. `floor` 0 is the ground floor (bottenvåning). */
export const ApartmentSchema = z.strictObject({
  id: IdSchema,
  landlord: IdSchema,
  district: z.string().min(1).max(100),
  building: IdSchema,
  rooms: z.int().min(1).max(50),
  bedrooms: z.int().min(0).max(50),
  areaSqm: z.number().positive().max(10_000),
  monthlyRentSek: CountSchema,
  floor: z.int().min(-5).max(200),
  elevator: z.boolean(),
  wheelchairAccessible: z.boolean(),
  lettingRule: LettingRuleSchema,
  contract: ContractSchema,
  availableFrom: IsoDateSchema,
});
export type Apartment = z.infer<typeof ApartmentSchema>;

/** Landlord stock outside this batch, for the designation caps (DESIGN section 6). */
export const StockSchema = z.strictObject({
  landlords: z
    .record(
      IdSchema,
      z.strictObject({
        totalApartments: z.int().min(1).max(Number.MAX_SAFE_INTEGER),
        apartmentsByDistrict: z.record(z.string().min(1), CountSchema).default({}),
        incomePriorityByDistrict: z.record(z.string().min(1), CountSchema).default({}),
      }),
    )
    .default({}),
  housingFirstByBuilding: z.record(IdSchema, CountSchema).default({}),
});
export type Stock = z.infer<typeof StockSchema>;
