import { serializeResult } from "../audit/serialize.js";
import { type Run, buildResult, resultFor, validateAndPrepare } from "../mechanisms/allocate.js";
import { type Matching, deferredAcceptance } from "../mechanisms/deferred-acceptance.js";
import { type Result, fail, ok } from "../model/issue.js";
import type { AllocationResult } from "../model/result.js";
import { buildExplanation, unknownHousehold } from "./build.js";
import { redact } from "./redact.js";
import { apartmentDoc } from "./render/apartment.js";
import { type Format, serialize } from "./render/doc.js";
import type { Lang } from "./render/format.js";
import { householdDoc } from "./render/household.js";
import type { ApartmentExplanation, Audience, HouseholdExplanation } from "./types.js";

export { explainApartment } from "./apartment.js";
export { buildExplanation, decidingPart, type BuildOptions, type UnredactedExplanation } from "./build.js";
export { applyChange, eligibilityCandidates, rerunEligibility, rerunMechanism } from "./counterfactual.js";
export { redact } from "./redact.js";
export { FORMATS, escapeHtml, escapeMarkdown, type Format } from "./render/doc.js";
export { LANGS, type Lang } from "./render/format.js";
export * from "./types.js";

/** Options of {@link explainHousehold}: the audience (default `household`) and whether to state counterfactuals (default true). */
export interface ExplainOptions {
  audience?: Audience;
  /** `true` (default): all, each confirmed by a re-run; `"eligibility"`: only for ineligible choices; `false`: none. */
  counterfactuals?: boolean | "eligibility";
}

/**
 * A household's decision explanation for an audience: built from the run's traces and the result, counterfactuals
 * confirmed by re-running, then redacted for the audience (DESIGN section 7).
 *
 * @example
 * const x = explainHousehold(run, result, "H-0001", { audience: "household" });
 * if (x.ok) console.log(renderExplanation(x.value, { lang: "sv", format: "text" }));
 */
export function explainHousehold(run: Run, result: AllocationResult, householdId: string, options: ExplainOptions = {}): Result<HouseholdExplanation> {
  const audience = options.audience ?? "household";
  // Full rankings survive redaction only for the auditor; other audiences never need them built.
  const build = { rankings: audience === "auditor", ...(options.counterfactuals === undefined ? {} : { counterfactuals: options.counterfactuals }) };
  const full = buildExplanation(run, result, householdId, build);
  return full.ok ? ok(redact(full.value, audience)) : full;
}

/** A validated run and its batch result (what `allocate` returns, with the run kept for explanations). */
export function allocateRun(raw: unknown): Result<{ run: Run; result: AllocationResult }> {
  const run = validateAndPrepare(raw);
  if (!run.ok) return run;
  return ok({ run: run.value, result: buildResult(run.value, deferredAcceptance(run.value.prepared.compiled)) });
}

/**
 * Validates and allocates a raw input, then explains one household (the `bostad-forst explain` pipeline).
 *
 * @example explain(JSON.parse(text), "H-0001", { audience: "caseworker" })
 */
export function explain(raw: unknown, householdId: string, options: ExplainOptions = {}): Result<HouseholdExplanation> {
  const run = validateAndPrepare(raw);
  if (!run.ok) return run;
  return explainInRun(run.value, deferredAcceptance(run.value.prepared.compiled), householdId, options);
}

/**
 * One household's explanation from a run and its matching, reading only the part of the result it needs
 * ({@link resultFor}): explaining one household after a national-scale run does not build the whole result.
 */
export function explainInRun(run: Run, matching: Matching, householdId: string, options: ExplainOptions = {}): Result<HouseholdExplanation> {
  const partial = resultFor(run, matching, householdId);
  return partial ? explainHousehold(run, partial, householdId, options) : fail([unknownHousehold(householdId)]);
}

/** Rendering options: language (default `sv`) and format (default `text`; `json` prints the structure). */
export interface RenderOptions {
  lang?: Lang;
  format?: Format | "json";
}

/**
 * Renders a redacted household explanation as plain text, Markdown, a self-contained HTML page or JSON.
 *
 * @example renderExplanation(x, { lang: "en", format: "html" })
 */
export function renderExplanation(x: HouseholdExplanation, options: RenderOptions = {}): string {
  const format = options.format ?? "text";
  return format === "json" ? serializeResult(x) : serialize(householdDoc(x, options.lang ?? "sv"), format);
}

/** Renders a per-apartment explanation (landlord or auditor). */
export function renderApartmentExplanation(x: ApartmentExplanation, options: RenderOptions = {}): string {
  const format = options.format ?? "text";
  return format === "json" ? serializeResult(x) : serialize(apartmentDoc(x, options.lang ?? "sv"), format);
}
