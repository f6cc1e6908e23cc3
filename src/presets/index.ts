import type { Policy } from "../model/policy.js";
import { lund } from "./lund.js";
import { orebro } from "./orebro.js";
import { stockholm } from "./stockholm.js";

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** Policies shipped with the library, by name (`"policy": "orebro"`); frozen, so no caller can change a preset for others. */
export const PRESETS: Readonly<Record<string, Policy>> = deepFreeze({ orebro, lund, stockholm });
