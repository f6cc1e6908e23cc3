import { z } from "zod";

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const digit = (s: string, i: number): number => s.charCodeAt(i) - 48;
const yearOf = (s: string): number => digit(s, 0) * 1000 + digit(s, 1) * 100 + digit(s, 2) * 10 + digit(s, 3);
const monthOf = (s: string): number => digit(s, 5) * 10 + digit(s, 6);
const dayOf = (s: string): number => digit(s, 8) * 10 + digit(s, 9);
const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil), without Date objects. */
function civilToDays(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Days since 1970-01-01 for a `YYYY-MM-DD` date, or `undefined` if it is not a real calendar date. */
export function dayNumber(date: string): number | undefined {
  if (!ISO_DATE.test(date)) return undefined;
  const y = yearOf(date);
  const m = monthOf(date);
  const d = dayOf(date);
  if (m < 1 || m > 12 || d < 1) return undefined;
  if (d > (m === 2 && isLeap(y) ? 29 : DAYS_IN_MONTH[m - 1]!)) return undefined;
  return civilToDays(y, m, d);
}

/** Day number of a date already validated by {@link IsoDateSchema} (no re-validation: hot path). */
export function days(date: string): number {
  return civilToDays(yearOf(date), monthOf(date), dayOf(date));
}

/** `YYYY-MM-DD` for a day number. */
export function fromDayNumber(n: number): string {
  return new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative if `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return days(to) - days(from);
}

/** Full years from `from` to `to`: a birthday or anniversary counts on its date (29 Feb counts on 1 Mar in common years). */
export function fullYearsBetween(from: string, to: string): number {
  const fm = monthOf(from);
  const tm = monthOf(to);
  let years = yearOf(to) - yearOf(from);
  if (tm < fm || (tm === fm && dayOf(to) < dayOf(from))) years -= 1;
  return years;
}

/** Adds whole calendar months, clamping to the month's last day (2026-01-31 + 1 month = 2026-02-28). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = total - ny * 12;
  const last = new Date(Date.UTC(ny, nm + 1, 0)).getUTCDate();
  return fromDayNumber(Date.UTC(ny, nm, Math.min(d, last)) / MS_PER_DAY);
}

/** A real calendar date written `YYYY-MM-DD`. */
export const IsoDateSchema = z
  .string()
  .regex(ISO_DATE, { message: "date" })
  .refine((s) => dayNumber(s) !== undefined, { message: "calendar" })
  .meta({ description: "A real calendar date, YYYY-MM-DD", format: "date" });
