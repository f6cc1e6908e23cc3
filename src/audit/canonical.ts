import { createHash } from "node:crypto";
import { canonicalize } from "json-canonicalize";

/** RFC 8785 (JSON Canonicalization Scheme) text of a JSON value: sorted keys, canonical numbers, no whitespace. */
export function canonicalJson(value: unknown): string {
  return canonicalize(value);
}

/** Lower-case hex sha256 of UTF-8 text. */
export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** sha256 of a value's canonical JSON: the same data gives the same hash whatever its key order or whitespace. */
export function canonicalHash(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}
