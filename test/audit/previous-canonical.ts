import { type Hash, createHash } from "node:crypto";
import { canonicalize } from "json-canonicalize";

// The replacer-based canonical JSON and streamed hash as they were before the byte writer (commit fccceab), kept as
// the oracle for values that are not plain JSON: for those the engine must still give exactly what they gave.
const INDEX_KEY = /^(?:0|[1-9]\d{0,9})$/;
const isIndexKey = (key: string): boolean => INDEX_KEY.test(key) && Number(key) < 4294967295;

export function previousCanonicalJson(value: unknown): string {
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

export function previousCanonicalHash(value: unknown, chunk = 1 << 16): string {
  const hash = createHash("sha256");
  feed(hash, value, chunk);
  return hash.digest("hex");
}

function feed(hash: Hash, value: unknown, chunk: number): void {
  if (value === null || typeof value !== "object") {
    hash.update(previousCanonicalJson(value), "utf8");
    return;
  }
  if (Array.isArray(value)) {
    if (value.length < 64) {
      hash.update(previousCanonicalJson(value), "utf8");
      return;
    }
    hash.update("[");
    let buffer = "";
    for (let i = 0; i < value.length; i++) {
      buffer += (i === 0 ? "" : ",") + previousCanonicalJson(value[i] === undefined ? null : value[i]);
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
