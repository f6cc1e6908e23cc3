import type { z } from "zod";
import { FORBIDDEN_KEYS, MAX_DEPTH, isClean } from "./prescan.js";

/** What a compiled parser returns for a value it does not accept; the caller then asks zod itself for the issues. */
export const REJECTED: unique symbol = Symbol("rejected");

/** A schema's parse for valid input: zod's own output, or {@link REJECTED} (never an issue list). */
export type FastParse<T> = (value: unknown) => T | typeof REJECTED;

type Parse = (value: unknown) => unknown;

/** The parts of a zod 4 schema's definition (`_zod.def`) the compiler reads. */
interface Def {
  type: string;
  check?: string;
  format?: string;
  coerce?: boolean;
  checks?: Schema[];
  shape?: Record<string, Schema>;
  catchall?: Schema;
  element?: Schema;
  innerType?: Schema;
  readonly defaultValue?: unknown;
  value?: unknown;
  inclusive?: boolean;
  minimum?: number;
  maximum?: number;
  pattern?: RegExp;
  when?: unknown;
  fn?: (value: unknown) => unknown;
}
interface Schema {
  _zod: { def: Def; optin?: "optional" | "defaulted"; optout?: "optional"; values?: ReadonlySet<unknown> };
  safeParse(value: unknown): { success: true; data: unknown } | { success: false };
}

/**
 * Compiles a zod schema into a parse that accepts exactly what the schema accepts and returns the same value (keys in
 * the schema's order, defaults filled in), without zod's issue bookkeeping per field: at national scale validation
 * was the largest cost of reading an input. Like zod's own object parse, it generates one function per schema part
 * (so every property read has a fixed name). Strict objects, arrays, optionals, defaults, strings, numbers, booleans,
 * enums and literals with length, bound, integer, regex and refine checks are compiled; any other part (unions,
 * records) is handed to zod's `safeParse` whole. A value it accepts also passes `prescan` (no forbidden key, no
 * nesting past {@link MAX_DEPTH}), so callers may skip that walk. Where code generation is not allowed, the whole
 * schema goes to zod. Property tests hold it equal to zod.
 *
 * With `reuse`, an object or array of the input that already is what zod would return (its keys in the schema's order,
 * each parsing to itself) is returned as it is instead of copied. Only for a value just made by `JSON.parse` that
 * nobody else holds (an NDJSON line), since the result then shares the input's objects. At national scale the copies
 * were garbage the collector had to move.
 *
 * @example
 * const parseHousehold = compileParser(HouseholdSchema);
 * const value = JSON.parse(line);
 * const household = parseHousehold(value); // REJECTED: ask HouseholdSchema.safeParse(value) for the issues
 */
export function compileParser<T>(schema: z.ZodType<T>, options: { reuse?: boolean } = {}): FastParse<T> {
  const root = schema as unknown as Schema;
  const unit = new Unit(options.reuse ?? false);
  const entry = unit.node(root, 0);
  try {
    const make = new Function("env", "REJECTED", "isFinite", "isSafeInteger", "isArray", "codePoints", "truthy", "getPrototypeOf", "objectPrototype", "arrayPrototype", `${unit.code.join("\n")}\nreturn ${entry};`);
    return make(unit.env, REJECTED, Number.isFinite, Number.isSafeInteger, Array.isArray, codePoints, truthy, Object.getPrototypeOf, Object.prototype, Array.prototype) as FastParse<T>;
  } catch {
    return delegate(root, 0) as FastParse<T>;
  }
}

/** zod itself, for a part the compiler does not know, after the same walk `prescan` makes of it. */
function delegate(schema: Schema, depth: number): Parse {
  return (value) => {
    if (!isClean(value, depth)) return REJECTED;
    const parsed = schema.safeParse(value);
    return parsed.success ? parsed.data : REJECTED;
  };
}

/** The generated source: one function per schema part, and the values they read (`env[i]`). */
class Unit {
  readonly code: string[] = [];
  readonly env: unknown[] = [];

  constructor(readonly reuse: boolean) {}

  /** A value the generated code reads, as an expression. */
  ref(value: unknown): string {
    this.env.push(value);
    return `env[${this.env.length - 1}]`;
  }

  /** The name of a generated function parsing `schema` at `depth` in its document. */
  node(schema: Schema, depth: number): string {
    const def = schema._zod.def;
    const body = depth < MAX_DEPTH && def.coerce !== true ? this.body(schema, def, depth) : undefined;
    // Children were written first (by `body`); function declarations are hoisted anyway.
    const name = `n${this.code.length}`;
    this.code.push(`function ${name}(v) {\n${body ?? `return ${this.ref(delegate(schema, depth))}(v);`}\n}`);
    return name;
  }

