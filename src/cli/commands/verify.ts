import { verify } from "../../audit/verify.js";
import { formatPath, issue } from "../../model/issue.js";
import { type CliIo, EXIT, type ExitCode, readJsonSource, reportIssues, toJson } from "../io.js";

/**
 * `bostad-forst verify <input.json> <result.json>`: re-runs the engine and compares its result byte for byte.
 * Prints `{ ok: true, status, … }` on stdout; 0 identical · 3 differs (first differing JSON path) · 2 invalid.
 * `argv` is everything after `verify`.
 */
export async function verifyCommand(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const [inputPath, resultPath, ...extra] = argv;
  if (inputPath === undefined || resultPath === undefined || extra.length > 0) {
    reportIssues([issue("invalid_value", [], "Användning: bostad-forst verify <input.json> <result.json>", "Usage: bostad-forst verify <input.json> <result.json>", { received: [...argv] })], io);
    return EXIT.invalid;
  }
  const raw = await readJsonSource(inputPath, io);
  if (!raw.ok) {
    reportIssues(raw.issues, io);
    return EXIT.invalid;
  }
  let resultText: string;
  try {
    resultText = resultPath === "-" ? await io.readStdin() : await io.readFile(resultPath);
  } catch {
    reportIssues([issue("invalid_input", ["<result.json>"], `Kunde inte läsa resultatfilen "${resultPath}".`, `Could not read the result file "${resultPath}".`)], io);
    return EXIT.invalid;
  }
  const v = verify(raw.value, resultText);
  switch (v.status) {
    case "invalid":
      reportIssues(v.issues, io);
      return EXIT.invalid;
    case "identical":
      io.stdout(toJson({ ok: true, status: "identical", mechanism: v.mechanism, bytes: v.bytes }));
      io.stderr("bostad-forst verify: identiskt / identical\n");
      return EXIT.ok;
    case "differs":
      io.stdout(toJson({ ok: true, status: "differs", reason: v.reason, path: v.path, expected: v.expected ?? null, received: v.received ?? null }));
      io.stderr(`bostad-forst verify: skiljer sig / differs at ${formatPath(v.path)}${v.reason === "formatting" ? " (formatering / formatting)" : ""}\n`);
      return EXIT.differs;
  }
}
