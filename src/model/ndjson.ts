import { ByteCollector, CanonicalHasher } from "../audit/canonical.js";
import { type Apartment, ApartmentSchema } from "./apartment.js";
import { type FastParse, REJECTED, compileParser } from "./fast-parse.js";
import { type Household, HouseholdSchema } from "./household.js";
import { type Issue, type Path, issue } from "./issue.js";
import { prescan } from "./prescan.js";
import { fromZodIssues } from "./zod-issues.js";

/** An NDJSON input read and checked record by record (see {@link NdjsonAssembler}). */
export interface NdjsonParts {
  header: Record<string, unknown>;
  /** Each record validated by the same schema as in a JSON input; `undefined` where it failed (its issues are in `recordIssues`). */
  households: (Household | undefined)[];
  apartments: (Apartment | undefined)[];
  recordIssues: Issue[];
  /**
   * RFC 8785 hash of the assembled document `{ ...header, apartments, households }`, streamed while reading; undefined
   * when the assembler was told not to hash (the CLI hashes the same lines in a worker thread, see {@link ndjsonInputHash}).
   */
  inputSha256: string | undefined;
  /**
   * The apartment index (in `apartments`) of every ranking entry of the valid households, in order, -1 for an entry
   * naming no apartment: what `prepare` would otherwise look up per ranked pair. It is only read when every record
   * is valid, as a run needs.
   */
  rankedApartments?: Int32Array;
}

/**
 * Takes each household line's record as it is read, instead of the assembler keeping it (see `NdjsonRunReader`):
 * `household` is the validated record (undefined when it failed its schema, its issues being the assembler's),
 * `index` its place among the household lines, `text` the line, and `ranked` from `rankedAt` its ranking entries'
 * apartment indices (a valid record's only; the array is the assembler's and grows, so it is read during the call).
 */
export interface HouseholdSink {
  household(household: Household | undefined, index: number, text: string, ranked: Int32Array, rankedAt: number): void;
}

// A line's value is parsed here and held by nobody else: the validated record may keep its objects (see compileParser).
const parseHousehold = compileParser(HouseholdSchema, { reuse: true });
const parseApartment = compileParser(ApartmentSchema, { reuse: true });

/**
 * NDJSON input (docs/input.md, "Large runs"): line 1 is a header with every top-level field except `households`
 * and `apartments`; each further line is `{"apartment": {…}}` or `{"household": {…}}`, apartments first. Blank lines
 * are skipped. Each record is validated with the input schema as it arrives and only the validated record is kept,
 * and the canonical input hash is streamed in RFC 8785 key order, so a national queue never exists twice in memory.
 * Issue paths name lines: `["line", 12, "household", "members", 0, "birthDate"]`.
 */
export class NdjsonAssembler {
  private header: Record<string, unknown> | undefined;
  private headerLine = 0;
  private readonly households: (Household | undefined)[] = [];
  private readonly apartments: (Apartment | undefined)[] = [];
  private readonly householdLines: number[] = [];
  private readonly apartmentLines: number[] = [];
  private readonly lineIssues: Issue[] = [];
  private readonly recordIssues: Issue[] = [];
  private hash: DocumentHash | HouseholdBytes | undefined;
  private readonly hashing: boolean | "households";
  /** Each valid apartment's index in `apartments`, by id (the first, when an id repeats: the cross-record checks report that). */
  private readonly apartmentIndex = new Map<string, number>();
  /** Apartment ids by index (undefined for an invalid record): a small array, where the records are spread over the heap. */
  private readonly apartmentIds: (string | undefined)[] = [];
  private ranked = new Int32Array(1 << 16);
  private rankedLength = 0;

  private readonly sink: HouseholdSink | undefined;

  /**
   * With `hash: false` the canonical input hash is left to the caller (it is the expensive half of reading); with
   * `hash: "households"` only the households' canonical text is written, for another reader's hash
   * ({@link householdBytes}, {@link appendHouseholds}). With a `sink`, household records go to it as they are read and
   * `parts.households` stays empty.
   */
  constructor(options: { hash?: boolean | "households"; sink?: HouseholdSink } = {}) {
    this.hashing = options.hash ?? true;
    this.sink = options.sink;
  }

