import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const TSX = join(dirname(createRequire(import.meta.url).resolve("tsx/package.json")), "dist", "cli.mjs");
const run = promisify(execFile);

/** Runs an example exactly as its header says (`npx tsx examples/<name>.ts`), from the package root. */
async function example(name: string): Promise<string> {
  const { stdout, stderr } = await run(process.execPath, [TSX, `examples/${name}.ts`], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
  expect(stderr).toBe("");
  return stdout;
}

describe.concurrent("examples run with one command and print what they promise", () => {
  it("batch allocation", async () => {
    const out = await example("batch-allocation");
    expect(out).toContain("Policy orebro@2026.1, asOf 2026-11-21, seed orebro-2026-w47");
    const m = /Proposals: (\d+) · not housed: (\d+)/.exec(out);
    expect(Number(m![1]) + Number(m![2])).toBe(300);
    expect(out).toMatch(/H-\d{4} → A-\d{3} \(choice \d+/);
  });

  it("one vacancy: offer order, a refusal that ends the förtur, the next applicant accepts", async () => {
    const out = await example("one-vacancy-offers");
    expect(out).toContain("Offer terms: 1 offer(s), refusal ends priority: true");
    expect(out).toMatch(/1\. H-7002 +priority-group=families-with-children/);
    expect(out).toContain("H-7002: declined → priority-ended");
    expect(out).toContain("H-7003: accepted");
    expect(out).toContain("Result: let to H-7003");
  });

  it("rent-guarantee review", async () => {
    const out = await example("rent-guarantee-review");
    expect(out).toContain("4 active guarantees, review every 6 months");
    expect(out).toContain("can end: T-101 — income 31000 ≥ 24600 (3 × 8200)");
    expect(out).toContain("can end: T-102");
    expect(out).not.toContain("can end: T-105");
    expect(out).toContain("breaks terms: T-103 — covers 4 months < 6; valid until 2028-06-30, after 2028-01-20 (2 years)");
    expect(out).toContain("expiring: T-105 on 2026-12-20 (29 days)");
    expect(out).toContain("convert to first hand: T-104 (Housing First, second-hand for 22 months ≥ 12)");
  });

  it("homelessness snapshot", async () => {
    const out = await example("homelessness-snapshot");
    expect(out).toContain("300 households");
    expect(out).toMatch(/Homeless \(situations 1–4\): \d+ households/);
    expect(out).toMatch(/Families with children in hotel\/hostel\/shelter: \d+ \(goal 0\)/);
  });

  it("what-if between two policies, each change explained", async () => {
    const out = await example("what-if");
    expect(out).toMatch(/A = orebro@2026\.1 housed \d+; B = income priority off housed \d+/);
    const changes = out.split("\n").filter((l) => /^ {2}H-\d{4} (gained|lost|moved)/.test(l));
    expect(changes.length).toBeGreaterThan(0);
    for (const line of changes) expect(line).toMatch(/A: .+ B: .+/);
  });
});
