import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { toNdjsonLines } from "../../src/model/ndjson.js";
import type { ApartmentDecisions } from "../../src/model/result.js";

// test/setup/build.ts (vitest globalSetup) has built dist/ before this file runs.
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const BIN = join(ROOT, "dist", "cli", "main.js");
const doc = JSON.parse(readFileSync(join(ROOT, "examples", "data", "orebro-batch.json"), "utf8"));
const tmp = mkdtempSync(join(tmpdir(), "bostad-forst-ndjson-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const cli = (args: readonly string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: tmp, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
const lines = (text: string) => text.trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);

describe("allocate with NDJSON (large runs)", () => {
  const input = join(tmp, "batch.ndjson");
  writeFileSync(input, `${[...toNdjsonLines(doc)].join("\n")}\n`);

  it("streams the same proposals, reasons and rankings as the JSON path", () => {
    const json = cli(["allocate", join(ROOT, "examples", "data", "orebro-batch.json")]);
    expect(json.code).toBe(0);
    const expected = JSON.parse(json.stdout);
    const out = join(tmp, "result.ndjson");
    const r = cli(["allocate", input, "--out", out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    const records = lines(readFileSync(out, "utf8"));
    const header = records[0]!;
    expect(Object.keys(header)).toEqual(["schemaVersion", "audit", "designations"]);
    expect(header["designations"]).toEqual(expected.designations);
    const of = (kind: string) => records.filter((x) => kind in x).map((x) => x[kind]);
    expect(of("proposal")).toEqual(expected.proposals);
    expect(of("unmatched")).toEqual(expected.unmatchedHouseholds);
    expect(of("unfilled")).toEqual(expected.unfilledApartments);
    expect(of("apartment")).toEqual(expected.apartments);
    // Deterministic: the same input gives the same bytes.
    const again = join(tmp, "again.ndjson");
    expect(cli(["allocate", input, "--out", again]).code).toBe(0);
    expect(readFileSync(again, "utf8")).toBe(readFileSync(out, "utf8"));
  });

  it("NDJSON input without --out streams NDJSON on stdout; --out *.json writes the JSON result with explanations", () => {
    const r = cli(["allocate", input]);
    expect(r.code).toBe(0);
    expect(lines(r.stdout)[0]).toHaveProperty("audit");
    const out = join(tmp, "result.json");
    expect(cli(["allocate", input, "--out", out]).code).toBe(0);
    const result = JSON.parse(readFileSync(out, "utf8"));
    expect(Object.keys(result.explanations)).toHaveLength(doc.households.length);
  });

  it("reports invalid lines with their line numbers, exit 2, nothing but the issues on stdout", () => {
    const text = [...toNdjsonLines(doc)];
    const at = text.findIndex((l) => l.startsWith('{"household"'));
    const bad = JSON.parse(text[at]!);
    bad.household.credit.paymentRemarks = -1;
    text[at] = JSON.stringify(bad);
    text.splice(at + 2, 0, '{"household": {"id": "H-9999", "members": [{"birthDate": "2026-02-30"}]');
    const broken = join(tmp, "broken.ndjson");
    writeFileSync(broken, `${text.join("\n")}\n`);
    const r = cli(["allocate", broken, "--out", join(tmp, "never.ndjson")]);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toEqual({
      ok: false,
      issues: [expect.objectContaining({ code: "invalid_json", path: ["line", at + 3] }), expect.objectContaining({ code: "too_small", path: ["line", at + 1, "household", "credit", "paymentRemarks"] })],
    });
    text.splice(at + 2, 1);
    writeFileSync(broken, `${text.join("\n")}\n`);
    const r2 = cli(["allocate", broken]);
    expect(r2.code).toBe(2);
    expect(JSON.parse(r2.stdout).issues).toEqual([expect.objectContaining({ code: "too_small", path: ["line", at + 1, "household", "credit", "paymentRemarks"] })]);
    expect(r2.stderr).toContain("1 fel i indata / 1 issue");
  });

  it("verify replays a streamed run line by line: identical → 0; one changed value → 3 with the line and the path in it", () => {
    const out = join(tmp, "replay.ndjson");
    expect(cli(["allocate", input, "--out", out]).code).toBe(0);
    const ok = cli(["verify", input, out]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ ok: true, status: "identical" });
    const lines = readFileSync(out, "utf8").trimEnd().split("\n");
    const at = lines.findIndex((l) => l.startsWith('{"proposal"'));
    const changed = JSON.parse(lines[at]!);
    changed.proposal.choiceRank += 1;
    lines[at] = JSON.stringify(changed);
    const tampered = join(tmp, "tampered.ndjson");
    writeFileSync(tampered, `${lines.join("\n")}\n`);
    const bad = cli(["verify", input, tampered]);
    expect(bad.code).toBe(3);
    expect(JSON.parse(bad.stdout)).toMatchObject({ ok: true, status: "differs", path: ["line", at + 1, "proposal", "choiceRank"] });
    const original = readFileSync(out, "utf8").trimEnd().split("\n");
    writeFileSync(tampered, `${original.slice(0, -1).join("\n")}\n`);
    expect(JSON.parse(cli(["verify", input, tampered]).stdout)).toMatchObject({ status: "differs", path: ["line", original.length] });
  });

  it("--detail decisions streams rankings without keys and failed checks as codes; verify replays that level (0), a change → 3", () => {
    const out = join(tmp, "decisions.ndjson");
    expect(cli(["allocate", input, "--out", out, "--detail", "decisions"]).code).toBe(0);
    const lines = readFileSync(out, "utf8").trimEnd().split("\n");
    const records = lines.map((l) => JSON.parse(l) as { audit?: { detail?: string }; apartment?: ApartmentDecisions });
    expect(records[0]!.audit?.detail).toBe("decisions");
    const apartments = records.flatMap((x) => (x.apartment ? [x.apartment] : []));
    expect(apartments.flatMap((a) => a.ranking).every((e) => !("priority" in e))).toBe(true);
    expect(apartments.flatMap((a) => a.ineligible).every((e) => e.failed.every((c) => typeof c === "string"))).toBe(true);
    expect(cli(["verify", input, out]).code).toBe(0);
    const at = records.findIndex((x) => (x.apartment?.ranking.length ?? 0) > 0);
    const entry = records[at]!.apartment!.ranking[0]!;
    entry.rentGuaranteeRequired = !entry.rentGuaranteeRequired;
    const tampered = join(tmp, "decisions-tampered.ndjson");
    writeFileSync(tampered, `${[...lines.slice(0, at), JSON.stringify(records[at]), ...lines.slice(at + 1)].join("\n")}\n`);
    const bad = cli(["verify", input, tampered]);
    expect(bad.code).toBe(3);
    expect(JSON.parse(bad.stdout)).toMatchObject({ status: "differs", path: ["line", at + 1, "apartment", "ranking", 0, "rentGuaranteeRequired"] });
  });

  it("explain reads the NDJSON input too and says exactly what it says from the JSON input", () => {
    const unmatched = (JSON.parse(cli(["allocate", join(ROOT, "examples", "data", "orebro-batch.json")]).stdout) as { unmatchedHouseholds: { householdId: string }[] }).unmatchedHouseholds[0]!.householdId;
    for (const format of ["text", "json"]) {
      const fromJson = cli(["explain", join(ROOT, "examples", "data", "orebro-batch.json"), "--household", unmatched, "--audience", "caseworker", "--format", format]);
      const fromNdjson = cli(["explain", input, "--household", unmatched, "--audience", "caseworker", "--format", format]);
      expect(fromJson.code).toBe(0);
      expect(fromNdjson.code).toBe(0);
      expect(fromNdjson.stdout).toBe(fromJson.stdout);
    }
    expect(cli(["explain", input, "--household", "H-none"]).code).toBe(2);
  });

  it("an unreadable NDJSON file is an input issue, exit 2", () => {
    const r = cli(["allocate", join(tmp, "missing.ndjson")]);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).issues[0]).toMatchObject({ code: "invalid_input" });
  });
});

describe("progress on stderr", () => {
  it("reports phases and counts through io.progress (a terminal), and nothing else when stderr is not a terminal", async () => {
    const { allocateCommand } = await import("../../src/cli/commands/allocate.js");
    const { memoryIo } = await import("./helpers.js");
    const text = `${[...toNdjsonLines(doc)].join("\n")}\n`;
    const io = memoryIo({ "in.ndjson": text });
    const progress: string[] = [];
    const code = await allocateCommand("in.ndjson", "out.ndjson", { ...io, progress: (t: string) => void progress.push(t) });
    expect(code).toBe(0);
    const said = progress.join("");
    expect(said).toMatch(/validerar|kontrollerar/);
    expect(said).toContain(`${doc.households.length} hushåll / households`);
    expect(said).toMatch(/klart \/ done, \d+ rader \/ lines/);
    // The spawned bin's stderr is a pipe, not a terminal: only the final note.
    const r = cli(["allocate", join(tmp, "batch.ndjson"), "--out", join(tmp, "quiet.ndjson")]);
    expect(r.stderr).toBe(`bostad-forst: skrev / wrote ${join(tmp, "quiet.ndjson")}\n`);
  });
});
