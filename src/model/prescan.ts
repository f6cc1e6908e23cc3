import { type Issue, type Path, issue } from "./issue.js";

/** Deepest nesting any valid document needs is far below this; deeper input is rejected before schema parsing. */
export const MAX_DEPTH = 64;
/** Keys that could reach an object's prototype; rejected anywhere in a document. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

/**
 * Reports nesting beyond {@link MAX_DEPTH} and prototype-polluting keys, once each, without descending below them.
 * Recursion stops at MAX_DEPTH, so even a maliciously deep document cannot overflow the stack.
 */
export function prescan(raw: unknown, base: Path = []): Issue[] {
  return isClean(raw, 0) ? [] : locate(raw, base);
}

/**
 * True when nothing is too deep and no key is forbidden: one pass without path bookkeeping (the common case). `depth`
 * is where `value` sits in its document.
 */
export function isClean(value: unknown, depth: number): boolean {
  if (value === null || typeof value !== "object") return true;
  if (depth >= MAX_DEPTH) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (!isClean(value[i], depth + 1)) return false;
    return true;
  }
  const keys = Object.keys(value);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (FORBIDDEN_KEYS.has(key) || !isClean((value as Record<string, unknown>)[key], depth + 1)) return false;
  }
  return true;
}

/** Every issue with its path (only run when {@link isClean} found one). */
function locate(raw: unknown, base: Path): Issue[] {
  const issues: Issue[] = [];
  const path: (string | number)[] = [...base];
  const walk = (value: unknown, depth: number): void => {
    if (value === null || typeof value !== "object") return;
    if (depth >= MAX_DEPTH) {
      issues.push(
        issue("too_deep", path, `Dokumentet är för djupt nästlat (högst ${MAX_DEPTH} nivåer).`, `The document is nested too deeply (at most ${MAX_DEPTH} levels).`, { expected: { maxDepth: MAX_DEPTH } }),
      );
      return;
    }
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        path.push(i);
        walk(value[i], depth + 1);
        path.pop();
      }
      return;
    }
    for (const key in value) {
      if (!Object.hasOwn(value, key)) continue;
      path.push(key);
      if (FORBIDDEN_KEYS.has(key)) {
        issues.push(issue("forbidden_key", path, `Fältnamnet "${key}" är inte tillåtet.`, `The field name "${key}" is not allowed.`, { received: key }));
      } else {
        walk((value as Record<string, unknown>)[key], depth + 1);
      }
      path.pop();
    }
  };
  walk(raw, 0);
  return issues;
}
