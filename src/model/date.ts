import { z } from "zod";

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 for a `YYYY-MM-DD` date, or `undefined` if it is not a real calendar date. */
export function dayNumber(date: string): number | undefined {
  const m = ISO_DATE.exec(date);
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return undefined;
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  // Date.UTC rolls 2026-02-30 over to March; a real date survives the round trip.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return undefined;
  return t / MS_PER_DAY;
}

/** Day number of a date already validated by {@link IsoDateSchema}. */
export function days(date: string): number {
  const n = dayNumber(date);
  if (n === undefined) throw new Error(`not a validated date: ${date}`);
  return n;
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
  const [fy, fm, fd] = from.split("-").map(Number) as [number, number, number];
  const [ty, tm, td] = to.split("-").map(Number) as [number, number, number];
  let years = ty - fy;
  if (tm < fm || (tm === fm && td < fd)) years -= 1;
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
