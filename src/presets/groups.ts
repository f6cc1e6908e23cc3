import type { Condition, PriorityGroup } from "../model/policy.js";

/**
 * Priority-group conditions shared by the presets (DESIGN section 1 names the groups). Each preset lists the
 * groups in its own order with its own sources; only the conditions are shared, so a group means the same everywhere.
 */
export const WHEN = {
  /** Violence in close relationships: placed in protected housing (skyddat boende). The förtur grounds are not a fact, so the accommodation is used. */
  violence: { fact: "housing.accommodation", op: "eq", value: "protected-housing" },
  familiesWithChildren: { fact: "children.count", op: "gte", value: 1 },
  /** Socialstyrelsen situation 2: leaving an institution within three months (90 days) with no home arranged. */
  institutionDischarge: {
    all: [
      { fact: "housing.situation", op: "eq", value: "institution" },
      { fact: "housing.moveOutWithinDays", op: "lte", value: 90 },
    ],
  },
  /** Homeless more than six months (182 days). */
  longTermHomeless: { fact: "housing.homelessDays", op: "gt", value: 182 },
  coOccurring: { fact: "needs.coOccurring", op: "eq", value: true },
  mentalIllness: { fact: "needs.mentalIllness", op: "eq", value: true },
  solOrLss: {
    any: [
      { fact: "needs.solSupport", op: "eq", value: true },
      { fact: "needs.lssHousing", op: "eq", value: true },
    ],
  },
  pensioners: { fact: "pensioner", op: "eq", value: true },
} as const satisfies Record<string, Condition>;

/** Group labels, shared so that the same group reads the same in every preset. */
export const LABEL = {
  violence: { sv: "Våldsutsatta i nära relation (skyddat boende)", en: "Exposed to violence in close relationships (protected housing)" },
  familiesWithChildren: { sv: "Barnfamiljer", en: "Families with children" },
  institutionDischarge: { sv: "Utskrivning från institution inom tre månader", en: "Leaving an institution within three months" },
  longTermHomeless: { sv: "Hemlös längre än sex månader", en: "Homeless for more than six months" },
  coOccurring: { sv: "Samsjuklighet (missbruk och psykisk ohälsa)", en: "Co-occurring substance use and mental illness" },
  mentalIllness: { sv: "Psykisk ohälsa", en: "Mental illness" },
  solOrLss: { sv: "Beslut om stöd enligt SoL eller LSS", en: "Support decision under SoL or LSS" },
  pensioners: { sv: "Ålderspensionärer", en: "Old-age pensioners" },
} as const;

type GroupName = keyof typeof WHEN;

const IDS: Record<GroupName, string> = {
  violence: "violence",
  familiesWithChildren: "families-with-children",
  institutionDischarge: "institution-discharge",
  longTermHomeless: "homeless-over-six-months",
  coOccurring: "co-occurring",
  mentalIllness: "mental-illness",
  solOrLss: "sol-lss",
  pensioners: "pensioners",
};

const SENSITIVE: Record<GroupName, boolean> = {
  violence: true,
  familiesWithChildren: false,
  institutionDischarge: true,
  longTermHomeless: true,
  coOccurring: true,
  mentalIllness: true,
  solOrLss: true,
  pensioners: false,
};

/** A priority group as policy data; deep-copied so presets share no objects. */
export function group(name: GroupName, source: string): PriorityGroup {
  return { id: IDS[name], label: { ...LABEL[name] }, sensitive: SENSITIVE[name], when: structuredClone(WHEN[name]) as Condition, source };
}
