import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

// test/setup/build.ts (vitest globalSetup) has built dist/ before this file runs.
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const BIN = join(ROOT, "dist", "cli", "main.js");
const BATCH = join(ROOT, "examples", "data", "orebro-batch.json");
const tmp = mkdtempSync(join(tmpdir(), "bostad-forst-e2e-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Spawns the built bin from a directory outside the package, as an integrator would. */
function cli(args: readonly string[], stdin?: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: tmp, input: stdin ?? "", encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("the built bin", () => {
  it("is an executable ESM script with a shebang", () => {
    expect(readFileSync(BIN, "utf8").startsWith("#!/usr/bin/env node\n")).toBe(true);
    expect(JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).bin).toEqual({ "bostad-forst": "./dist/cli/main.js" });
    expect(statSync(BIN).isFile()).toBe(true);
  });

  it.each([["allocate"], ["rank"]])("%s into a reader that stops early (| head): exit 1 and one line on stderr, no unhandled EPIPE", (command) => {
    const script = `"${process.execPath}" "${BIN}" ${command} "${BATCH}" | head -c 1 > /dev/null; echo "\${PIPESTATUS[0]}"`;
    const r = spawnSync("bash", ["-c", script], { cwd: tmp, encoding: "utf8" });
    expect(r.stdout.trim()).toBe("1");
    expect(r.stderr).toBe("bostad-forst: standardutdata stängdes; resultatet skrevs inte färdigt / standard output was closed; the result was not written in full\n");
  });

  it.each([["r.json"], ["r.ndjson"]])("allocate --out into a missing directory (%s): exit 1 with an internal_error issue and the reason, no stack trace", (name) => {
    const r = cli(["allocate", BATCH, "--out", join(tmp, "missing-directory", name)]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, issues: [{ code: "internal_error" }] });
    expect(r.stderr).toContain("ENOENT");
    expect(r.stderr).not.toContain("Unhandled");
  });

  it("allocate on invalid input: exit 2, only {ok:false, issues} on stdout, a summary on stderr", () => {
    const doc = JSON.parse(readFileSync(BATCH, "utf8")) as Record<string, unknown>;
    const input = JSON.stringify({ ...doc, asOf: "2026-02-30", polcy: "orebro" });
    const r = cli(["allocate", "-"], input);
    expect(r.code).toBe(2);
    const out = JSON.parse(r.stdout) as { ok: boolean; issues: { code: string; path: unknown[]; message: { sv: string; en: string } }[] };
    expect(Object.keys(out)).toEqual(["ok", "issues"]);
    expect(out.ok).toBe(false);
    expect(out.issues.map((i) => [i.code, i.path])).toEqual(
      expect.arrayContaining([
        ["invalid_date", ["asOf"]],
        ["unrecognized_key", ["polcy"]],
      ]),
    );
    expect(r.stderr).toContain(`${out.issues.length} issues in the input`);
    expect(r.stderr).toContain("asOf [invalid_date]: ");
  });

  it("allocate on a file that is not JSON: exit 2, invalid_json", () => {
    const r = cli(["allocate", "-"], '{"schemaVersion": 1,');
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toEqual({ ok: false, issues: [expect.objectContaining({ code: "invalid_json", path: [] })] });
    expect(r.stderr).toContain("invalid_json");
  });

  it("allocate on a missing file: exit 2, invalid_input", () => {
    const r = cli(["allocate", join(tmp, "nope.json")]);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).issues[0].code).toBe("invalid_input");
  });

  it("allocate on the example batch: exit 0, the same bytes twice, and --out writes them", () => {
    const a = cli(["allocate", BATCH]);
    const b = cli(["allocate", BATCH]);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    const result = JSON.parse(a.stdout) as { schemaVersion: number; audit: { seed: string; asOf: string }; proposals: unknown[] };
    expect(result.schemaVersion).toBe(1);
    expect(result.audit).toMatchObject({ seed: "orebro-2026-w47", asOf: "2026-11-21" });
    expect(result.proposals.length).toBeGreaterThan(0);
    const out = join(tmp, "result.json");
    const c = cli(["allocate", BATCH, "--out", out]);
    expect(c.code).toBe(0);
    expect(c.stdout).toBe("");
    expect(readFileSync(out, "utf8")).toBe(a.stdout);
  });

  it("verify: the result allocate wrote is identical (0); a changed proposal differs (3)", () => {
    const out = join(tmp, "verify-result.json");
    expect(cli(["allocate", BATCH, "--out", out]).code).toBe(0);
    const same = cli(["verify", BATCH, out]);
    expect(same.code).toBe(0);
    expect(JSON.parse(same.stdout)).toMatchObject({ ok: true, status: "identical" });
    const result = JSON.parse(readFileSync(out, "utf8")) as { proposals: { choiceRank: number }[] };
    result.proposals[0]!.choiceRank += 1;
    const changed = join(tmp, "changed-result.json");
    writeFileSync(changed, `${JSON.stringify(result, null, 2)}\n`);
    const differs = cli(["verify", BATCH, changed]);
    expect(differs.code).toBe(3);
    expect(JSON.parse(differs.stdout)).toMatchObject({ status: "differs", path: ["proposals", 0, "choiceRank"] });
  });

  it("explain: one household's explanation in Swedish text by default", () => {
    const result = JSON.parse(cli(["allocate", BATCH]).stdout) as { proposals: { householdId: string; apartmentId: string }[] };
    const p = result.proposals[0]!;
    const r = cli(["explain", BATCH, "--household", p.householdId]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(p.apartmentId);
  });

  it("schema input: exit 0, JSON Schema with $schema", () => {
    const r = cli(["schema", "input"]);
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(schema["$schema"]).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(Object.keys(schema["$defs"] as object)).toEqual(expect.arrayContaining(["AllocationInput", "Policy", "Condition"]));
  });

  it("demo: exit 0 with the batch's key figures, found from the built bin", () => {
    const r = cli(["demo"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("Hushåll / households: 300");
    expect(r.stdout).toMatch(/Lediga lägenheter \/ vacancies: \d+/);
    expect(r.stdout).toContain("ÖBO");
    expect(r.stdout).toContain("Bostad Först");
    expect(r.stdout).toMatch(/Förslag \/ proposals\s+\d+/);
  });

  it("unknown command: usage on stderr, exit 2; --help: usage on stdout, exit 0", () => {
    const bad = cli(["allocat"]);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe("");
    expect(bad.stderr).toContain("usage");
    const help = cli(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("bostad-forst schema <input|result|policy>");
  });
});
