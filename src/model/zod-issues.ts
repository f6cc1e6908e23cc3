import type { core } from "zod";
import { type Issue, type Path, issue } from "./issue.js";

const TYPE_SV: Record<string, string> = {
  string: "text",
  number: "tal",
  int: "heltal",
  boolean: "sant/falskt",
  object: "objekt",
  array: "lista",
  null: "null",
  undefined: "saknas",
};

function typeSv(t: string): string {
  return TYPE_SV[t] ?? t;
}

/** Echoes short category strings back (enum typos); never numbers or free text, which may be personal data. */
function safeEcho(input: unknown): string | undefined {
  return typeof input === "string" && input.length <= 40 && /^[A-Za-z0-9._:-]*$/.test(input) ? input : undefined;
}

function received(input: unknown): string {
  if (input === undefined) return "undefined";
  if (input === null) return "null";
  if (Array.isArray(input)) return "array";
  return typeof input;
}

/** Translates zod issues to bilingual contract issues; `base` prefixes every path. */
export function fromZodIssues(zodIssues: readonly core.$ZodIssue[], base: Path = []): Issue[] {
  const out: Issue[] = [];
  for (const z of zodIssues) translate(z, base, out);
  return out;
}

function translate(z: core.$ZodIssue, base: Path, out: Issue[]): void {
  const path: Path = [...base, ...z.path.map((p) => (typeof p === "symbol" ? String(p) : p))];
  const last = path[path.length - 1];
  switch (z.code) {
    case "invalid_type": {
      const got = received(z.input);
      if (z.expected === "int" && got === "number") {
        out.push(issue("not_integer", path, "Värdet måste vara ett heltal.", "The value must be a whole number.", { expected: "int" }));
      } else if (got === "undefined") {
        out.push(issue("invalid_type", path, `Fältet saknas (förväntade ${typeSv(z.expected)}).`, `The field is missing (expected ${z.expected}).`, { expected: z.expected, received: "missing" }));
      } else {
        out.push(issue("invalid_type", path, `Fel typ: förväntade ${typeSv(z.expected)}, fick ${typeSv(got)}.`, `Wrong type: expected ${z.expected}, got ${got}.`, { expected: z.expected, received: got }));
      }
      return;
    }
    case "unrecognized_keys":
      for (const key of z.keys) {
        out.push(issue("unrecognized_key", [...path, key], `Okänt fält "${key}" (stavfel?). Okända fält avvisas så att ett stavfel inte tyst ändrar ett utfall.`, `Unknown field "${key}" (a typo?). Unknown fields are rejected so that a typo cannot silently change an outcome.`, { received: key }));
      }
      return;
    case "invalid_value":
      if (last === "fact") {
        out.push(issue("unknown_fact", path, `Okänt faktum "${String(z.input)}"; villkor får bara använda fakta i katalogen.`, `Unknown fact "${String(z.input)}"; conditions may only name facts in the catalogue.`, { expected: z.values, received: safeEcho(z.input) }));
      } else {
        out.push(issue("invalid_value", path, `Ogiltigt värde; tillåtna värden: ${z.values.map(String).join(", ")}.`, `Invalid value; allowed values: ${z.values.map(String).join(", ")}.`, { expected: z.values, received: safeEcho(z.input) }));
      }
      return;
    case "too_small":
    case "too_big": {
      const small = z.code === "too_small";
      const bound = Number(small ? (z as core.$ZodIssueTooSmall).minimum : (z as core.$ZodIssueTooBig).maximum);
      const what = z.origin === "array" ? ["antal element", "number of items"] : z.origin === "string" ? ["längd", "length"] : ["värde", "value"];
      out.push(
        issue(
          small ? "too_small" : "too_big",
          path,
          `För ${small ? "litet" : "stort"} ${what[0]}: ${small ? "minst" : "högst"} ${bound}.`,
          `${what[1]![0]!.toUpperCase()}${what[1]!.slice(1)} too ${small ? "small" : "large"}: ${small ? "at least" : "at most"} ${bound}.`,
          z.origin === "array" && Array.isArray(z.input) ? { expected: small ? { min: bound } : { max: bound }, received: z.input.length } : { expected: small ? { min: bound } : { max: bound } },
        ),
      );
      return;
    }
    case "invalid_format":
      if (z.message === "date") {
        out.push(issue("invalid_date", path, "Datum ska skrivas ÅÅÅÅ-MM-DD.", "Dates are written YYYY-MM-DD.", { expected: "YYYY-MM-DD" }));
      } else if (z.message === "id") {
        out.push(issue("invalid_format", path, "Id får bara innehålla bokstäver a–z, siffror och - _ . : (högst 64 tecken).", "Ids may only contain letters a–z, digits and - _ . : (at most 64 characters).", { expected: "pseudonymous id" }));
      } else {
        out.push(issue("invalid_format", path, `Felaktigt format (${z.format}).`, `Invalid format (${z.format}).`, { expected: z.format }));
      }
      return;
    case "custom":
      if (z.message === "calendar") {
        out.push(issue("invalid_date", path, "Datumet finns inte i kalendern.", "The date does not exist in the calendar.", { expected: "a real calendar date" }));
      } else {
        out.push(issue("invalid_value", path, z.message, z.message));
      }
      return;
    case "invalid_union": {
      // Report the branch that got furthest (most path depth) so the message points at the real problem.
      const branches = z.errors.filter((b) => b.length > 0);
      if (branches.length > 0) {
        const depth = (b: readonly core.$ZodIssue[]) => Math.max(...b.map((i) => i.path.length));
        // On equal depth the branch with fewer issues fits best (a condition leaf with an unknown fact, not `{ all }`).
        const best = branches.reduce((a, b) => (depth(b) > depth(a) || (depth(b) === depth(a) && b.length < a.length) ? b : a));
        if (depth(best) > 0) {
          for (const inner of best) translate(inner, path, out);
          return;
        }
      }
      out.push(issue("invalid_value", path, "Värdet passar inte någon av de tillåtna formerna.", "The value matches none of the allowed forms.", { received: received(z.input) }));
      return;
    }
    case "invalid_key":
    case "invalid_element":
      for (const inner of z.issues) translate(inner, path, out);
      return;
    case "not_multiple_of":
      out.push(issue("invalid_value", path, `Värdet måste vara en multipel av ${String(z.divisor)}.`, `The value must be a multiple of ${String(z.divisor)}.`));
      return;
  }
}
