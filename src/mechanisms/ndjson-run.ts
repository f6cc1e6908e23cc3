import { type Facts, computeFacts } from "../facts/catalogue.js";
import type { Apartment } from "../model/apartment.js";
import type { Household } from "../model/household.js";
import { HouseholdChecker, checkApartments, crossCheck, strictlyIncreasing } from "../model/input.js";
import { type Issue, type Result, fail, ok } from "../model/issue.js";
import { type HouseholdSink, LineStore, NdjsonAssembler, type NdjsonParts, type StoredLines, householdOfLine } from "../model/ndjson.js";
import { parseHeader, parseParts } from "../model/parse.js";
import { type UnhashedRun, validateAndPreparePartsUnhashed } from "./allocate.js";
import { type DesignationUsage, checkDesignations } from "./designations.js";
import { type Indexed, type PartMessage, PrepareBuilder, type PreparedPart, type RunInput, partMessage, partOfMessage } from "./prepare.js";

/** Records rebuilt on demand that are kept for a while: an explanation reads the same few households again and again. */
const RECENT = 256;
/** Rebuilds of records not kept after which all are rebuilt, in order, and kept (see {@link Recent}). */
const MANY = 4096;

/**
 * A small first-in, first-out cache in front of a function of an index. Once more than an eighth of the records (and
 * more than {@link MANY}) have been rebuilt, every record is rebuilt in one pass and kept: a result at detail "full"
 * reads each ineligible applicant's record vacancy by vacancy, in no useful order, where one pass costs a rebuild each.
 * @internal Exported for its test.
 */
export class Recent<T> implements Indexed<T> {
  private readonly kept = new Map<number, T>();
  private all: T[] | undefined;
  private rebuilt = 0;

  constructor(
    readonly length: number,
    private readonly build: (index: number) => T,
  ) {}

  at(index: number): T | undefined {
    if (!(Number.isInteger(index) && index >= 0 && index < this.length)) return undefined;
    if (this.all) return this.all[index];
    const hit = this.kept.get(index);
    if (hit !== undefined) return hit;
    if (++this.rebuilt > Math.max(MANY, this.length / 8)) {
      this.all = Array.from({ length: this.length }, (_, k) => this.kept.get(k) ?? this.build(k));
      this.kept.clear();
      return this.all[index];
    }
    const value = this.build(index);
    if (this.kept.size >= RECENT) this.kept.delete(this.kept.keys().next().value!);
    this.kept.set(index, value);
    return value;
  }
}

/**
 * What a reader of an input's later household lines hands to the reader of the earlier ones
 * ({@link NdjsonRunReader.half}, {@link NdjsonRunReader.finishWith}): plain data and typed arrays.
 */
export interface ReaderHalf {
  part: PartMessage;
  lines: StoredLines;
  /** The canonical text of its household records, comma-separated, for the whole input's hash. */
  hash: { chunks: Uint8Array[]; count: number };
  /** How many apartment records it read: the same lines as the other reader's, or the split went wrong. */
  apartments: number;
}

