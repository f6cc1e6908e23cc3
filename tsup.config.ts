import { defineConfig } from "tsup";

export default defineConfig([
  {
    entry: { index: "src/index.ts" },
    format: ["esm", "cjs"],
    dts: true,
    clean: true,
    sourcemap: false,
    target: "node20",
  },
  {
    // The workers are their own files next to the CLI: workers.ts starts them by URL.
    entry: { "cli/main": "src/cli/main.ts", "cli/hash-worker": "src/cli/hash-worker.ts", "cli/half-worker": "src/cli/half-worker.ts" },
    format: ["esm"],
    // No shared chunks: each file resolves its neighbour by URL relative to itself, so both must live in dist/cli.
    splitting: false,
    dts: false,
    clean: false,
    target: "node20",
    banner: { js: "#!/usr/bin/env node" },
  },
]);
