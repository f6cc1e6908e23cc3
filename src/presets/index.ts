import type { Policy } from "../model/policy.js";

/** Policies shipped with the library, by name. */
export const PRESETS: Readonly<Record<string, Policy>> = {};
