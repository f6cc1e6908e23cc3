import { readFileSync } from "node:fs";
import { test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { reportCommand } from "../../src/cli/commands/report.js";
import { buildReport, esc, reportHtml } from "../../src/followup/index.js";
import { validInput } from "../arbitraries/index.js";
import { memoryIo } from "../cli/helpers.js";

const BATCH = JSON.parse(readFileSync(new URL("../../examples/data/orebro-batch.json", import.meta.url), "utf8")) as Record<string, unknown>;

function apartment(id: string, district: string, over: Record<string, unknown> = {}) {
  return { id, landlord: "obo", district, building: `B-${id}`, rooms: 3, bedrooms: 2, areaSqm: 70, monthlyRentSek: 7000, floor: 1, elevator: true, wheelchairAccessible: false, lettingRule: "queue", contract: "first-hand", availableFrom: "2026-12-01", ...over };
}
function household(id: string, over: Record<string, unknown> = {}) {
  return { id, members: [{ birthDate: "1980-01-01" }], income: [{ source: "employment", monthlySek: 30000 }], credit: { paymentRemarks: 0, housingDebt: false }, housing: { situation: "acute", since: "2026-01-01" }, queue: { registeredOn: "2020-01-01" }, preferences: { ranking: ["A-1"] }, ...over };
}

/** Three vacancies, four households: two housed (one with a rent guarantee), one outranked, one ineligible (income). */
const small = {
  schemaVersion: 1,
  asOf: "2026-11-21",
  seed: "report-test",
  policy: "orebro",
  households: [
    household("H-1", { queue: { registeredOn: "2010-01-01" } }),
    household("H-2", { queue: { registeredOn: "2025-01-01" } }),
    household("H-3", { income: [{ source: "social-assistance", monthlySek: 9000 }], credit: { paymentRemarks: 2, housingDebt: false }, decisions: { rentGuarantee: { status: "approved", maxMonthlySek: 9000, months: 6, validUntil: "2028-01-01" } }, preferences: { ranking: ["A-2"] } }),
    household("H-4", { income: [{ source: "employment", monthlySek: 5000 }], preferences: { ranking: ["A-3"] } }),
  ],
  apartments: [apartment("A-1", "Vivalla"), apartment("A-2", "Centrum"), apartment("A-3", "<Söder & \"Norr\">")],
};

describe("report figures (hand-worked)", () => {
  const r = buildReport(small);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  const rep = r.value;

  it("totals, lettings per district and letting rule", () => {
    expect(rep.totals).toEqual({ households: 4, apartments: 3, housed: 2, unmatched: 2, unfilled: 1 });
    expect(rep.districts.map((d) => [d.district, d.vacancies, d.lettings])).toEqual([
      ["<Söder & \"Norr\">", 1, 0],
      ["Centrum", 1, 1],
      ["Vivalla", 1, 1],
    ]);
    expect(rep.lettingRules).toEqual([{ lettingRule: "queue", vacancies: 3, lettings: 2 }]);
  });

  it("share needing a rent guarantee, children placed overcrowded, waiting times", () => {
    expect(rep.rentGuarantee).toEqual({ housed: 2, required: 1, share: 0.5 });
    expect(rep.overcrowding).toEqual({ households: 0, children: 0 });
    expect(rep.waiting.housed.households).toBe(2);
    expect(rep.waiting.notHoused.households).toBe(2);
    expect(rep.waiting.housed.bands.find((b) => b.band === "10y-plus")!.households).toBe(1);
  });

  it("reasons households went unmatched", () => {
    expect(rep.unmatched.byMainReason).toEqual({ "no-choices": 0, ineligible: 1, outranked: 1 });
    expect(rep.unmatched.failedChecks).toEqual([
      { code: "income", households: 1 },
      { code: "rent-guarantee", households: 1 },
    ]);
  });

  it("includes the snapshot, and the what-if only when asked", () => {
    expect(rep.snapshot.population.households).toBe(4);
    expect(rep.whatIf).toBeUndefined();
    const w = buildReport(small, { whatIf: "lund" });
    expect(w.ok && w.value.whatIf?.b.id).toBe("lund");
  });
});

describe("HTML", () => {
  const html = reportHtml(small, { whatIf: "stockholm" });
  if (!html.ok) throw new Error(JSON.stringify(html.issues));
  const page = html.value;

  it("escapes every text: a district name with markup appears only escaped", () => {
    expect(page).toContain(esc("<Söder & \"Norr\">"));
    expect(page).not.toContain("<Söder");
  });

  it("is self-contained: no scripts, no links, no external resources", () => {
    expect(page).not.toMatch(/<script|<link|<img|<iframe|\bsrc=|\bhref=|url\(|@import/i);
    // The only URL is the SVG namespace, which is a name, not a resource.
    expect(page.match(/https?:\/\/[^"\s]+/g)?.filter((u) => u !== "http://www.w3.org/2000/svg") ?? []).toEqual([]);
    expect(page).toContain("Content-Security-Policy");
  });

  it("Swedish first, then English; sections for every part of the report", () => {
    expect(page).toMatch(/<html lang="sv">/);
    for (const id of ["key-figures", "districts", "letting-rules", "income-priority", "housing-first", "overcrowding", "waiting", "unmatched", "rent-guarantee", "snapshot", "what-if"]) {
      expect(page).toContain(`<section id="${id}">`);
    }
    expect(page.indexOf("Barn placerade i trångboddhet")).toBeLessThan(page.indexOf("Children placed into overcrowding"));
  });

  it("shows no household id and suppresses small counts in the group breakdowns", () => {
    for (const id of ["H-1", "H-2", "H-3", "H-4"]) expect(page).not.toContain(id);
    // Four households in one situation: the snapshot row for acute shows 4; the groups hold fewer and show "1–2".
    expect(page).toContain("1–2");
  });
});

describe("properties", () => {
  test.prop([validInput({ households: { min: 0, max: 20 }, apartments: { min: 1, max: 10 } })], { numRuns: 40 })(
    "the report names every district of the input, and never places a child into overcrowding",
    (raw) => {
      const r = buildReport(raw);
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.value.overcrowding.children).toBe(0);
      const page = reportHtml(raw);
      if (!page.ok) return;
      for (const a of raw.apartments) expect(page.value).toContain(esc(a.district));
      expect(r.value.districts.reduce((n, d) => n + d.vacancies, 0)).toBe(raw.apartments.length);
      expect(r.value.districts.reduce((n, d) => n + d.lettings, 0)).toBe(r.value.totals.housed);
    },
  );
});

describe("bostad-forst report (command)", () => {
  const files = { "in.json": JSON.stringify(small), "alt.json": JSON.stringify({ extends: "orebro", lettingRules: { "income-priority": { order: ["queue-days", "lottery"] } } }) };

  it("writes the page to --out and says so on stderr (exit 0)", async () => {
    const io = memoryIo(files);
    expect(await reportCommand(["in.json", "--out", "r.html", "--what-if", "alt.json"], io)).toBe(0);
    expect(io.files["r.html"]).toMatch(/^<!DOCTYPE html>/);
    expect(io.files["r.html"]).toContain('<section id="what-if">');
    expect(io.out).toBe("");
    expect(io.err).toContain("r.html");
  });

  it("prints to stdout without --out; a preset name works as --what-if; --no-gender drops the breakdown", async () => {
    const io = memoryIo(files);
    expect(await reportCommand(["in.json", "--what-if", "lund", "--no-gender"], io)).toBe(0);
    expect(io.out).toMatch(/^<!DOCTYPE html>/);
    expect(io.out).not.toContain("Persons by gender");
  });

  it("reads standard input", async () => {
    const io = memoryIo({}, JSON.stringify(small));
    expect(await reportCommand(["-"], io)).toBe(0);
  });

  it.each([
    ["invalid input", { "in.json": JSON.stringify({ ...small, seed: 5 }) }, ["in.json"], "invalid_type"],
    ["not JSON", { "in.json": "{" }, ["in.json"], "invalid_json"],
    ["an unknown alternative preset", files, ["in.json", "--what-if", "uppsala.json"], "invalid_input"],
    ["an alternative that breaks the policy rules", { ...files, "bad.json": JSON.stringify({ extends: "orebro", lettingRules: { queue: { order: ["lottery", "queue-days"] } } }) }, ["in.json", "--what-if", "bad.json"], "lottery_not_last"],
  ])("%s: issues JSON on stdout, summary on stderr, exit 2", async (_, fs, argv, code) => {
    const io = memoryIo(fs);
    expect(await reportCommand(argv, io)).toBe(2);
    const out = JSON.parse(io.out) as { ok: boolean; issues: { code: string }[] };
    expect(out.ok).toBe(false);
    expect(out.issues.map((i) => i.code)).toContain(code);
    expect(io.err).toContain("bostad-forst");
  });

  it.each([[[]], [["a.json", "b.json"]], [["in.json", "--bogus"]]])("usage errors exit 2 with nothing on stdout: %j", async (argv) => {
    const io = memoryIo(files);
    expect(await reportCommand(argv, io)).toBe(2);
    expect(io.out).toBe("");
    expect(io.err).toContain("bostad-forst report");
  });
});

it("the bundled Örebro batch: every district, all eleven of them, in the page", () => {
  const page = reportHtml(BATCH, { whatIf: { extends: "orebro", lettingRules: { "income-priority": { order: ["queue-days", "lottery"] } } } });
  if (!page.ok) throw new Error(JSON.stringify(page.issues));
  const districts = new Set((BATCH["apartments"] as { district: string }[]).map((a) => a.district));
  expect(districts.size).toBe(11);
  for (const d of districts) expect(page.value).toContain(`>${esc(d)}<`);
});
