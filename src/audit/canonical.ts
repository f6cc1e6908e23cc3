import { type Hash, createHash } from "node:crypto";
import { canonicalize } from "json-canonicalize";

// Array-index keys ("0", "17") are always enumerated first by JavaScript objects, whatever order they were added in.
const INDEX_KEY = /^(?:0|[1-9]\d{0,9})$/;
const isIndexKey = (key: string): boolean => INDEX_KEY.test(key) && Number(key) < 4294967295;

/**
 * RFC 8785 (JSON Canonicalization Scheme) text of a JSON value: keys in UTF-16 code-unit order, ECMAScript number
 * and string serialisation, no whitespace. Fast path: JSON.stringify with a replacer that re-creates each object with
 * sorted keys (RFC 8785 prescribes JSON.stringify's own number and string rules). An object with an array-index key
 * cannot be re-ordered that way, so such values go to the `json-canonicalize` reference implementation.
 * A property test checks the two agree byte for byte.
 */
export function canonicalJson(value: unknown): string {
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

/** Lower-case hex sha256 of UTF-8 text. */
export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/**
 * sha256 of a value's canonical JSON, streamed: objects and arrays are written into the hash piece by piece, so a
 * document too large for one string (a national queue) hashes the same as `sha256Hex(canonicalJson(value))`.
 * Pieces smaller than `chunk` characters are serialised whole.
 */
export function canonicalHash(value: unknown, chunk = 1 << 16): string {
  const hash = createHash("sha256");
  feed(hash, value, chunk);
  return hash.digest("hex");
}

function feed(hash: Hash, value: unknown, chunk: number): void {
  if (value === null || typeof value !== "object") {
    hash.update(canonicalJson(value), "utf8");
    return;
  }
  if (Array.isArray(value)) {
    if (value.length < 64) {
      hash.update(canonicalJson(value), "utf8");
      return;
    }
    hash.update("[");
    let buffer = "";
    for (let i = 0; i < value.length; i++) {
      buffer += (i === 0 ? "" : ",") + canonicalJson(value[i] === undefined ? null : value[i]);
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
