import { TREATMENT_FACTS, type FactId } from "../facts/ids.js";
import { PRESETS } from "../presets/index.js";
import { type Issue, type Path, type Result, fail, issue, ok } from "./issue.js";
import { type Condition, type Policy, PolicySchema } from "./policy.js";
import { prescan } from "./prescan.js";
import { fromZodIssues } from "./zod-issues.js";

type Json = unknown;

const isPlainObject = (v: Json): v is Record<string, Json> => typeof v === "object" && v !== null && !Array.isArray(v);
const isCondition = (v: Json): boolean => isPlainObject(v) && ("all" in v || "any" in v || "not" in v || "fact" in v);

/** DESIGN section 5 merge: plain objects merge by key; arrays, scalars and conditions replace. Returns new objects only. */
export function mergePolicy(base: Json, overrides: Json): Json {
  if (!isPlainObject(base) || !isPlainObject(overrides) || isCondition(overrides)) return structuredClone(overrides);
  const out: Record<string, Json> = {};
  for (const key of Object.keys(base)) out[key] = structuredClone(base[key]);
  for (const key of Object.keys(overrides)) {
    out[key] = key in base ? mergePolicy(base[key], overrides[key]) : structuredClone(overrides[key]);
  }
  return out;
}

/** Every fact a condition reads, in order of first appearance. */
export function factsOf(condition: Condition): FactId[] {
  const seen = new Set<FactId>();
  const visit = (c: Condition): void => {
    if ("all" in c) c.all.forEach(visit);
    else if ("any" in c) c.any.forEach(visit);
    else if ("not" in c) visit(c.not);
    else seen.add(c.fact);
  };
  visit(condition);
  return [...seen];
}

/** The preset names the library ships. */
export const presetNames = (): string[] => Object.keys(PRESETS).sort();

/**
 * Resolves `"policy"` of an input: a preset name, a full policy, or `{ extends, …overrides }`.
 * The merged policy is what is validated; issues carry paths under `base` (default `["policy"]`).
 */
export function resolvePolicy(raw: unknown, base: Path = ["policy"]): Result<Policy> {
  const pre = prescan(raw, base);
  if (pre.length > 0) return fail(pre);
  let candidate: unknown = raw;
  if (typeof raw === "string") {
    const preset = Object.hasOwn(PRESETS, raw) ? PRESETS[raw] : undefined;
    if (!preset) return fail([unknownPreset(raw, base)]);
    return ok(preset);
  }
  if (isPlainObject(raw) && "extends" in raw) {
    const name = raw["extends"];
    const preset = typeof name === "string" && Object.hasOwn(PRESETS, name) ? PRESETS[name] : undefined;
    if (!preset) return fail([unknownPreset(String(name), [...base, "extends"])]);
    const { extends: _ignored, ...overrides } = raw;
    candidate = mergePolicy(preset, overrides);
  }
  const parsed = PolicySchema.safeParse(candidate);
  if (!parsed.success) return fail(fromZodIssues(parsed.error.issues, base));
  const issues = checkPolicy(parsed.data, base);
  return issues.length > 0 ? fail(issues) : ok(parsed.data);
}

function unknownPreset(name: string, path: Path): Issue {
  const known = presetNames().join(", ");
  return issue("unknown_preset", path, `Okänd förinställd policy "${name}". Kända: ${known}.`, `Unknown policy preset "${name}". Known: ${known}.`, { expected: presetNames(), received: name.slice(0, 40) });
}

/** Rules a schema cannot say: lottery last, no repeated keys or group ids, Housing First never conditioned on treatment. */
export function checkPolicy(policy: Policy, base: Path = ["policy"]): Issue[] {
  const issues: Issue[] = [];
  for (const [rule, def] of Object.entries(policy.lettingRules)) {
    if (!def) continue;
    const orderPath = [...base, "lettingRules", rule, "order"];
    const lotteryAt = def.order.indexOf("lottery");
    if (lotteryAt !== -1 && lotteryAt !== def.order.length - 1) {
      issues.push(issue("lottery_not_last", [...orderPath, lotteryAt], "Lottning måste vara sista ordningsnyckeln (den avgör bara lika läge).", "The lottery must be the last order key (it only breaks ties).", { expected: "lottery last", received: def.order }));
    }
    const seen = new Set<string>();
    def.order.forEach((key, i) => {
      if (seen.has(key)) issues.push(issue("duplicate_order_key", [...orderPath, i], `Ordningsnyckeln "${key}" står mer än en gång.`, `Order key "${key}" appears more than once.`, { received: key }));
      seen.add(key);
    });
  }
  const housingFirst = policy.lettingRules["housing-first"];
  if (housingFirst) {
    const treatment = factsOf(housingFirst.eligible).filter((f) => TREATMENT_FACTS.includes(f));
    if (treatment.length > 0) {
      issues.push(
        issue(
          "housing_first_conditioned_on_treatment",
          [...base, "lettingRules", "housing-first", "eligible"],
          `Bostad Först får inte villkoras av behandling, nykterhet/drogfrihet eller diagnos: villkoret läser ${treatment.join(", ")}. Boendet är en rättighet och stödet erbjuds separat.`,
          `Housing First must not be conditioned on treatment, sobriety or diagnosis: the condition reads ${treatment.join(", ")}. Housing is a right and support is offered separately.`,
          { expected: "no treatment facts", received: treatment },
        ),
      );
    }
  }
  const groupIds = new Set<string>();
  policy.priorityGroups.forEach((g, i) => {
    if (groupIds.has(g.id)) issues.push(issue("duplicate_group_id", [...base, "priorityGroups", i, "id"], `Prioritetsgruppen "${g.id}" förekommer mer än en gång.`, `Priority group "${g.id}" occurs more than once.`, { received: g.id }));
    groupIds.add(g.id);
  });
  return issues;
}
