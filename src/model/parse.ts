import { ApartmentSchema } from "./apartment.js";
import { dayNumber } from "./date.js";
import { HouseholdSchema } from "./household.js";
import { AllocationInputSchema, type AllocationInput, type CrossCheckInput, crossCheck } from "./input.js";
import { type Issue, type Result, fail, issue, ok } from "./issue.js";
import { prescan } from "./prescan.js";
import { resolvePolicy } from "./resolve-policy.js";
import { fromZodIssues } from "./zod-issues.js";

/**
 * Validates an allocation input (DESIGN section 3) and resolves its policy.
 * Collects every issue it can find; never throws on any JSON value and never mutates its argument.
 *
 * @example
 * const parsed = parseInput(JSON.parse(text));
 * if (!parsed.ok) for (const i of parsed.issues) console.error(i.code, i.path, i.message.en);
 */
export function parseInput(raw: unknown): Result<AllocationInput> {
  try {
    const pre = prescan(raw);
    if (pre.length > 0) return fail(pre);
    const parsed = AllocationInputSchema.safeParse(raw, { reportInput: true });
    const issues: Issue[] = parsed.success ? [] : fromZodIssues(parsed.error.issues);
    const rawPolicy = isRecord(raw) ? raw["policy"] : undefined;
    const policy = rawPolicy === undefined ? undefined : resolvePolicy(rawPolicy);
    if (policy && !policy.ok) {
      // The schema's union already complained about the policy; the resolver's issues are more precise.
      issues.splice(0, issues.length, ...issues.filter((i) => i.path[0] !== "policy"), ...policy.issues);
    }
    const resolved = policy?.ok ? policy.value : undefined;
    if (parsed.success) issues.push(...crossCheck(parsed.data, resolved));
    else {
      const partial = salvage(raw);
      if (partial) issues.push(...crossCheck(partial, resolved));
    }
    if (issues.length > 0 || !parsed.success || !policy?.ok) return fail(issues.length > 0 ? issues : [internal()]);
    return ok({ ...parsed.data, policy: policy.value });
  } catch {
    return fail([internal()]);
  }
}

/** The elements that pass their own schema, in place, so cross-record issues are reported alongside schema issues. */
function salvage(raw: unknown): CrossCheckInput | undefined {
  if (!isRecord(raw) || typeof raw["asOf"] !== "string" || dayNumber(raw["asOf"]) === undefined) return undefined;
  const each = <T>(list: unknown, schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }): (T | undefined)[] =>
    Array.isArray(list) ? list.map((v) => { const r = schema.safeParse(v); return r.success ? r.data : undefined; }) : [];
  return { asOf: raw["asOf"], households: each(raw["households"], HouseholdSchema), apartments: each(raw["apartments"], ApartmentSchema) };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function internal(): Issue {
  return issue("internal_error", [], "Ett internt fel uppstod vid valideringen; inget resultat skapades.", "An internal error occurred during validation; no result was produced.");
}
