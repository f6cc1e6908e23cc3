import { run } from "./run.js";
import { EXIT } from "./io.js";

// A reader that stops early (`bostad-forst allocate in.json | head`) closes standard output. The result cannot be
// written in full, so stop at once with exit 1 and one line on stderr, instead of an unhandled EPIPE.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE") throw error;
  process.stderr.write("bostad-forst: standardutdata stängdes; resultatet skrevs inte färdigt / standard output was closed; the result was not written in full\n");
  process.exit(EXIT.internal);
});

// The shebang is added by tsup (tsup.config.ts); the source stays a plain module for tsx.
process.exitCode = await run(process.argv.slice(2));
