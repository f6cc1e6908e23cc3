import { type Apartment, ApartmentSchema } from "./apartment.js";
import type { NdjsonParts } from "./ndjson.js";
import { dayNumber } from "./date.js";
import { REJECTED, compileParser } from "./fast-parse.js";
import { type Household, HouseholdSchema } from "./household.js";
import { AllocationInputSchema, type AllocationInput, type CrossCheckInput, crossCheck } from "./input.js";
import type { Policy } from "./policy.js";
import { type Issue, type Path, type Result, fail, issue, ok } from "./issue.js";
import { prescan } from "./prescan.js";
import { resolvePolicy } from "./resolve-policy.js";
import { fromZodIssues } from "./zod-issues.js";

const parseDocument = compileParser(AllocationInputSchema);
// For a document nobody else holds (the CLI's own JSON.parse): keeps its objects and arrays where they already are zod's value.
const parseOwnedDocument = compileParser(AllocationInputSchema, { reuse: true });

/** Options of {@link parseInput}. */
export interface ParseOptions {
  /**
   * The caller parsed `raw` itself and hands it over: the result may share its plain objects and arrays where they
   * already are what the schema returns (nothing is mutated either way). Leave unset for a document the caller keeps
   * using; the result is then a copy.
   */
  owned?: boolean;
}

/**
 * Validates an allocation input (DESIGN section 3) and resolves its policy.
 * Collects every issue it can find; never throws on any JSON value and never mutates its argument.
 *
 * @example
 * const parsed = parseInput(JSON.parse(text));
 * if (!parsed.ok) for (const i of parsed.issues) console.error(i.code, i.path, i.message.en);
 */
export function parseInput(raw: unknown, options: ParseOptions = {}): Result<AllocationInput> {
  try {
    // Valid input takes the compiled parse; anything it does not accept goes through prescan and zod for the issues.
    const fast = (options.owned === true ? parseOwnedDocument : parseDocument)(raw);
    const pre = fast === REJECTED ? prescan(raw) : [];
    if (pre.length > 0) return fail(pre);
    const parsed = fast === REJECTED ? AllocationInputSchema.safeParse(raw, { reportInput: true }) : { success: true as const, data: fast };
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

/** The top-level fields of an input, without its records (the NDJSON header). */
const HeaderSchema = AllocationInputSchema.omit({ households: true, apartments: true });

/**
 * Validates an input that arrived in parts (NDJSON): the header, and records already validated one by one with the
 * same schemas as {@link parseInput} (`undefined` where a record failed; its issues come in `recordIssues`). Then the
 * same policy resolution and cross-record checks run as for a JSON document. Paths of header issues start at `base`.
 * `cross` makes the cross-record checks (a streamed reader passes the households' issues it found line by line).
 */
export function parseParts(
  parts: Pick<NdjsonParts, "header" | "households" | "apartments" | "recordIssues" | "rankedApartments">,
  base: Path = [],
  cross: (asOf: string, policy: Policy | undefined) => Issue[] = (asOf, policy) => crossCheck({ asOf, households: parts.households, apartments: parts.apartments, ...(parts.rankedApartments ? { rankedApartments: parts.rankedApartments } : {}) }, policy),
): Result<AllocationInput> {
  try {
    const { header, households, apartments, recordIssues } = parts;
    const { parsed, policy, asOf } = parseHeader(header, base);
    const issues: Issue[] = [...recordIssues, ...(parsed.success ? [] : fromZodIssues(parsed.error.issues, base))];
    if (policy && !policy.ok) {
      const policyPath = [...base, "policy"];
      const isPolicyIssue = (i: Issue) => policyPath.every((part, k) => i.path[k] === part);
      issues.splice(0, issues.length, ...issues.filter((i) => !isPolicyIssue(i)), ...policy.issues);
    }
    const resolved = policy?.ok ? policy.value : undefined;
    if (asOf !== undefined) issues.push(...cross(asOf, resolved));
    if (issues.length > 0 || !parsed.success || !policy?.ok) return fail(issues.length > 0 ? issues : [internal()]);
    return ok({ ...parsed.data, policy: policy.value, households: households as Household[], apartments: apartments as Apartment[] });
  } catch {
    return fail([internal()]);
  }
}

/**
 * An NDJSON header checked on its own: the schema's verdict, the resolved policy (undefined when there is none) and the
 * evaluation date when it is a real date (the cross-record checks need it even when something else in the header fails).
 */
export function parseHeader(header: Record<string, unknown>, base: Path = []) {
  const parsed = HeaderSchema.safeParse(header, { reportInput: true });
  const policy = header["policy"] === undefined ? undefined : resolvePolicy(header["policy"], [...base, "policy"]);
  const asOf = parsed.success ? parsed.data.asOf : typeof header["asOf"] === "string" && dayNumber(header["asOf"]) !== undefined ? header["asOf"] : undefined;
  return { parsed, policy, asOf };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function internal(): Issue {
  return issue("internal_error", [], "Ett internt fel uppstod vid valideringen; inget resultat skapades.", "An internal error occurred during validation; no result was produced.");
}