/** Whether no id of `later` is also in `earlier` (each list's own repeats are its reader's issues). */
function distinct(earlier: readonly string[], later: readonly string[]): boolean {
  // Ids rising strictly across both lists (the usual export) cannot repeat; otherwise a set of the earlier ones.
  const joinRises = earlier.length === 0 || later.length === 0 || earlier[earlier.length - 1]! < later[0]!;
  if (joinRises && strictlyIncreasing(earlier) && strictlyIncreasing(later)) return true;
  const seen = new Set(earlier);
  return later.every((id) => !seen.has(id));
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

  /**
   * With `hash: false` the canonical input hash is left to the caller, as with `NdjsonAssembler`; with
   * `hash: "households"` the reader writes its households' canonical text for another reader's hash (see {@link half}).
   */
  constructor(options: { hash?: boolean | "households" } = {}) {
    this.assembler = new NdjsonAssembler({ ...options, sink: this });
  }

  /** Adds one line (1-based `lineNo`). Never throws. */
  push(text: string, lineNo: number): void {
    this.assembler.push(text, lineNo);
  }

  /**
   * Sorts this reader's households by each rule's priority now, for {@link finishWith}: the thread reading the earlier
   * lines does it while the other finishes. No line can be pushed afterwards.
   */
  sortShare(): void {
    this.builder?.part();
  }

  /** Whether a line read so far had an issue once households began (the run will fail; nothing more is prepared). */
  failed(): boolean {
    return this.opened && this.builder === undefined;
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
    const parsed = this.parsedParts(parts);
    if (!parsed.ok) return fail(remap(parsed.issues));
    const { builder, input, designations } = this;
    if (!builder || !input || !designations) {
      const caps = checkDesignations(parsed.value.apartments, parsed.value.stock, parsed.value.policy);
      if (caps.issues.length > 0) return fail(remap(caps.issues));
      throw new Error("invariant: a valid NDJSON input was not prepared");
    }
    return hashed({ input, designations, prepared: this.joined(builder, input) });
  }

  /**
   * The header and apartments validated with their cross-record checks, and the households' issues found line by line
   * (their records are not kept, so the households' own cross-record checks were made as they arrived).
   */
  private parsedParts(parts: NdjsonParts) {
    return parseParts(parts, ["line", 1], (asOf, policy) => [...crossCheck({ asOf, households: [], apartments: parts.apartments }, policy), ...this.householdIssues]);
  }

  /** The run over this reader's households and then `later`'s, whose lines have been appended to `this.lines`. */
  private joined(builder: PrepareBuilder, input: RunInput, later: readonly PreparedPart[] = []) {
    const households = new Recent(this.lines.length, (h) => householdOfLine(this.lines.at(h)!));
    const factCtx = { asOf: input.asOf, policy: input.policy };
    const facts: Indexed<Facts> = new Recent(this.lines.length, (h) => computeFacts(households.at(h)!, factCtx));
    return builder.finish(households, facts, later);
  }

  /**
   * For a reader given the input's header, apartment lines and a later share of its household lines (another thread's,
   * see the CLI's split reading): what it read, as a message and the buffers to transfer with it. Undefined when any
   * line had an issue or it read no household: the input is then read again whole in one thread, for exact issues.
   */
  half(): { half: ReaderHalf; transfer: ArrayBuffer[] } | undefined {
    const done = this.assembler.finish();
    if (!done.ok || done.parts.recordIssues.length > 0 || this.householdIssues.length > 0 || !this.builder) return undefined;
    const hash = this.assembler.householdBytes();
    if (!hash) return undefined;
    const { message, transfer } = partMessage(this.builder.part());
    const lines = this.lines.stored();
    const buffers = [...lines.chunks, lines.chunkOf, lines.start, lines.end, ...hash.chunks].map((a) => a.buffer as ArrayBuffer);
    return { half: { part: message, lines, hash, apartments: done.parts.apartments.length }, transfer: [...new Set([...transfer, ...buffers])] };
  }

  /**
   * The run over this reader's lines (the header, the apartments and the earlier household lines, hashing) followed by
   * `later`'s households ({@link half} of a reader of the rest). The same run and input hash as one reader of every line;
   * undefined when either share had an issue, the two read different apartments, or an id repeats across them: the
   * caller then reads the whole input in one thread, which reports the issues with their line numbers.
   */
  finishWith(later: ReaderHalf): { run: UnhashedRun; inputSha256: string } | undefined {
    const { builder, input, designations } = this;
    if (!builder || !input || !designations || this.householdIssues.length > 0) return undefined;
    this.assembler.appendHouseholds(later.hash);
    const done = this.assembler.finish();
    if (!done.ok || done.parts.recordIssues.length > 0 || done.parts.apartments.length !== later.apartments) return undefined;
    const { parts } = done;
    const inputSha256 = parts.inputSha256;
    if (inputSha256 === undefined) return undefined;
    if (!this.parsedParts(parts).ok) return undefined;
    const theirs = partOfMessage(later.part, input.policy);
    if (!distinct(this.ids, theirs.ids)) return undefined;
    this.lines.append(later.lines);
    return { run: { input, designations, prepared: this.joined(builder, input, [theirs]) }, inputSha256 };
  }
}
