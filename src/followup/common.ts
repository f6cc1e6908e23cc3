import type { Message } from "../model/issue.js";

/** Sorts ids by code point, as every result list does (locale-independent, so output is byte-stable). */
export const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Waiting-time bands (queue days) used by the what-if and the report; upper bound exclusive, `null` open. */
export const QUEUE_BANDS: readonly { id: string; min: number; max: number | null; label: Message }[] = [
  { id: "none", min: 0, max: 1, label: { sv: "Ej i kön", en: "Not in the queue" } },
  { id: "under-1y", min: 1, max: 365, label: { sv: "Under 1 år", en: "Under 1 year" } },
  { id: "1-3y", min: 365, max: 3 * 365, label: { sv: "1–3 år", en: "1–3 years" } },
  { id: "3-5y", min: 3 * 365, max: 5 * 365, label: { sv: "3–5 år", en: "3–5 years" } },
  { id: "5-10y", min: 5 * 365, max: 10 * 365, label: { sv: "5–10 år", en: "5–10 years" } },
  { id: "10y-plus", min: 10 * 365, max: null, label: { sv: "10 år eller mer", en: "10 years or more" } },
];

/** The id of the queue-days band a number of days falls in. */
export function queueBand(queueDays: number): string {
  for (const b of QUEUE_BANDS) if (queueDays >= b.min && (b.max === null || queueDays < b.max)) return b.id;
  return QUEUE_BANDS[QUEUE_BANDS.length - 1]!.id;
}

/** Median of a list of numbers (mean of the two middle values for an even count); `null` for an empty list. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Adds `n` to `map[key]`, creating it at 0. */
export function bump<K extends string>(map: Partial<Record<K, number>>, key: K, n = 1): void {
  map[key] = (map[key] ?? 0) + n;
}
