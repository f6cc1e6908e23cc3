import { Buffer } from "node:buffer";
import { type Hash, createHash } from "node:crypto";
import { canonicalize } from "json-canonicalize";

/**
 * RFC 8785 (JSON Canonicalization Scheme) text of a JSON value: keys in UTF-16 code-unit order, ECMAScript number
 * and string serialisation, no whitespace. Plain JSON values (what `JSON.parse` returns; `undefined` members are
 * skipped and `undefined` elements written as null) are written straight to UTF-8, each key list sorted once;
 * anything else (`toJSON`, sparse arrays, non-finite numbers, functions, cycles) takes the general path, a
 * key-sorting `JSON.stringify` replacer, which gives for them what it always gave. Property tests check both against
 * the `json-canonicalize` reference byte for byte.
 *
 * @example
 * canonicalJson({ b: [1e21, -0], a: "å" }); // '{"a":"å","b":[1e+21,0]}'
 */
export function canonicalJson(value: unknown): string {
  const writer = new Writer(undefined, SMALL, false);
  try {
    writer.value(value, writer.root);
  } catch {
    return generalJson(value);
  }
  return writer.text(0);
}

/** Lower-case hex sha256 of UTF-8 text. */
export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/**
 * sha256 of a value's canonical JSON, streamed: the text is written into the hash `chunk` bytes at a time, so a
 * document too large for one string (a national queue) hashes the same as `sha256Hex(canonicalJson(value))`.
 *
 * @example
 * canonicalHash({ b: 1, a: 2 }) === sha256Hex('{"a":2,"b":1}'); // true
 */
export function canonicalHash(value: unknown, chunk = CHUNK): string {
  const hash = createHash("sha256");
  const writer = new Writer(hash, chunk, true);
  try {
    writer.value(value, writer.root);
  } catch {
    // Bytes already hashed cannot be taken back: start again on the general path.
    return generalHash(value, chunk);
  }
  writer.flush();
  return hash.digest("hex");
}

/**
 * sha256 of a canonical JSON text written in parts: raw text and canonical values, in order. It remembers the key
 * order of the records it has written, so a stream of records from one producer (NDJSON lines) skips most sorting.
 *
 * @example
 * const h = new CanonicalHasher();
 * h.text("["); h.value({ b: 1, a: 2 }); h.text(","); h.value({ b: 3, a: 4 }); h.text("]");
 * h.digest() === sha256Hex('[{"a":2,"b":1},{"a":4,"b":3}]'); // true
 */
export class CanonicalHasher {
  /** The sha256 written into, or undefined when the text goes into a {@link ByteCollector}. */
  private readonly sha: Hash | undefined;
  private readonly hash: HashSink;
  private readonly writer: Writer;
  // Values asked for as text (apartments, header fields) are other records than the hashed ones: their own key orders.
  private readonly jsonRoot = new Slot();

  /** `into`: where the canonical bytes go instead of a sha256 (then there is no `digest`; see {@link ByteCollector}). */
  constructor(chunk = CHUNK, into?: ByteCollector) {
    this.sha = into ? undefined : createHash("sha256");
    this.hash = into ?? this.sha!;
    this.writer = new Writer(this.hash, chunk, false);
  }

  /** Appends bytes that are already canonical JSON text (another writer's, see {@link ByteCollector}). */
  bytes(data: Uint8Array): void {
    this.writer.flush();
    this.hash.update(data);
  }

  /** Appends text as it is (separators, keys already quoted). */
  text(text: string): void {
    this.writer.between(text);
  }

  /** Appends the canonical JSON of a value; throws, as {@link canonicalJson} does, for a value that is not JSON. */
  value(value: unknown): void {
    const writer = this.writer;
    const start = writer.pos;
    try {
      writer.value(value, writer.root);
    } catch {
      writer.pos = start;
      writer.between(generalJson(value));
    }
    if (writer.pos >= writer.chunk) writer.flush();
  }

  /** The canonical JSON of a value, not hashed; it remembers key orders apart from the hashed values'. */
  json(value: unknown): string {
    const writer = this.writer;
    const start = writer.pos;
    try {
      writer.value(value, this.jsonRoot);
    } catch {
      writer.pos = start;
      return generalJson(value);
    }
    const text = writer.text(start);
    writer.pos = start;
    return text;
  }