  private body(schema: Schema, def: Def, depth: number): string | undefined {
    // z.int() and other number formats are a schema and a check in one.
    const checks = this.checks(def.check === undefined ? (def.checks ?? []) : [schema, ...(def.checks ?? [])], def.type === "string");
    if (checks === undefined) return undefined;
    const valid = checks.length === 0 ? "" : ` || !(${checks.join(" && ")})`;
    switch (def.type) {
      case "string":
        return `if (typeof v !== "string"${valid}) return REJECTED;\nreturn v;`;
      case "number":
        return `if (typeof v !== "number" || !isFinite(v)${valid}) return REJECTED;\nreturn v;`;
      case "boolean":
        return `if (typeof v !== "boolean"${valid}) return REJECTED;\nreturn v;`;
      case "enum":
      case "literal": {
        const values = schema._zod.values;
        return values ? `if (!${this.ref(values)}.has(v)${valid}) return REJECTED;\nreturn v;` : undefined;
      }
      case "optional": {
        const inner = def.innerType!;
        if (inner._zod.optin === "defaulted" || checks.length > 0) return undefined;
        return `return v === undefined ? undefined : ${this.node(inner, depth)}(v);`;
      }
      case "default": {
        if (checks.length > 0) return undefined;
        // The default is read through zod's own getter (a fresh shallow copy each time, as zod gives).
        const d = this.ref(def);
        return `if (v === undefined) return ${d}.defaultValue;\nconst out = ${this.node(def.innerType!, depth)}(v);\nreturn out === undefined ? ${d}.defaultValue : out;`;
      }
      case "array": {
        const element = this.node(def.element!, depth + 1);
        // With reuse, the input array is returned as it is when it is a plain array (as zod's value is) whose every
        // element parses to itself (a hole never does); otherwise the copy starts at the first element that differs.
        const start = this.reuse ? "getPrototypeOf(v) === arrayPrototype ? undefined : new Array(v.length)" : "new Array(v.length)";
        return [
          `if (!isArray(v)${valid}) return REJECTED;`,
          `let out = ${start};`,
          `for (let i = 0; i < v.length; i++) {\nconst item = ${element}(v[i]);\nif (item === REJECTED) return REJECTED;\nif (out !== undefined) out[i] = item;\nelse if (item !== v[i] || !(i in v)) {\nout = new Array(v.length);\nfor (let j = 0; j < i; j++) out[j] = v[j];\nout[i] = item;\n}\n}`,
          "return out === undefined ? v : out;",
        ].join("\n");
      }
      case "object":
        return this.object(def, depth, checks);
      default:
        return undefined;
    }
  }

  /** A strict object (`z.strictObject`): zod's compiled object parse, key by key, without an issue list per key. */
  private object(def: Def, depth: number, checks: string[]): string | undefined {
    if (def.catchall?._zod.def.type !== "never" || !def.shape) return undefined;
    const shape = def.shape;
    const keys = Object.keys(shape);
    if (Object.getOwnPropertySymbols(shape).length > 0 || keys.some((k) => FORBIDDEN_KEYS.has(k) || k === "__proto__")) return undefined;
    const lines = [`if (typeof v !== "object" || v === null || isArray(v)) return REJECTED;`];
    if (this.reuse) {
      // The input can be returned as it is when its keys come in the schema's order, each parsing to itself, and
      // every key it has is one it enumerates (`in` also sees inherited ones, which zod would copy).
      const index = this.ref(new Map(keys.map((k, i) => [k, i])));
      lines.push(
        // A plain object only: zod's value always is one (JSON.parse makes nothing else).
        "let last = -1, n = 0, m = 0, same = getPrototypeOf(v) === objectPrototype;",
        `for (const key in v) {\nconst j = ${index}.get(key);\nif (j === undefined) return REJECTED;\nif (j <= last) same = false;\nlast = j;\nn++;\n}`,
      );
    } else lines.push(`for (const key in v) if (!${this.ref(new Set(keys))}.has(key)) return REJECTED;`);
    // First every key's value (and whether the key is there), then the result: what zod's object parse does with
    // each key, by mode (see modeOf).
    const assign: string[] = [];
    keys.forEach((key, i) => {
      const k = JSON.stringify(key);
      const parse = this.node(shape[key]!, depth + 1);
      const [x, p] = [`x${i}`, `p${i}`];
      lines.push(`const ${p} = ${k} in v;`);
      if (this.reuse) lines.push(`if (${p}) m++;`);
      switch (modeOf(shape[key]!)) {
        case "required":
          lines.push(`const ${x} = ${parse}(v[${k}]);`, `if (${x} === REJECTED || !${p}) return REJECTED;`);
          assign.push(`out[${k}] = ${x};`);
          break;
        case "optional":
          lines.push(`const ${x} = ${p} ? ${parse}(v[${k}]) : undefined;`, `if (${x} === REJECTED) return REJECTED;`);
          assign.push(`if (${p}) out[${k}] = ${x};`);
          break;
        case "optionalDefaulted":
          // zod drops the issues of an absent key that is optional on both sides.
          lines.push(`let ${x} = ${parse}(v[${k}]);`, `if (${x} === REJECTED) {\nif (${p}) return REJECTED;\n${x} = undefined;\n}`);
          assign.push(`if (${p} || ${x} !== undefined) out[${k}] = ${x};`);
          break;
        case "defaulted":
          lines.push(`const ${x} = ${parse}(v[${k}]);`, `if (${x} === REJECTED) return REJECTED;`);
          assign.push(`out[${k}] = ${x};`);
          break;
        case "optionalIn":
          lines.push(`const ${x} = ${parse}(v[${k}]);`, `if (${x} === REJECTED) return REJECTED;`);
          assign.push(`if (${x} !== undefined || ${p}) out[${k}] = ${x};`);
          break;
      }
      if (this.reuse) lines.push(`if (${x} !== v[${k}]) same = false;`);
    });
    // The object's own checks read the parsed value.
    let verdict = (value: string): string => `return ${value};`;
    if (checks.length > 0) {
      const name = `n${this.code.length}`;
      this.code.push(`function ${name}(v) {\nreturn ${checks.join(" && ")};\n}`);
      verdict = (value) => `return ${name}(${value}) ? ${value} : REJECTED;`;
    }
    if (this.reuse) lines.push(`if (same && n === m) ${verdict("v")}`);
    lines.push("const out = {};", ...assign, verdict("out"));
    return lines.join("\n");
  }