  /** Adds one line (1-based `lineNo`). Never throws. */
  push(text: string, lineNo: number): void {
    if (text.trim() === "") return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      this.lineIssues.push(issue("invalid_json", ["line", lineNo], `Rad ${lineNo} är inte giltig JSON.`, `Line ${lineNo} is not valid JSON.`));
      return;
    }
    if (this.headerLine === 0) {
      this.headerLine = lineNo;
      this.acceptHeader(value, lineNo);
      return;
    }
    const kind = recordKind(value);
    if (kind === undefined) {
      this.lineIssues.push(issue("invalid_value", ["line", lineNo], 'Varje rad efter huvudet ska vara {"household": …} eller {"apartment": …}.', 'Every line after the header must be {"household": …} or {"apartment": …}.', { expected: ["household", "apartment"] }));
      return;
    }
    // recordKind has found the record's one key.
    const record = (value as Record<string, unknown>)[kind];
    if (kind === "household") this.acceptHousehold(record, lineNo, text);
    else this.acceptApartment(record, lineNo);
  }

  private acceptHeader(value: unknown, lineNo: number): void {
    if (!isRecord(value)) {
      this.lineIssues.push(issue("invalid_type", ["line", lineNo], "Första raden ska vara ett huvud-objekt (schemaVersion, asOf, seed, policy, stock).", "The first line must be a header object (schemaVersion, asOf, seed, policy, stock).", { expected: "object" }));
      return;
    }
    for (const key of ["households", "apartments"]) {
      if (Object.hasOwn(value, key)) {
        this.lineIssues.push(issue("unrecognized_key", ["line", lineNo, key], `Huvudet får inte innehålla "${key}"; ge en post per rad.`, `The header must not contain "${key}"; give one record per line.`, { received: key }));
      }
    }
    const pre = prescan(value, ["line", lineNo]);
    if (pre.length > 0) {
      this.lineIssues.push(...pre);
      return;
    }
    this.header = value;
    if (this.hashing === "households") this.hash = new HouseholdBytes();
    else if (this.hashing) this.hash = new DocumentHash(value);
  }

  private acceptHousehold(value: unknown, lineNo: number, text: string): void {
    this.hash?.household(value);
    this.householdLines.push(lineNo);
    const household = this.validate(value, lineNo, "household", HouseholdSchema, parseHousehold);
    const rankedAt = this.rankedLength;
    if (household) this.shareIds(household.preferences.ranking);
    if (this.sink) this.sink.household(household, this.householdLines.length - 1, text, this.ranked, rankedAt);
    else this.households.push(household);
  }

  /** The header and the apartment records read so far, with their issues (what a sink needs once households begin). */
  soFar(): { header: Record<string, unknown> | undefined; apartments: readonly (Apartment | undefined)[]; lineIssues: readonly Issue[]; recordIssues: readonly Issue[] } {
    return { header: this.header, apartments: this.apartments, lineIssues: this.lineIssues, recordIssues: this.recordIssues };
  }

  private acceptApartment(value: unknown, lineNo: number): void {
    if (this.householdLines.length > 0) {
      this.lineIssues.push(issue("invalid_value", ["line", lineNo], "Lägenhetsrader ska komma före hushållsraderna.", "Apartment lines must come before household lines.", { expected: "apartments first" }));
      return;
    }
    this.hash?.apartment(value);
    this.apartmentLines.push(lineNo);
    const apartment = this.validate(value, lineNo, "apartment", ApartmentSchema, parseApartment);
    if (apartment && !this.apartmentIndex.has(apartment.id)) this.apartmentIndex.set(apartment.id, this.apartments.length);
    this.apartmentIds.push(apartment?.id);
    this.apartments.push(apartment);
  }

  /**
   * Notes each ranking entry's apartment index, and replaces an entry naming a known apartment by that apartment's own
   * id string, the same value: a national run then keeps one string per apartment instead of one per ranked pair
   * (20 million at 10⁶ × 20), and the line's own strings die young. The ranking is the line's (or its validated
   * copy), held by nobody else; entries naming no apartment are left for the cross-record checks to report.
   */
  private shareIds(ranking: string[]): void {
    if (this.rankedLength + ranking.length > this.ranked.length) {
      const grown = new Int32Array(Math.max(this.ranked.length * 2, this.rankedLength + ranking.length));
      grown.set(this.ranked.subarray(0, this.rankedLength));
      this.ranked = grown;
    }
    for (let k = 0; k < ranking.length; k++) {
      const index = this.apartmentIndex.get(ranking[k]!);
      this.ranked[this.rankedLength++] = index ?? -1;
      if (index !== undefined) ranking[k] = this.apartmentIds[index]!;
    }
  }

  private validate<T>(value: unknown, lineNo: number, kind: string, schema: { safeParse(v: unknown, o: { reportInput: boolean }): { success: true; data: T } | { success: false; error: { issues: Parameters<typeof fromZodIssues>[0] } } }, fast: FastParse<T>): T | undefined {
    // A record the compiled parse accepts is valid (and prescan-clean); any other goes through prescan and zod.
    const accepted = fast(value);
    if (accepted !== REJECTED) return accepted;
    const base: Path = ["line", lineNo, kind];
    const pre = prescan(value, base);
    if (pre.length > 0) {
      this.recordIssues.push(...pre);
      return undefined;
    }
    const parsed = schema.safeParse(value, { reportInput: true });
    if (parsed.success) return parsed.data;
    this.recordIssues.push(...fromZodIssues(parsed.error.issues, base));
    return undefined;
  }

  /** The validated parts, or the line-level issues (not JSON, no header, a line of the wrong kind) found while reading. */
  finish(): { ok: true; parts: NdjsonParts } | { ok: false; issues: Issue[] } {
    if (this.headerLine === 0 && this.lineIssues.length === 0) {
      this.lineIssues.push(issue("invalid_json", ["line", 1], "Indata är tom: huvudraden saknas.", "The input is empty: the header line is missing."));
    }
    if (this.lineIssues.length > 0 || !this.header) return { ok: false, issues: [...this.lineIssues, ...this.recordIssues] };
    const inputSha256 = this.hash instanceof DocumentHash ? this.hash.digest() : undefined;
    return { ok: true, parts: { header: this.header, households: this.households, apartments: this.apartments, recordIssues: this.recordIssues, inputSha256, rankedApartments: this.ranked.subarray(0, this.rankedLength) } };
  }

  /**
   * With `hash: "households"`: the canonical text of the household records read, comma-separated in order, and how
   * many there were. Undefined otherwise, or before the header.
   */
  householdBytes(): { chunks: Uint8Array[]; count: number } | undefined {
    return this.hash instanceof HouseholdBytes ? this.hash.take() : undefined;
  }

  /**
   * Adds households read by another reader after this one's (their {@link householdBytes}) to this reader's input
   * hash, before {@link finish}: the hash is then that of the document with both readers' households, in order.
   */
  appendHouseholds(more: { chunks: readonly Uint8Array[]; count: number }): void {
    if (this.hash instanceof DocumentHash) this.hash.moreHouseholds(more);
  }

  /** Rewrites a path into the assembled document (`["households", 3, …]`) as a path into the NDJSON lines. */
  remap(path: Path): Path {
    const [head, index, ...rest] = path;
    if (head === "line") return path;
    if (head === "households" && typeof index === "number" && index < this.householdLines.length) return ["line", this.householdLines[index]!, "household", ...rest];
    if (head === "apartments" && typeof index === "number" && index < this.apartmentLines.length) return ["line", this.apartmentLines[index]!, "apartment", ...rest];
    return ["line", this.headerLine || 1, ...path];
  }

  /** Issues with NDJSON line paths. */
  remapIssues(issues: readonly Issue[]): Issue[] {
    return issues.map((i) => ({ ...i, path: this.remap(i.path) }));
  }
}