  /** Hex sha256 of everything appended; the hasher is spent. */
  digest(): string {
    this.writer.flush();
    if (!this.sha) throw new Error("invariant: a CanonicalHasher writing into bytes has no digest");
    return this.sha.digest("hex");
  }

  /** Writes out what is still buffered (into a {@link ByteCollector}: before its bytes are taken). */
  flush(): void {
    this.writer.flush();
  }
}

/** What the writer writes canonical text into: a sha256, or a {@link ByteCollector}. */
type HashSink = Pick<Hash, "update"> | ByteCollector;

const COLLECT_CHUNK = 1 << 22;

/**
 * Canonical bytes kept instead of hashed, in chunks of a few megabytes: the text one thread writes of its share of
 * an input, for the thread that hashes the whole document in order (its chunks can be transferred, not copied).
 */
export class ByteCollector {
  private readonly chunks: Uint8Array[] = [];
  private current = new Uint8Array(COLLECT_CHUNK);
  private used = 0;

  update(data: Uint8Array | string): this {
    const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
    for (let from = 0; from < bytes.length; ) {
      if (this.used === this.current.length) {
        this.chunks.push(this.current);
        this.current = new Uint8Array(COLLECT_CHUNK);
        this.used = 0;
      }
      const n = Math.min(bytes.length - from, this.current.length - this.used);
      this.current.set(bytes.subarray(from, from + n), this.used);
      this.used += n;
      from += n;
    }
    return this;
  }

  /** Every byte written, in order (the last chunk trimmed). */
  take(): Uint8Array[] {
    return [...this.chunks, this.current.slice(0, this.used)];
  }
}

const CHUNK = 1 << 16;
const SMALL = 1 << 10;
// Thrown by the writer for a value it leaves to the general path; any other exception also goes there.
const NOT_PLAIN = Symbol("not plain JSON");
// Key lists a slot compares one by one before looking further ones up by their text; shapes and slots in all.
const RECENT_SHAPES = 8;
const MAX_REMEMBERED = 1 << 14;

/** The keys of objects met at one position (a key path, array elements counted as one) and how to write them. */
class Slot {
  // Key lists are remembered from the second object met here (a one-off value is not worth it).
  met = false;
  readonly recent: Shape[] = [];
  more: Map<string, Shape> | undefined;
  children: Map<string, Slot> | undefined;
  element: Slot | undefined;
}

/** One key list as `Object.keys` returned it: the keys in canonical order, each as `,"key":` in UTF-8, and their slots. */
interface Shape {
  keys: readonly string[];
  sorted: readonly string[];
  prefixes: readonly Uint8Array[];
  slots: readonly (Slot | undefined)[];
}

/**
 * Canonical JSON as UTF-8 bytes in a buffer, handed to a hash when full (`streaming`) or between values. Throws on
 * anything but plain JSON values; the callers then use the general path.
 */
class Writer {
  readonly root = new Slot();
  buf: Buffer;
  pos = 0;
  // Shapes and slots made so far, against MAX_REMEMBERED.
  private remembered = 0;

  constructor(
    private readonly hash: HashSink | undefined,
    readonly chunk: number,
    private readonly streaming: boolean,
  ) {
    this.buf = Buffer.allocUnsafe(Math.max(chunk, 64));
  }

  flush(): void {
    if (this.pos > 0) this.hash?.update(this.buf.subarray(0, this.pos));
    this.pos = 0;
  }

  /** The UTF-8 text written since `start`. */
  text(start: number): string {
    return this.buf.toString("utf8", start, this.pos);
  }

  /** Text between values: may be hashed at once rather than copied when it is large. */
  between(text: string): void {
    if (this.pos + 3 * text.length > this.buf.length) {
      this.flush();
      if (3 * text.length > this.buf.length) {
        this.hash?.update(text, "utf8");
        return;
      }
    }
    this.raw(text);
  }

  /** Writes a value; `slot` is where it sits, undefined below an object not worth remembering. */
  value(v: unknown, slot: Slot | undefined): void {
    switch (typeof v) {
      case "string":
        this.string(v);
        return;
      case "number":
        this.number(v);
        return;
      case "boolean":
        this.raw(v ? "true" : "false");
        return;
      case "object":
        if (v === null) this.raw("null");
        else if (Array.isArray(v)) this.array(v, slot);
        else this.object(v as Record<string, unknown>, slot);
        return;
      default:
        throw NOT_PLAIN;
    }
  }

