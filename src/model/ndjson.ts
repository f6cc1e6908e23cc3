import { type Issue, type Path, issue } from "./issue.js";

/**
 * NDJSON input (docs/input.md): line 1 is a header with every top-level field except `households` and
 * `apartments`; each further line is `{"household": {…}}` or `{"apartment": {…}}`. Blank lines are skipped.
 * The assembler builds the same document the JSON path validates, and remembers each record's line so issue
 * paths can say `["line", 12, "household", …]` instead of `["households", 10, …]`.
 */
export class NdjsonAssembler {
  private header: Record<string, unknown> | undefined;
  private readonly households: unknown[] = [];
  private readonly apartments: unknown[] = [];
  private readonly householdLines: number[] = [];
  private readonly apartmentLines: number[] = [];
  private headerLine = 0;
  private readonly issues: Issue[] = [];

  /** Adds one line (1-based `lineNo`). Never throws. */
  push(text: string, lineNo: number): void {
    if (text.trim() === "") return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      this.issues.push(issue("invalid_json", ["line", lineNo], `Rad ${lineNo} är inte giltig JSON.`, `Line ${lineNo} is not valid JSON.`));
      return;
    }
    if (this.header === undefined && this.headerLine === 0) {
      this.headerLine = lineNo;
      if (!isRecord(value)) {
        this.issues.push(issue("invalid_type", ["line", lineNo], "Första raden ska vara ett huvud-objekt (schemaVersion, asOf, seed, policy, stock).", "The first line must be a header object (schemaVersion, asOf, seed, policy, stock).", { expected: "object" }));
        return;
      }
      for (const key of ["households", "apartments"]) {
        if (Object.hasOwn(value, key)) {
          this.issues.push(issue("unrecognized_key", ["line", lineNo, key], `Huvudet får inte innehålla "${key}"; ge en post per rad.`, `The header must not contain "${key}"; give one record per line.`, { received: key }));
        }
      }
      this.header = value;
      return;
    }
    const keys = isRecord(value) ? Object.keys(value) : [];
    if (!isRecord(value) || keys.length !== 1 || (keys[0] !== "household" && keys[0] !== "apartment")) {
      this.issues.push(issue("invalid_value", ["line", lineNo], 'Varje rad efter huvudet ska vara {"household": …} eller {"apartment": …}.', 'Every line after the header must be {"household": …} or {"apartment": …}.', { expected: ["household", "apartment"] }));
      return;
    }
    if (keys[0] === "household") {
      this.households.push(value["household"]);
      this.householdLines.push(lineNo);
    } else {
      this.apartments.push(value["apartment"]);
      this.apartmentLines.push(lineNo);
    }
  }

  /** The assembled document, or the line-level issues found while reading. */
  finish(): { ok: true; raw: Record<string, unknown> } | { ok: false; issues: Issue[] } {
    if (this.header === undefined && this.issues.length === 0) {
      this.issues.push(issue("invalid_json", ["line", 1], "Indata är tom: huvudraden saknas.", "The input is empty: the header line is missing."));
    }
    if (this.issues.length > 0) return { ok: false, issues: this.issues };
    return { ok: true, raw: { ...this.header, households: this.households, apartments: this.apartments } };
  }

  /** Rewrites a path into the assembled document as a path into the NDJSON lines. */
  remap(path: Path): Path {
    const [head, index, ...rest] = path;
    if (head === "households" && typeof index === "number" && index < this.householdLines.length) return ["line", this.householdLines[index]!, "household", ...rest];
    if (head === "apartments" && typeof index === "number" && index < this.apartmentLines.length) return ["line", this.apartmentLines[index]!, "apartment", ...rest];
    return ["line", this.headerLine || 1, ...path];
  }

  /** Issues of the assembled document with NDJSON line paths. */
  remapIssues(issues: readonly Issue[]): Issue[] {
    return issues.map((i) => ({ ...i, path: this.remap(i.path) }));
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Writes a JSON input document as NDJSON lines (header, then one record per line). */
export function* toNdjsonLines(doc: { households: readonly unknown[]; apartments: readonly unknown[] } & Record<string, unknown>): Generator<string> {
  const { households, apartments, ...header } = doc;
  yield JSON.stringify(header);
  for (const a of apartments) yield JSON.stringify({ apartment: a });
  for (const h of households) yield JSON.stringify({ household: h });
}