/**
 * sha256 of the canonical JSON of `{ ...header, apartments, households }`, written while the lines arrive:
 * header fields sorting before "households" and the apartments (buffered: they come first and are few) are written
 * when the first household arrives, each household as it arrives, the rest of the header at the end.
 */
class DocumentHash {
  private readonly out = new CanonicalHasher();
  private readonly keys: string[];
  private readonly apartments: string[] = [];
  private households = 0;
  private opened = false;

  constructor(private readonly header: Record<string, unknown>) {
    this.keys = [...new Set([...Object.keys(header), "apartments", "households"])].sort();
  }

  apartment(value: unknown): void {
    this.apartments.push(this.out.json(value));
  }

  household(value: unknown): void {
    this.open();
    if (this.households++ > 0) this.out.text(",");
    this.out.value(value);
  }

  /** Households whose canonical text another reader wrote ({@link HouseholdBytes}), after those written here. */
  moreHouseholds(more: { chunks: readonly Uint8Array[]; count: number }): void {
    if (more.count === 0) return;
    this.open();
    if (this.households > 0) this.out.text(",");
    for (const chunk of more.chunks) this.out.bytes(chunk);
    this.households += more.count;
  }

  private field(key: string): string {
    if (key === "apartments") return `[${this.apartments.join(",")}]`;
    return this.out.json(this.header[key]);
  }

