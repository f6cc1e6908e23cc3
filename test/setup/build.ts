import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/**
 * vitest globalSetup: builds the package once (tsup, as `npm run build`) so the CLI end-to-end tests
 * spawn the real bin, and `npm ci && npm test` works on a fresh clone without a prior build.
 */
export default function setup(): void {
  // For quick local runs of tests that do not spawn the bin: BOSTAD_FORST_SKIP_BUILD=1 npx vitest run test/model
  if (process.env["BOSTAD_FORST_SKIP_BUILD"] === "1") return;
  const tsupPackage = createRequire(import.meta.url).resolve("tsup/package.json");
  const cli = join(dirname(tsupPackage), "dist", "cli-default.js");
  const built = spawnSync(process.execPath, [cli], { cwd: ROOT, encoding: "utf8" });
  if (built.status !== 0) {
    throw new Error(`tsup build failed (exit ${String(built.status)}):\n${built.stdout}\n${built.stderr}`);
  }
}
