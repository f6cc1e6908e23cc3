import { pathToFileURL } from "node:url";

/** True when the module at `url` is the script node/tsx was started with (`npx tsx examples/x.ts`). */
export function isMain(url: string): boolean {
  const script = process.argv[1];
  return script !== undefined && url === pathToFileURL(script).href;
}

/** Where the bundled example data lives, whatever the working directory. */
export const dataFile = (name: string): URL => new URL(`./data/${name}`, import.meta.url);