  private open(): void {
    if (this.opened) return;
    this.opened = true;
    const before = this.keys.slice(0, this.keys.indexOf("households"));
    this.out.text(`{${before.map((k) => `${JSON.stringify(k)}:${this.field(k)},`).join("")}"households":[`);
  }

  digest(): string {
    this.open();
    const after = this.keys.slice(this.keys.indexOf("households") + 1);
    this.out.text(`]${after.map((k) => `,${JSON.stringify(k)}:${this.field(k)}`).join("")}}`);
    return this.out.digest();
  }
}

/** The households' canonical text alone, comma-separated: a share of a document another reader hashes whole. */
class HouseholdBytes {
  private readonly into = new ByteCollector();
  private readonly out = new CanonicalHasher(undefined, this.into);
  private count = 0;

  apartment(_value: unknown): void {}

  household(value: unknown): void {
    if (this.count++ > 0) this.out.text(",");
    this.out.value(value);
  }

  take(): { chunks: Uint8Array[]; count: number } {
    this.out.flush();
    return { chunks: this.into.take(), count: this.count };
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** What a parsed line after the header holds: `{"household": …}` or `{"apartment": …}`, or undefined for anything else. */
export function recordKind(value: unknown): "household" | "apartment" | undefined {
  if (!isRecord(value)) return undefined;
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === "household" || keys[0] === "apartment") ? keys[0] : undefined;
}

/** A text without a leading byte-order mark (U+FEFF), which a UTF-8 file may begin with. */
export const stripBom = (text: string): string => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

/** Line 1 without its byte-order mark (any other line as it is), as every NDJSON reader takes it. */
export const withoutBom = (line: string, lineNo: number): string => (lineNo === 1 ? stripBom(line) : line);

/**
 * The input hash of an NDJSON input alone (no validation), by the same rules as {@link NdjsonAssembler}: blank lines
 * skipped, a byte-order mark on line 1 dropped, the header first, then `{"apartment"}` and `{"household"}` lines.
 * Undefined for input the assembler would reject (it then reports why; no result carries a hash).
 */
export async function ndjsonInputHash(lines: AsyncIterable<string> | Iterable<string>): Promise<string | undefined> {
  let hash: DocumentHash | undefined;
  let lineNo = 0;
  for await (const raw of lines) {
    const line = withoutBom(raw, ++lineNo);
    if (line.trim() === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      return undefined;
    }
    if (!isRecord(value)) return undefined;
    if (!hash) {
      hash = new DocumentHash(value);
      continue;
    }
    if (Object.hasOwn(value, "household")) hash.household(value["household"]);
    else if (Object.hasOwn(value, "apartment")) hash.apartment(value["apartment"]);
    else return undefined;
  }
  return hash?.digest();
}

/** Writes a JSON input document as NDJSON lines (header, then apartments, then households). */
export function* toNdjsonLines(doc: { households: readonly unknown[]; apartments: readonly unknown[] } & Record<string, unknown>): Generator<string> {
  const { households, apartments, ...header } = doc;
  yield JSON.stringify(header);
  for (const a of apartments) yield JSON.stringify({ apartment: a });
  for (const h of households) yield JSON.stringify({ household: h });
}

/**
 * The household of a line the assembler accepted, validated again by the same parse: how a streamed run rebuilds a
 * household it did not keep. Throws on a line that is not a valid household line (never one the assembler accepted).
 */
export function householdOfLine(text: string): Household {
  const value = (JSON.parse(text) as { household?: unknown }).household;
  const fast = parseHousehold(value);
  return fast !== REJECTED ? fast : HouseholdSchema.parse(value);
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A {@link LineStore}'s lines as typed arrays: line k is `chunks[chunkOf[k]]` from `start[k]` to `end[k]`. */
export interface StoredLines {
  chunks: Uint8Array[];
  chunkOf: Int32Array;
  start: Int32Array;
  end: Int32Array;
}

/**
 * Lines kept as UTF-8 bytes, by index, in chunks of a few megabytes: a national queue's household lines (0.8 GB at
 * 10⁶) outside the JavaScript heap, which the garbage collector neither scans nor copies, where a million parsed
 * records or strings cost it seconds.
 */
export class LineStore {
  private static readonly CHUNK = 1 << 24;
  private readonly chunks: Uint8Array[] = [];
  private chunk = new Uint8Array(0);
  private used = 0;
  private chunkOf: Int32Array = new Int32Array(1024);
  private start: Int32Array = new Int32Array(1024);
  private end: Int32Array = new Int32Array(1024);
  private count = 0;

  get length(): number {
    return this.count;
  }

  /** Room in the offset arrays for `need` lines, keeping the first `count`. */
  private room(need: number): void {
    if (need <= this.start.length) return;
    const size = Math.max(need, this.start.length * 2);
    const grow = (a: Int32Array): Int32Array => {
      const next = new Int32Array(size);
      next.set(a.subarray(0, this.count));
      return next;
    };
    this.chunkOf = grow(this.chunkOf);
    this.start = grow(this.start);
    this.end = grow(this.end);
  }

  add(text: string): void {
    this.room(this.count + 1);
    let { read, written } = encoder.encodeInto(text, this.chunk.subarray(this.used));
    if (read < text.length) {
      // A UTF-16 code unit takes at most 3 bytes: the line fits in a fresh chunk of this size.
      this.chunk = new Uint8Array(Math.max(LineStore.CHUNK, 3 * text.length));
      this.chunks.push(this.chunk);
      this.used = 0;
      ({ read, written } = encoder.encodeInto(text, this.chunk));
    }
    this.chunkOf[this.count] = this.chunks.length - 1;
    this.start[this.count] = this.used;
    this.used += written;
    this.end[this.count++] = this.used;
  }

  /**
   * The lines as typed arrays, for another thread (each array's buffer can be transferred rather than copied); the
   * store must not be added to afterwards.
   */
  stored(): StoredLines {
    const n = this.count;
    return { chunks: [...this.chunks], chunkOf: this.chunkOf.slice(0, n), start: this.start.slice(0, n), end: this.end.slice(0, n) };
  }

  /** Adds another store's lines (its {@link stored} arrays) after these; later lines go into a fresh chunk. */
  append(other: StoredLines): void {
    const n = this.count;
    const more = other.chunkOf.length;
    this.room(n + more);
    const shift = this.chunks.length;
    for (let k = 0; k < more; k++) this.chunkOf[n + k] = other.chunkOf[k]! + shift;
    this.start.set(other.start, n);
    this.end.set(other.end, n);
    this.chunks.push(...other.chunks);
    this.count = n + more;
    this.chunk = new Uint8Array(0);
    this.used = 0;
  }

  at(index: number): string | undefined {
    if (!(index >= 0 && index < this.count)) return undefined;
    return decoder.decode(this.chunks[this.chunkOf[index]!]!.subarray(this.start[index]!, this.end[index]!));
  }
}
