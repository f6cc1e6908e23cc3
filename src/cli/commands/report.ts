import { parseArgs } from "node:util";
import { reportHtml } from "../../followup/report.js";
import { presetNames } from "../../model/resolve-policy.js";
import { type CliIo, EXIT, type ExitCode, readJsonSource, reportIssues } from "../io.js";

/** Usage line of `bostad-forst report`. */
export const REPORT_USAGE = "bostad-forst report <input.json|-> [--out report.html] [--what-if <preset|policy.json>] [--no-gender]";

const OPTIONS = {
  out: { type: "string", short: "o" },
  "what-if": { type: "string" },
  "no-gender": { type: "boolean" },
} as const;

/**
 * `bostad-forst report <input.json|-> [--out FILE] [--what-if POLICY] [--no-gender]`: the self-contained HTML
 * allocation report (DESIGN 4b). `argv` is everything after `report`. `--what-if` takes a preset name or a JSON
 * file holding a policy reference (a preset name, a policy, or `{ "extends": … }`).
 * Exit 0 ok · 2 invalid input or usage (issues JSON on stdout, summary on stderr) · exceptions propagate to `run` (exit 1).
 */
export async function reportCommand(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    io.stderr(`bostad-forst report: ${error instanceof Error ? error.message : String(error)}\n  ${REPORT_USAGE}\n`);
    return EXIT.invalid;
  }
  const { values, positionals } = parsed;
  const [source, ...extra] = positionals;
  if (source === undefined || extra.length > 0) {
    io.stderr(`bostad-forst report: ${source === undefined ? "ange en fil eller - / give a file or -" : `för många argument / too many arguments: ${extra.join(" ")}`}\n  ${REPORT_USAGE}\n`);
    return EXIT.invalid;
  }
  const raw = await readJsonSource(source, io);
  if (!raw.ok) {
    reportIssues(raw.issues, io);
    return EXIT.invalid;
  }
  let alternative: unknown;
  const whatIf = values["what-if"];
  if (whatIf !== undefined) {
    if (presetNames().includes(whatIf)) alternative = whatIf;
    else {
      const policy = await readJsonSource(whatIf, io);
      if (!policy.ok) {
        reportIssues(policy.issues.map((i) => ({ ...i, path: ["alternative", ...i.path] })), io);
        return EXIT.invalid;
      }
      alternative = policy.value;
    }
  }
  const html = reportHtml(raw.value, { ...(alternative === undefined ? {} : { whatIf: alternative }), byGender: values["no-gender"] !== true });
  if (!html.ok) {
    reportIssues(html.issues, io);
    return EXIT.invalid;
  }
  if (values.out === undefined) io.stdout(html.value);
  else {
    await io.writeFile(values.out, html.value);
    io.stderr(`bostad-forst: skrev / wrote ${values.out}\n`);
  }
  return EXIT.ok;
}