  private array(a: readonly unknown[], slot: Slot | undefined): void {
    if ((a as { toJSON?: unknown }).toJSON != null) throw NOT_PLAIN;
    const element = slot && (slot.element ??= new Slot());
    this.byte(0x5b);
    for (let i = 0; i < a.length; i++) {
      if (i > 0) this.byte(0x2c);
      const x = a[i];
      if (x !== undefined) this.value(x, element);
      else if (i in a) this.raw("null");
      else throw NOT_PLAIN;
    }
    this.byte(0x5d);
  }

  private object(o: Record<string, unknown>, slot: Slot | undefined): void {
    if (o["toJSON"] != null) throw NOT_PLAIN;
    const keys = Object.keys(o);
    const shape = slot && this.shape(slot, keys);
    if (!shape) {
      this.unremembered(o, keys, slot);
      return;
    }
    const { sorted, prefixes, slots } = shape;
    this.byte(0x7b);
    // The first member's prefix is written without its comma.
    let from = 1;
    for (let i = 0; i < sorted.length; i++) {
      const x = o[sorted[i]!];
      if (x === undefined) continue;
      this.bytes(prefixes[i]!, from);
      from = 0;
      this.value(x, slots[i]);
    }
    this.byte(0x7d);
  }

  /** An object whose key list is not remembered: sorted and written on the spot. */
  private unremembered(o: Record<string, unknown>, keys: string[], slot: Slot | undefined): void {
    keys.sort();
    this.byte(0x7b);
    let first = true;
    for (const key of keys) {
      const x = o[key];
      if (x === undefined) continue;
      if (!first) this.byte(0x2c);
      first = false;
      this.string(key);
      this.byte(0x3a);
      this.value(x, slot && typeof x === "object" && x !== null ? this.child(slot, key) : undefined);
    }
    this.byte(0x7d);
  }

  /** The remembered shape of this key list at this slot, remembering it if there is room. */
  private shape(slot: Slot, keys: string[]): Shape | undefined {
    const recent = slot.recent;
    search: for (let s = 0; s < recent.length; s++) {
      const known = recent[s]!.keys;
      if (known.length !== keys.length) continue;
      for (let i = 0; i < keys.length; i++) if (known[i] !== keys[i]) continue search;
      return recent[s]!;
    }
    if (!slot.met) {
      slot.met = true;
      return undefined;
    }
    const full = this.remembered >= MAX_REMEMBERED;
    if (recent.length < RECENT_SHAPES) return full ? undefined : this.remember(slot, keys, (shape) => recent.push(shape));
    if (full && !slot.more) return undefined;
    const id = JSON.stringify(keys);
    const known = slot.more?.get(id);
    if (known || full) return known;
    return this.remember(slot, keys, (shape) => (slot.more ??= new Map()).set(id, shape));
  }

  private remember(slot: Slot, keys: string[], keep: (shape: Shape) => void): Shape {
    // Default sort compares UTF-16 code units, as RFC 8785 asks; array-index keys are sorted as strings too.
    const sorted = [...keys].sort();
    const shape: Shape = { keys, sorted, prefixes: sorted.map((k) => Buffer.from(`,${JSON.stringify(k)}:`, "utf8")), slots: sorted.map((k) => this.child(slot, k)) };
    this.remembered++;
    keep(shape);
    return shape;
  }

  /** The slot of a member, undefined (nothing remembered below) once the writer remembers all it may. */
  private child(slot: Slot, key: string): Slot | undefined {
    const children = (slot.children ??= new Map<string, Slot>());
    let child = children.get(key);
    if (!child && this.remembered < MAX_REMEMBERED) {
      child = new Slot();
      children.set(key, child);
      this.remembered++;
    }
    return child;
  }

