/** Worker-thread entry (see input-hash.ts): hashes one input file and posts `{ sha256 }` (null when it cannot). */
import { parentPort, workerData } from "node:worker_threads";
import { type InputFormat, hashInputFile } from "./input-hash.js";

const { path, format } = workerData as { path: string; format: InputFormat };
hashInputFile(path, format).then(
  (sha256) => parentPort?.postMessage({ sha256: sha256 ?? null }),
  () => parentPort?.postMessage({ sha256: null }),
);
