import { type Facts, computeFacts } from "../facts/catalogue.js";
import type { Apartment } from "../model/apartment.js";
import type { Household } from "../model/household.js";
import { HouseholdChecker, checkApartments, crossCheck } from "../model/input.js";
import { type Issue, type Result, fail, ok } from "../model/issue.js";
import { type HouseholdSink, LineStore, NdjsonAssembler, householdOfLine } from "../model/ndjson.js";
import { parseHeader, parseParts } from "../model/parse.js";
import { type UnhashedRun, validateAndPreparePartsUnhashed } from "./allocate.js";
import { type DesignationUsage, checkDesignations } from "./designations.js";
import { type Indexed, PrepareBuilder, type RunInput } from "./prepare.js";

/** Records rebuilt on demand that are kept for a while: an explanation reads the same few households again and again. */
const RECENT = 256;

/** A small first-in, first-out cache in front of a function of an index. */
class Recent<T> implements Indexed<T> {
  private readonly kept = new Map<number, T>();

  constructor(
    readonly length: number,
    private readonly build: (index: number) => T,
  ) {}

  at(index: number): T | undefined {
    if (!(Number.isInteger(index) && index >= 0 && index < this.length)) return undefined;
    const hit = this.kept.get(index);
    if (hit !== undefined) return hit;
    const value = this.build(index);
    if (this.kept.size >= RECENT) this.kept.delete(this.kept.keys().next().value!);
    this.kept.set(index, value);
    return value;
  }
}

/**
 * An NDJSON input read line by line into a prepared run, keeping no household record (docs/performance.md): each
 * household is validated, checked against the records before it and prepared as its line arrives, and only its line
 * is kept, as bytes, to rebuild it by the same validation when an explanation or a proposal's priority key needs it.
 * The issues, their order and the run are those of reading every line first (`NdjsonAssembler`) and then
 * `validateAndPreparePartsUnhashed`: the same checks, made earlier (tests hold the two paths equal).
 */
export class NdjsonRunReader implements HouseholdSink {
  private readonly assembler: NdjsonAssembler;
  private opened = false;
  /** Present while every line so far is valid: once one is not, the run fails and nothing more is prepared. */
  private builder: PrepareBuilder | undefined;
  private input: RunInput | undefined;
  private designations: DesignationUsage | undefined;
  private checker: HouseholdChecker | undefined;
  private readonly householdIssues: Issue[] = [];
  /** Valid households' ids, in order: where the repeated-id check looks once ids stop rising. */
  private readonly ids: string[] = [];
  private readonly lines = new LineStore();

  /** With `hash: false` the canonical input hash is left to the caller, as with `NdjsonAssembler`. */
  constructor(options: { hash?: boolean } = {}) {
    this.assembler = new NdjsonAssembler({ ...options, sink: this });
  }

  /** Adds one line (1-based `lineNo`). Never throws. */
  push(text: string, lineNo: number): void {
    this.assembler.push(text, lineNo);
  }

  /** @internal The assembler's call for each household line (see {@link HouseholdSink}). */
  household(household: Household | undefined, index: number, text: string, ranked: Int32Array, rankedAt: number): void {
    if (!this.opened) this.open();
    if (!household) {
      this.builder = undefined;
      return;
    }
    this.checker?.check(household, index, this.householdIssues, ranked, rankedAt);
    this.ids.push(household.id);
    if (this.householdIssues.length > 0 || this.assembler.soFar().lineIssues.length > 0) this.builder = undefined;
    if (!this.builder) return;
    this.builder.add(household, ranked, rankedAt);
    this.lines.add(text);
  }

  /** At the first household line: the header and every apartment are in, so the households can be checked and prepared. */
  private open(): void {
    this.opened = true;
    const { header, apartments, lineIssues, recordIssues } = this.assembler.soFar();
    if (!header) return;
    const { parsed, policy, asOf } = parseHeader(header, ["line", 1]);
    if (asOf === undefined) return;
    const resolved = policy?.ok ? policy.value : undefined;
    const apartmentIssues: Issue[] = [];
    const apartmentIds = checkApartments(apartments, resolved, apartmentIssues);
    this.checker = new HouseholdChecker(asOf, apartmentIds, apartments.length, true, false, () => this.ids);
    if (lineIssues.length > 0 || recordIssues.length > 0 || apartmentIssues.length > 0 || !parsed.success || !resolved) return;
    const input: RunInput = { ...parsed.data, policy: resolved, apartments: apartments as Apartment[] };
    const caps = checkDesignations(input.apartments, input.stock, input.policy);
    if (caps.issues.length > 0) return;
    this.input = input;
    this.designations = caps.usage;
    this.builder = new PrepareBuilder(input);
  }

  /**
   * The prepared run and, when the reader hashed, the input hash; or every issue, with paths naming lines. Nothing
   * partial: any issue anywhere fails the whole input.
   */
  finish(): Result<{ run: UnhashedRun; inputSha256?: string }> {
    const done = this.assembler.finish();
    if (!done.ok) return done;
    const { parts } = done;
    const remap = (issues: Issue[]): Issue[] => this.assembler.remapIssues(issues);
    const hashed = (run: UnhashedRun) => ok(parts.inputSha256 === undefined ? { run } : { run, inputSha256: parts.inputSha256 });
    if (!this.opened) {
      // No household lines: the parts are the whole input.
      const run = validateAndPreparePartsUnhashed(parts, remap);
      return run.ok ? hashed(run.value) : run;
    }
    const parsed = parseParts(parts, ["line", 1], (asOf, policy) => [...crossCheck({ asOf, households: [], apartments: parts.apartments }, policy), ...this.householdIssues]);
    if (!parsed.ok) return fail(remap(parsed.issues));
    const { builder, input, designations } = this;
    if (!builder || !input || !designations) {
      const caps = checkDesignations(parsed.value.apartments, parsed.value.stock, parsed.value.policy);
      if (caps.issues.length > 0) return fail(remap(caps.issues));
      throw new Error("invariant: a valid NDJSON input was not prepared");
    }
    const households = new Recent(this.lines.length, (h) => householdOfLine(this.lines.at(h)!));
    const factCtx = { asOf: input.asOf, policy: input.policy };
    const facts: Indexed<Facts> = new Recent(this.lines.length, (h) => computeFacts(households.at(h)!, factCtx));
    return hashed({ input, designations, prepared: builder.finish(households, facts) });
  }
}