  private string(s: string): void {
    this.room(s.length + 2);
    const buf = this.buf;
    let p = this.pos;
    buf[p++] = 0x22;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      // Printable ASCII but '"' and '\' is copied; anything else is left to JSON.stringify's escaping.
      if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c) {
        this.raw(JSON.stringify(s));
        return;
      }
      buf[p++] = c;
    }
    buf[p++] = 0x22;
    this.pos = p;
  }

  private number(v: number): void {
    if ((v | 0) !== v) {
      if (!Number.isFinite(v)) throw NOT_PLAIN;
      this.raw(String(v));
      return;
    }
    // A 32-bit integer (-0 included, written 0), digit by digit.
    this.room(11);
    const buf = this.buf;
    let n = v;
    if (n < 0) {
      buf[this.pos++] = 0x2d;
      n = -n;
    }
    let digits = 1;
    for (let m = n; m >= 10; m = Math.floor(m / 10)) digits++;
    let p = (this.pos += digits);
    do {
      const q = Math.floor(n / 10);
      buf[--p] = 0x30 + n - q * 10;
      n = q;
    } while (n > 0);
  }

  private raw(text: string): void {
    this.room(3 * text.length);
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c > 0x7f) {
        this.pos += buf.write(text, this.pos, "utf8");
        return;
      }
      buf[p++] = c;
    }
    this.pos = p;
  }

  private bytes(b: Uint8Array, from: number): void {
    this.room(b.length);
    if (from === 0) {
      this.buf.set(b, this.pos);
      this.pos += b.length;
      return;
    }
    const buf = this.buf;
    let p = this.pos;
    for (let i = from; i < b.length; i++) buf[p++] = b[i]!;
    this.pos = p;
  }

  private byte(c: number): void {
    this.room(1);
    this.buf[this.pos++] = c;
  }

  /** Makes room for `n` more bytes: hashes what is written (streaming) or grows the buffer (a value in one piece). */
  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    if (this.streaming) this.flush();
    if (this.pos + n <= this.buf.length) return;
    const grown = Buffer.allocUnsafe(Math.max(2 * this.buf.length, this.pos + n));
    this.buf.copy(grown, 0, 0, this.pos);
    this.buf = grown;
  }
}

// The general path: JSON.stringify with a replacer that re-creates each object with sorted keys (RFC 8785 prescribes
// JSON.stringify's own number and string rules). An object with an array-index key cannot be re-ordered that way
// (such keys are always enumerated first), so such values go to the `json-canonicalize` reference implementation.
const INDEX_KEY = /^(?:0|[1-9]\d{0,9})$/;
const isIndexKey = (key: string): boolean => INDEX_KEY.test(key) && Number(key) < 4294967295;

/** The general path's canonical JSON (the implementation before the byte writer); exported for the oracle test only. */
export function generalJson(value: unknown): string {
  let indexKeys = false;
  const text = JSON.stringify(value, function sortKeys(_key: string, v: unknown): unknown {
    if (v === null || typeof v !== "object" || Array.isArray(v)) return v;
    const source = v as Record<string, unknown>;
    const out = Object.create(null) as Record<string, unknown>;
    for (const key of Object.keys(source).sort()) {
      if (!indexKeys && isIndexKey(key)) indexKeys = true;
      out[key] = source[key];
    }
    return out;
  }) as string | undefined;
  if (text === undefined) throw new Error("not a JSON value");
  return indexKeys ? canonicalize(value) : text;
}

/** The general path's streamed hash; exported for the oracle test only. */
export function generalHash(value: unknown, chunk: number): string {
  const hash = createHash("sha256");
  feed(hash, value, chunk);
  return hash.digest("hex");
}

function feed(hash: Hash, value: unknown, chunk: number): void {
  if (value === null || typeof value !== "object") {
    hash.update(generalJson(value), "utf8");
    return;
  }
  if (Array.isArray(value)) {
    if (value.length < 64) {
      hash.update(generalJson(value), "utf8");
      return;
    }
    hash.update("[");
    let buffer = "";
    for (let i = 0; i < value.length; i++) {
      buffer += (i === 0 ? "" : ",") + generalJson(value[i] === undefined ? null : value[i]);
      if (buffer.length >= chunk) {
        hash.update(buffer, "utf8");
        buffer = "";
      }
    }
    hash.update(`${buffer}]`, "utf8");
    return;
  }
  const source = value as Record<string, unknown>;
  const keys = Object.keys(source).filter((k) => source[k] !== undefined).sort();
  hash.update("{");
  keys.forEach((key, i) => {
    hash.update(`${i === 0 ? "" : ","}${JSON.stringify(key)}:`, "utf8");
    feed(hash, source[key], chunk);
  });
  hash.update("}");
}
