import { Worker } from "node:worker_threads";

/**
 * Starts one of the CLI's worker threads (`hash-worker`, `half-worker`). Run from source (tests, `tsx`), the worker
 * loads the TypeScript entry through tsx; from the build, the bundled `<name>.js` next to the CLI.
 */
export function startWorker(name: "hash-worker" | "half-worker", workerData: unknown): Worker {
  const here = import.meta.url;
  return here.endsWith(".ts")
    ? new Worker(`import("tsx/esm/api").then((m) => { m.register(); return import(${JSON.stringify(new URL(`./${name}.ts`, here).href)}); });`, { eval: true, workerData })
    : new Worker(new URL(`./${name}.js`, here), { workerData });
}
