import { describe, expect, it } from "vitest";
import { addMonths, dayNumber, days, daysBetween, fromDayNumber, fullYearsBetween } from "../../src/model/date.js";

describe("calendar arithmetic without Date objects", () => {
  it("agrees with Date.UTC on every day from 1890 to 2110", () => {
    let mismatches = 0;
    for (let t = Date.UTC(1890, 0, 1); t < Date.UTC(2110, 0, 1); t += 86_400_000) {
      const s = new Date(t).toISOString().slice(0, 10);
      if (dayNumber(s) !== t / 86_400_000 || days(s) !== t / 86_400_000 || fromDayNumber(t / 86_400_000) !== s) mismatches++;
    }
    expect(mismatches).toBe(0);
  });

  it.each(["2026-02-29", "1900-02-29", "2026-04-31", "2026-13-01", "2026-00-10", "2026-01-00", "2026-1-01", "26-01-01", "2026-01-01T00:00"])("rejects %s", (s) => {
    expect(dayNumber(s)).toBeUndefined();
  });

  it.each(["2000-02-29", "2024-02-29", "2026-12-31"])("accepts %s", (s) => {
    expect(dayNumber(s)).toBeTypeOf("number");
  });

  it("counts full years with birthdays on their date and 29 February on 1 March in common years", () => {
    expect(fullYearsBetween("2008-11-21", "2026-11-21")).toBe(18);
    expect(fullYearsBetween("2008-11-22", "2026-11-21")).toBe(17);
    expect(fullYearsBetween("2000-02-29", "2001-02-28")).toBe(0);
    expect(fullYearsBetween("2000-02-29", "2001-03-01")).toBe(1);
    expect(daysBetween("2026-11-01", "2026-11-21")).toBe(20);
  });

  it("adds months clamping to the month's end", () => {
    expect(addMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(addMonths("2024-01-31", 1)).toBe("2024-02-29");
    expect(addMonths("2026-11-21", 6)).toBe("2027-05-21");
    expect(addMonths("2026-11-21", -12)).toBe("2025-11-21");
  });
});
