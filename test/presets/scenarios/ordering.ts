import { adult, child, fortur } from "./base.js";
import type { ScenarioRow } from "./types.js";

const STRATEGY = "000_dd672170781422c7.txt";
const ACTION_PLAN = "002_50ae62936fea26ff.txt";
const LUND = "003_a6b4b33b68e1eed4.txt";
const KALMAR = "004_5a2b35a83f025ea8.txt";

const work = [{ source: "employment" as const, monthlySek: 28_000 }];
const pension = [{ source: "pension" as const, monthlySek: 28_000 }];
const homelessSince = (date: string) => ({ situation: "acute" as const, since: date, homelessSince: date });

/** Priority orders under the presets' letting rules (highest first). */
export const ordering: ScenarioRow[] = [
  { kind: "ordering", name: "income priority: work income first, then queue time", source: ACTION_PLAN, policy: "orebro", lettingRule: "income-priority",
    households: [
      { id: "H-LONG-NOWORK", income: pension, queue: { registeredOn: "2012-01-01" } },
      { id: "H-SHORT-WORK", income: work, queue: { registeredOn: "2024-01-01" } },
      { id: "H-LONG-WORK", income: work, queue: { registeredOn: "2016-01-01" } },
    ],
    expect: { order: ["H-LONG-WORK", "H-SHORT-WORK", "H-LONG-NOWORK"] } },
  { kind: "ordering", name: "queue: the same households by queue time only", source: STRATEGY, policy: "orebro", lettingRule: "queue",
    households: [
      { id: "H-LONG-NOWORK", income: pension, queue: { registeredOn: "2012-01-01" } },
      { id: "H-SHORT-WORK", income: work, queue: { registeredOn: "2024-01-01" } },
      { id: "H-LONG-WORK", income: work, queue: { registeredOn: "2016-01-01" } },
    ],
    expect: { order: ["H-LONG-NOWORK", "H-LONG-WORK", "H-SHORT-WORK"] } },
  { kind: "ordering", name: "förtur: groups first (violence, children, long-term homeless), then days homeless", source: STRATEGY, policy: "orebro", lettingRule: "social-priority",
    households: [
      { id: "H-HOMELESS-2Y", housing: homelessSince("2024-11-01"), decisions: { socialPriority: fortur } },
      { id: "H-FAMILY", members: [adult, child(7)], housing: homelessSince("2026-09-01"), decisions: { socialPriority: fortur } },
      { id: "H-PROTECTED", housing: { situation: "acute", since: "2026-10-01", accommodation: "protected-housing" }, decisions: { socialPriority: fortur } },
      { id: "H-HOMELESS-1Y", housing: homelessSince("2025-11-01"), decisions: { socialPriority: fortur } },
      { id: "H-NO-GROUP", housing: homelessSince("2026-10-01"), decisions: { socialPriority: fortur } },
    ],
    expect: { order: ["H-PROTECTED", "H-FAMILY", "H-HOMELESS-2Y", "H-HOMELESS-1Y", "H-NO-GROUP"] } },
  { kind: "ordering", name: "förtur: same group and days homeless, the earlier decision first", source: LUND, policy: "lund", lettingRule: "social-priority",
    households: [
      { id: "H-LATER", members: [adult, child(4)], housing: homelessSince("2026-06-01"), decisions: { socialPriority: { ...fortur, grantedOn: "2026-09-01" } } },
      { id: "H-EARLIER", members: [adult, child(9)], housing: homelessSince("2026-06-01"), decisions: { socialPriority: { ...fortur, grantedOn: "2026-07-01" } } },
    ],
    expect: { order: ["H-EARLIER", "H-LATER"] } },
  { kind: "ordering", name: "Stockholm förtur: a family before a pensioner", source: "public rule: Stockholm förtur baseline", policy: "stockholm", lettingRule: "social-priority",
    households: [
      { id: "H-PENSIONER", members: [{ birthDate: "1950-01-01" }], income: pension, housing: homelessSince("2025-01-01"), decisions: { socialPriority: fortur } },
      { id: "H-FAMILY", members: [adult, child(12)], housing: homelessSince("2026-10-01"), decisions: { socialPriority: fortur } },
    ],
    expect: { order: ["H-FAMILY", "H-PENSIONER"] } },
  { kind: "ordering", name: "Housing First: the longest homelessness first, whatever the needs", source: KALMAR, policy: "orebro", lettingRule: "housing-first",
    households: [
      { id: "H-3Y", housing: homelessSince("2023-11-01"), needs: { substanceUse: true }, decisions: { housingFirst: { enrolledOn: "2026-01-01" } } },
      { id: "H-5Y", housing: homelessSince("2021-11-01"), decisions: { housingFirst: { enrolledOn: "2026-01-01" } } },
    ],
    expect: { order: ["H-5Y", "H-3Y"] } },
  { kind: "ordering", name: "LSS: days homeless, then queue time", source: STRATEGY, policy: "lund", lettingRule: "lss",
    households: [
      { id: "H-QUEUE", housing: { situation: "housed", since: "2010-01-01" }, needs: { lssHousing: true }, queue: { registeredOn: "2010-01-01" } },
      { id: "H-HOMELESS", housing: homelessSince("2026-01-01"), needs: { lssHousing: true }, queue: { registeredOn: "2025-01-01" } },
    ],
    expect: { order: ["H-HOMELESS", "H-QUEUE"] } },
  { kind: "ordering", name: "senior: queue time", source: LUND, policy: "stockholm", lettingRule: "senior",
    households: [
      { id: "H-2020", members: [{ birthDate: "1950-01-01" }], income: pension, queue: { registeredOn: "2020-01-01" } },
      { id: "H-2005", members: [{ birthDate: "1958-01-01" }], income: pension, queue: { registeredOn: "2005-01-01" } },
    ],
    expect: { order: ["H-2005", "H-2020"] } },
];
