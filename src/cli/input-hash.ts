import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { createInterface } from "node:readline";
import { canonicalHash } from "../audit/canonical.js";
import { ndjsonInputHash } from "../model/ndjson.js";
import { parseJsonText } from "./io.js";
import { startWorker } from "./workers.js";

export type InputFormat = "json" | "ndjson";

/** A canonical input hash being computed elsewhere; `cancel` stops the work when validation has already failed. */
export interface PendingHash {
  /** The hash, or undefined when the other thread could not produce it (the caller then hashes in its own thread). */
  result: Promise<string | undefined>;
  cancel(): void;
}

/** Files smaller than this are hashed in the main thread: starting a worker costs more than it saves. */
export const WORKER_HASH_MIN_BYTES = 8 * 1024 * 1024;

/**
 * The RFC 8785 input hash of a file, read and parsed on its own (no validation): the same value as the hash the
 * engine computes of the parsed document (JSON) or streams while assembling the lines (NDJSON). Undefined when the
 * file is not JSON / NDJSON of the input's shape; validation then rejects it and no result carries a hash.
 */
export async function hashInputFile(path: string, format: InputFormat): Promise<string | undefined> {
  if (format === "ndjson") return ndjsonInputHash(createInterface({ input: createReadStream(path, { encoding: "utf8" }), crlfDelay: Infinity }));
  // The same parse (byte-order mark dropped) as the command's own read of the file.
  const parsed = parseJsonText(await readFile(path, "utf8"));
  return parsed.ok ? canonicalHash(parsed.value) : undefined;
}

/**
 * Hashes a file in a worker thread while the main thread validates and prepares the same input: the canonical hash
 * (a key-sorting serialisation of every record) is the largest cost after validation, and the machine has a second
 * core.
 */
export function hashInputFileInWorker(path: string, format: InputFormat): PendingHash {
  const worker = startWorker("hash-worker", { path, format });
  const result = new Promise<string | undefined>((resolve) => {
    worker.once("message", (message: { sha256?: string | null }) => resolve(message.sha256 ?? undefined));
    worker.once("error", () => resolve(undefined));
    worker.once("exit", () => resolve(undefined));
  });
  return { result, cancel: () => void worker.terminate() };
}

/** A worker hash for a file large enough to be worth it, or undefined (standard input, small or unreadable files). */
export async function startInputHash(source: string, format: InputFormat, minBytes = WORKER_HASH_MIN_BYTES): Promise<PendingHash | undefined> {
  if (source === "-") return undefined;
  try {
    if ((await stat(source)).size < minBytes) return undefined;
  } catch {
    return undefined;
  }
  return hashInputFileInWorker(source, format);
}
