import { Buffer } from "node:buffer";
import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import { createInterface } from "node:readline";
import type { UnhashedRun } from "../mechanisms/allocate.js";
import { NdjsonRunReader, type ReaderHalf } from "../mechanisms/ndjson-run.js";
import { withoutBom } from "../model/ndjson.js";
import { startWorker } from "./workers.js";

/** NDJSON files at least this large are read in two threads (docs/performance.md); smaller ones in one. */
export const SPLIT_MIN_BYTES = 64 * 1024 * 1024;

/** The lines of bytes `start` to `end` (exclusive) of a file. */
export const linesIn = (path: string, start: number, end: number): AsyncIterable<string> =>
  createInterface({ input: createReadStream(path, { encoding: "utf8", start, end: end - 1 }), crlfDelay: Infinity });

/** Where the household lines are cut: the start of the first line after the file's middle; undefined when none. */
export async function cutOf(path: string, size: number): Promise<number | undefined> {
  const file = await open(path, "r");
  try {
    const buffer = Buffer.alloc(1 << 16);
    for (let at = Math.floor(size / 2); at < size; at += buffer.length) {
      const { bytesRead } = await file.read(buffer, 0, buffer.length, at);
      if (bytesRead === 0) return undefined;
      const newline = buffer.subarray(0, bytesRead).indexOf(0x0a);
      if (newline !== -1) return at + newline + 1 < size ? at + newline + 1 : undefined;
    }
    return undefined;
  } finally {
    await file.close();
  }
}

/**
 * Reads a large NDJSON input in two threads: this one reads the header, the apartments and the household lines up to
 * the line after the file's middle, hashing; a worker (half-worker.ts) reads the header, the apartments and the rest,
 * and hands over what it prepared, its lines and its households' canonical text without copies. The joined run and
 * hash are those of one reader of every line (tests hold them equal).
 *
 * Undefined when the file is small, cannot be cut, or when either share has any issue, their apartments differ or an
 * id repeats across them: the caller then reads the whole input in one thread, which reports every issue with its line
 * number exactly as before. An invalid input of this size is read twice, once in each way; so is a valid one whose
 * household lines all fall on one side of the cut (apartment lines filling half the file), which the split leaves alone.
 */
export async function readInHalves(path: string, progress?: (text: string) => void, minBytes = SPLIT_MIN_BYTES): Promise<{ run: UnhashedRun; inputSha256: string } | undefined> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    return undefined;
  }
  if (size < minBytes) return undefined;
  const cut = await cutOf(path, size);
  if (cut === undefined) return undefined;
  const worker = startWorker("half-worker", { path, cut, size });
  const later = new Promise<ReaderHalf | undefined>((resolve) => {
    worker.once("message", (message: ReaderHalf | null) => resolve(message ?? undefined));
    worker.once("error", () => resolve(undefined));
    worker.once("exit", () => resolve(undefined));
  });
  const reader = new NdjsonRunReader();
  let lineNo = 0;
  // However this ends (an issue, a read error, the worker's share joined or not), the worker is stopped.
  try {
    try {
      for await (const line of linesIn(path, 0, cut)) {
        reader.push(withoutBom(line, ++lineNo), lineNo);
        if (lineNo % 100_000 === 0) progress?.(`bostad-forst: läser och validerar / reading and validating ${lineNo} rader / lines (första halvan / first half) …`);
        // An issue already: the whole input is read again in one thread, so this share's work is over.
        if (lineNo % 4096 === 0 && reader.failed()) break;
      }
    } catch {
      return undefined;
    }
    if (reader.failed()) return undefined;
    // This share's priority orders are sorted while the worker finishes its own.
    reader.sortShare();
    progress?.("bostad-forst: väntar på andra halvan / waiting for the second half …");
    const share = await later;
    return share && reader.finishWith(share);
  } finally {
    void worker.terminate();
  }
}