  /** Each check as a condition on an already well-typed `v`, or undefined when one is of a kind not compiled. */
  private checks(checks: readonly Schema[], isString: boolean): string[] | undefined {
    const out: string[] = [];
    for (const check of checks) {
      const condition = this.check(check._zod.def, isString);
      if (condition === undefined) return undefined;
      out.push(condition);
    }
    return out;
  }

  private check(c: Def, isString: boolean): string | undefined {
    // Only the length checks come with a condition (zod's own: the value has a length, which strings and arrays have).
    if (c.when !== undefined && c.check !== "min_length" && c.check !== "max_length") return undefined;
    const limit = c.value;
    switch (c.check) {
      case "less_than":
        return typeof limit === "number" ? `(v ${c.inclusive ? "<=" : "<"} ${this.ref(limit)})` : undefined;
      case "greater_than":
        return typeof limit === "number" ? `(v ${c.inclusive ? ">=" : ">"} ${this.ref(limit)})` : undefined;
      case "number_format":
        return c.format === "safeint" ? "isSafeInteger(v)" : undefined;
      // zod counts a string's length in code points (at least half its UTF-16 length, at most all of it).
      case "min_length": {
        const min = c.minimum!;
        return isString ? `(v.length >= ${2 * min} || (v.length >= ${min} && codePoints(v) >= ${min}))` : `(v.length >= ${min})`;
      }
      case "max_length": {
        const max = c.maximum!;
        return isString ? `(v.length <= ${max} || codePoints(v) <= ${max})` : `(v.length <= ${max})`;
      }
      case "string_format": {
        // Other string formats (url, email, …) may check more than their pattern.
        if (!c.pattern || c.format !== "regex") return undefined;
        const pattern = this.ref(c.pattern);
        return `(${pattern}.lastIndex = 0, ${pattern}.test(v))`;
      }
      case "custom":
        return c.fn ? `truthy(${this.ref(c.fn)}(v))` : undefined;
      default:
        return undefined;
    }
  }
}

/** A refinement's verdict as zod reads it (a promise is not a verdict a synchronous parse can use). */
const truthy = (r: unknown): boolean => !(r instanceof Promise) && Boolean(r);

/**
 * How zod's object parse treats a key, from its schema's `optin` / `optout`: required; optional (written only when
 * present); optional over a default (written when present or defined; issues of an absent key dropped); defaulted
 * (always written); or optional in only (written when present or defined).
 */
type FieldMode = "required" | "optional" | "optionalDefaulted" | "defaulted" | "optionalIn";
function modeOf(schema: Schema): FieldMode {
  const { optin, optout } = schema._zod;
  if (optin === undefined) return "required";
  if (optout === "optional") return optin === "optional" ? "optional" : "optionalDefaulted";
  return optin === "defaulted" ? "defaulted" : "optionalIn";
}

/** A string's length in code points (a surrogate pair is one). */
function codePoints(v: string): number {
  let n = v.length;
  for (let i = 0; i + 1 < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = v.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}
