import { serializeResult } from "../../audit/serialize.js";
import { allocate, rank } from "../../mechanisms/allocate.js";
import type { Result } from "../../model/issue.js";
import { type CliIo, EXIT, type ExitCode, readJsonSource, reportIssues } from "../io.js";

/** An engine entry point: raw JSON in, the result contract or every input issue out (never a partial result). */
export type Engine = (raw: unknown) => Result<unknown>;

/**
 * Reads `<file|->`, runs `engine` and prints the result (or writes it to `out`): 0 ok · 2 invalid input.
 * Exceptions propagate to `run`, which turns them into exit 1.
 */
export async function runEngineCommand(engine: Engine, source: string, out: string | undefined, io: CliIo): Promise<ExitCode> {
  const raw = await readJsonSource(source, io);
  if (!raw.ok) {
    reportIssues(raw.issues, io);
    return EXIT.invalid;
  }
  const result = engine(raw.value);
  if (!result.ok) {
    reportIssues(result.issues, io);
    return EXIT.invalid;
  }
  // The one serialisation `verify` compares against, byte for byte.
  const text = serializeResult(result.value);
  if (out === undefined) {
    io.stdout(text);
  } else {
    await io.writeFile(out, text);
    io.stderr(`bostad-forst: skrev / wrote ${out}\n`);
  }
  return EXIT.ok;
}

/** `bostad-forst allocate <input.json|-> [--out FILE]`: batch allocation (DESIGN section 4). */
export const allocateCommand = (source: string, out: string | undefined, io: CliIo): Promise<ExitCode> => runEngineCommand(allocate, source, out, io);

/** `bostad-forst rank <input.json|->`: each vacancy's offer order (single-vacancy mode). */
export const rankCommand = (source: string, io: CliIo): Promise<ExitCode> => runEngineCommand(rank, source, undefined, io);
