/**
 * Worker-thread entry (see split-read.ts): reads an NDJSON input's header and apartment lines, then its household lines
 * from byte `cut` on, and posts its share (`ReaderHalf`, buffers transferred), or null when the share has an issue.
 */
import { parentPort, workerData } from "node:worker_threads";
import { NdjsonRunReader } from "../mechanisms/ndjson-run.js";
import { recordKind, withoutBom } from "../model/ndjson.js";
import { linesIn } from "./split-read.js";

const { path, cut, size } = workerData as { path: string; cut: number; size: number };

/** Whether a line is `{"apartment": …}` (the header and the apartment lines come before every household line). */
function isApartmentLine(line: string): boolean {
  try {
    return recordKind(JSON.parse(line)) === "apartment";
  } catch {
    return false;
  }
}

async function share(): Promise<void> {
  const reader = new NdjsonRunReader({ hash: "households" });
  let lineNo = 0;
  let header = false;
  for await (const raw of linesIn(path, 0, cut)) {
    const line = withoutBom(raw, ++lineNo);
    // The other thread reads from the first household line (or any other line after the apartments) to the cut.
    if (line.trim() !== "" && header && !isApartmentLine(line)) break;
    if (line.trim() !== "") header = true;
    reader.push(line, lineNo);
  }
  for await (const line of linesIn(path, cut, size)) reader.push(line, ++lineNo);
  const done = reader.half();
  parentPort?.postMessage(done?.half ?? null, done?.transfer ?? []);
}

share().catch(() => parentPort?.postMessage(null));
