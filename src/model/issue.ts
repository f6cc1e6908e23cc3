import { z } from "zod";

/** A bilingual message: Swedish first (the language of the decision), English second. */
export const MessageSchema = z.strictObject({ sv: z.string(), en: z.string() });
export type Message = z.infer<typeof MessageSchema>;

/** Where in the input an issue sits: object keys and array indices from the document root. */
export const PathSchema = z.array(z.union([z.string(), z.number()]));
export type Path = z.infer<typeof PathSchema>;

export const ISSUE_CODES = [
  "invalid_json",
  "too_deep",
  "forbidden_key",
  "invalid_type",
  "unrecognized_key",
  "invalid_value",
  "invalid_date",
  "too_small",
  "too_big",
  "not_integer",
  "invalid_format",
  "duplicate_id",
  "duplicate_ranking_entry",
  "unknown_apartment",
  "no_adult",
  "date_after_as_of",
  "looks_like_personal_number",
  "unknown_preset",
  "unknown_fact",
  "unknown_landlord",
  "unknown_letting_rule",
  "lottery_not_last",
  "duplicate_order_key",
  "duplicate_group_id",
  "housing_first_conditioned_on_treatment",
  "missing_stock",
  "cap_exceeded",
  "invalid_input",
  "unknown_household",
  "internal_error",
] as const;

/** Machine-readable issue code; integrators switch on it, people read `message`. */
export const IssueCodeSchema = z.enum(ISSUE_CODES);
export type IssueCode = z.infer<typeof IssueCodeSchema>;

/** One problem found in an input, with where it is and what was expected. */
export const IssueSchema = z.strictObject({
  code: IssueCodeSchema,
  path: PathSchema,
  message: MessageSchema,
  expected: z.unknown().optional(),
  received: z.unknown().optional(),
});
export type Issue = z.infer<typeof IssueSchema>;

/** Errors as values at the public boundary. */
export type Result<T> = { ok: true; value: T } | { ok: false; issues: Issue[] };

/** Builds an issue; `expected`/`received` are kept only when given. */
export function issue(
  code: IssueCode,
  path: Path,
  sv: string,
  en: string,
  extra: { expected?: unknown; received?: unknown } = {},
): Issue {
  const out: Issue = { code, path: [...path], message: { sv, en } };
  if ("expected" in extra) out.expected = extra.expected;
  if ("received" in extra) out.received = extra.received;
  return out;
}

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(issues: Issue[]): Result<T> => ({ ok: false, issues });

/** Renders a path as `households[3].members[0].birthDate` for human summaries. */
export function formatPath(path: Path): string {
  let out = "";
  for (const part of path) out += typeof part === "number" ? `[${part}]` : out === "" ? part : `.${part}`;
  return out === "" ? "(rot/root)" : out;
}
