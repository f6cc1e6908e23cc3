import { parseArgs } from "node:util";
import { serializeResult } from "../../audit/serialize.js";
import { AUDIENCES, type Audience, FORMATS, type Format, LANGS, type Lang, explainInRun, renderExplanation } from "../../explain/index.js";
import { deferredAcceptance } from "../../mechanisms/deferred-acceptance.js";
import { type Issue, issue } from "../../model/issue.js";
import { type CliIo, EXIT, type ExitCode, reportIssues } from "../io.js";
import { readRun } from "./allocate.js";

const OPTIONS = {
  household: { type: "string" },
  audience: { type: "string" },
  lang: { type: "string" },
  format: { type: "string" },
} as const;

const oneOf = <T extends string>(list: readonly T[], v: string | undefined, fallback: T): T | undefined => (v === undefined ? fallback : (list as readonly string[]).includes(v) ? (v as T) : undefined);

function optionIssue(option: string, allowed: readonly string[], received: string | undefined): Issue {
  return issue("invalid_value", [`--${option}`], `Ogiltigt värde för --${option}; tillåtna: ${allowed.join(", ")}.`, `Invalid value for --${option}; allowed: ${allowed.join(", ")}.`, { expected: allowed, received: received ?? null });
}

/**
 * `bostad-forst explain <input.json|input.ndjson|-> --household ID [--audience household|caseworker|auditor] [--lang sv|en]
 * [--format text|markdown|html|json]` (defaults: household, sv, text). `argv` is everything after `explain`.
 * 0 ok · 2 invalid input, options or unknown household (`{ ok: false, issues }` on stdout) · 1 internal error.
 */
export async function explainCommand(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    reportIssues([issue("invalid_value", [], `Ogiltiga argument: ${error instanceof Error ? error.message : String(error)}`, `Invalid arguments: ${error instanceof Error ? error.message : String(error)}`)], io);
    return EXIT.invalid;
  }
  const { values, positionals } = parsed;
  const issues: Issue[] = [];
  const [source, ...extra] = positionals;
  if (source === undefined) issues.push(issue("invalid_value", ["<input.json>"], "explain behöver en indatafil eller -.", "explain needs an input file or -."));
  if (extra.length > 0) issues.push(issue("invalid_value", [], `För många argument: ${extra.join(" ")}`, `Too many arguments: ${extra.join(" ")}`, { received: extra }));
  if (values.household === undefined || values.household === "") issues.push(issue("invalid_value", ["--household"], "Ange hushållet med --household ID.", "Give the household with --household ID."));
  const audience = oneOf<Audience>(AUDIENCES, values.audience, "household");
  const lang = oneOf<Lang>(LANGS, values.lang, "sv");
  const format = oneOf<Format | "json">([...FORMATS, "json"], values.format, "text");
  if (audience === undefined) issues.push(optionIssue("audience", AUDIENCES, values.audience));
  if (lang === undefined) issues.push(optionIssue("lang", LANGS, values.lang));
  if (format === undefined) issues.push(optionIssue("format", [...FORMATS, "json"], values.format));
  if (issues.length > 0 || source === undefined || values.household === undefined || !audience || !lang || !format) {
    reportIssues(issues, io);
    return EXIT.invalid;
  }
  // JSON or NDJSON (a national queue), read and validated as `allocate` reads it; then `explain(raw)`'s own steps.
  const run = await readRun(source, io);
  if (!run.ok) {
    reportIssues(run.issues, io);
    return EXIT.invalid;
  }
  const x = explainInRun(run.value, deferredAcceptance(run.value.prepared.compiled), values.household, { audience });
  if (!x.ok) {
    reportIssues(x.issues, io);
    return EXIT.invalid;
  }
  io.stdout(format === "json" ? serializeResult(x.value) : renderExplanation(x.value, { lang, format }));
  return EXIT.ok;
}
