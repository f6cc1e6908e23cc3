import { P, match } from "ts-pattern";
import type { FactValue, Facts } from "../facts/catalogue.js";
import type { FactId } from "../facts/ids.js";
import type { Condition, ConditionValue, Operator } from "../model/policy.js";

/** One leaf of a condition as evaluated: the fact read, its value, the operator, the compared value and the outcome. */
export interface TraceEntry {
  fact: FactId;
  value: FactValue;
  op: Operator;
  expected: ConditionValue;
  result: boolean;
}

/** A condition's outcome and the trace of every leaf, passes and failures alike, in document order. */
export interface Evaluation {
  result: boolean;
  trace: TraceEntry[];
}

/**
 * Evaluates a condition over a household's facts. Every leaf is evaluated (no short-circuit), so the
 * trace shows each fact read with its value, whether the leaf passed or not.
 *
 * @example
 * evaluate({ fact: "children.count", op: "gte", value: 1 }, facts) // { result: true, trace: [{ fact: "children.count", value: 2, op: "gte", expected: 1, result: true }] }
 */
export function evaluate(condition: Condition, facts: Facts): Evaluation {
  const trace: TraceEntry[] = [];
  const result = compiled(condition)(facts, trace);
  return { result, trace };
}

/**
 * Whether a condition holds, by the same compiled evaluation as {@link evaluate} without recording the trace: for
 * preparing a national-scale run, where the traces would be thrown away (explanations call `evaluate`).
 *
 * @example holds({ fact: "children.count", op: "gte", value: 1 }, facts) // true
 */
export function holds(condition: Condition, facts: Facts): boolean {
  return compiled(condition)(facts, undefined);
}

/** A compiled condition: its outcome, with each leaf appended to `trace` when one is given. */
type Compiled = (facts: Facts, trace: TraceEntry[] | undefined) => boolean;

// Conditions are compiled once per condition object (policies are immutable once resolved), then evaluated many times.
const cache = new WeakMap<Condition, Compiled>();

function compiled(condition: Condition): Compiled {
  let fn = cache.get(condition);
  if (!fn) {
    fn = compile(condition);
    cache.set(condition, fn);
  }
  return fn;
}

function compile(condition: Condition): Compiled {
  return match(condition)
    .with({ all: P.array() }, ({ all }): Compiled => {
      const parts = all.map(compiled);
      return (facts, trace) => {
        let result = true;
        // Evaluate first, combine second: every leaf lands in the trace.
        for (const part of parts) result = part(facts, trace) && result;
        return result;
      };
    })
    .with({ any: P.array() }, ({ any }): Compiled => {
      const parts = any.map(compiled);
      return (facts, trace) => {
        let result = false;
        for (const part of parts) result = part(facts, trace) || result;
        return result;
      };
    })
    .with({ not: P.nonNullable }, ({ not }): Compiled => {
      const inner = compiled(not);
      return (facts, trace) => !inner(facts, trace);
    })
    .with({ fact: P.string }, ({ fact, op, value: expected }): Compiled => {
      const test = comparator(op, expected);
      return (facts, trace) => {
        const value = facts[fact];
        const result = test(value);
        trace?.push({ fact, value, op, expected, result });
        return result;
      };
    })
    .exhaustive();
}

type Scalar = string | number | boolean | null;
const isList = (v: FactValue | ConditionValue): v is readonly string[] | Scalar[] => Array.isArray(v);

/**
 * Operator semantics: `eq`/`ne` compare scalars strictly and lists as sets; `in` holds when a scalar fact is one
 * of the listed values, or a list fact shares at least one element with them (a scalar `value` acts as a one-element
 * list); `gt gte lt lte` hold only when both sides are numbers.
 *
 * @example compare("in", ["elevator"], ["wheelchair", "elevator"]) // true
 */
export function compare(op: Operator, value: FactValue, expected: ConditionValue): boolean {
  return comparator(op, expected)(value);
}

function comparator(op: Operator, expected: ConditionValue): (value: FactValue) => boolean {
  const n = typeof expected === "number" ? expected : undefined;
  return match(op)
    .with("eq", () => (v: FactValue) => equals(v, expected))
    .with("ne", () => (v: FactValue) => !equals(v, expected))
    .with("in", () => (v: FactValue) => isIn(v, expected))
    .with("gt", () => (v: FactValue) => n !== undefined && typeof v === "number" && v > n)
    .with("gte", () => (v: FactValue) => n !== undefined && typeof v === "number" && v >= n)
    .with("lt", () => (v: FactValue) => n !== undefined && typeof v === "number" && v < n)
    .with("lte", () => (v: FactValue) => n !== undefined && typeof v === "number" && v <= n)
    .exhaustive();
}

function equals(value: FactValue, expected: ConditionValue): boolean {
  if (isList(value) && isList(expected)) {
    const have: readonly Scalar[] = value;
    const want: readonly Scalar[] = expected;
    for (const v of have) if (!want.includes(v)) return false;
    for (const e of want) if (!have.includes(e)) return false;
    return true;
  }
  if (isList(value) || isList(expected)) return false;
  return value === expected;
}

function isIn(value: FactValue, expected: ConditionValue): boolean {
  const options: readonly Scalar[] = isList(expected) ? expected : [expected];
  if (isList(value)) {
    const have: readonly Scalar[] = value;
    for (const v of have) if (options.includes(v)) return true;
    return false;
  }
  return options.includes(value);
}
