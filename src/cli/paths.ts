import { fileURLToPath } from "node:url";

// This module must stay directly in src/cli/: from here (source) and from dist/cli/main.js (bundle)
// the package root is the same two levels up.
const ROOT = new URL("../../", import.meta.url);

/** Absolute path of a file shipped with the package, given relative to the package root. */
export function packageFile(relative: string): string {
  return fileURLToPath(new URL(relative, ROOT));
}

/** The bundled example batch (`npm run examples:generate` writes it). */
export const EXAMPLE_BATCH = "examples/data/orebro-batch.json";
