import { run } from "./run.js";

// The shebang is added by tsup (tsup.config.ts); the source stays a plain module for tsx.
process.exitCode = await run(process.argv.slice(2));
