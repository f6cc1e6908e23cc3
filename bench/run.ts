/**
 * `npm run bench`: each scenario in its own child process (peak RSS is its own), median of several runs,
 * printed beside its target (DESIGN section 10). Figures are reports, not assertions; tests never time anything.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const CHILD = fileURLToPath(new URL("./child.ts", import.meta.url));
const only = process.argv.slice(2);

interface Row {
  scenario: string;
  figure: string;
  target: string;
  check: (f: Record<string, number>, rss: number) => string;
}

const ROWS: Row[] = [
  { scenario: "municipal", figure: "5 000 households × 1 000 vacancies × 10 choices: validate → allocate → caseworker explanations for all", target: "≤ 1 000 ms", check: (f) => `${f.total} ms; JSON.parse of the same input ${f.jsonParse} ms (writing the ${f.resultMb} MB result JSON: ${f.serialize} ms more; one explanation with re-run counterfactuals: ${f.oneExplanationAllCounterfactuals} ms)` },
  {
    scenario: "json100k",
    figure: "100 000 households × 5 000 vacancies × 10 choices from one JSON file, as the CLI runs it (input hash in a worker; result streamed as NDJSON)",
    target: "≤ 3 × JSON.parse",
    check: (f) =>
      `decisions ${f.totalDecisions} ms = ${(f.totalDecisions! / f.jsonParse!).toFixed(2)} × JSON.parse (${f.jsonParse} ms), ${f.decisionsMb} MB; full ${f.totalFull} ms = ${(f.totalFull! / f.jsonParse!).toFixed(2)} ×, ${f.fullMb} MB; read+validate+prepare ${f.readValidatePrepare} ms, DA ${f.deferredAcceptance} ms, write decisions ${f.writeDecisions} ms, write full ${f.writeFull} ms`,
  },
  {
    scenario: "queue1m",
    figure: "1 000 000 households × 20 choices × 20 000 vacancies, end to end from an NDJSON file as the CLI runs it (result streamed at detail decisions)",
    target: "≤ 30 000 ms, peak RSS ≤ 4 096 MB; deferred acceptance ≤ 500 ms; one explanation with verified counterfactuals ≤ 500 ms",
    check: (f) => `${f.totalDecisions} ms (read+validate+prepare ${f.readValidatePrepare}, DA ${f.deferredAcceptance}, write ${f.writeDecisions} for ${f.decisionsMb} MB; parsing the lines alone ${f.lineParseFloor}); one explanation ${f.oneExplanation} ms`,
  },
];

for (const row of ROWS) {
  if (only.length > 0 && !only.includes(row.scenario)) continue;
  // Node's default heap (about 4 GB here): the queue-scale target includes peak memory.
  const repeat = row.scenario === "queue1m" ? "1" : "3";
  const child = spawnSync(process.execPath, ["--import", "tsx", CHILD, row.scenario, repeat], { encoding: "utf8", maxBuffer: 1 << 26 });
  if (child.status !== 0) {
    process.stdout.write(`${row.scenario}: failed\n${child.stderr}\n`);
    continue;
  }
  const line = child.stdout.trim().split("\n").pop()!;
  const report = JSON.parse(line) as { figures: Record<string, number>; maxRssMb: number; runs: number };
  process.stdout.write(`\n${row.figure}\n  target ${row.target}\n  measured (median of ${report.runs}) ${row.check(report.figures, report.maxRssMb)}; peak RSS ${report.maxRssMb} MB\n  ${line}\n`);
}
