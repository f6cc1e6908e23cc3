import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { renderBatchSummary, summarizeAllocation, summarizeBatch } from "../../src/cli/commands/demo.js";
import { allocate } from "../../src/mechanisms/allocate.js";
import { parseInput } from "../../src/model/parse.js";

// The annotated two-household example of docs/input.md, counted by hand below.
const doc = readFileSync(new URL("../../docs/input.md", import.meta.url), "utf8");
const raw = JSON.parse(/```jsonc\n([\s\S]*?)```/.exec(doc)![1]!.replace(/\s*\/\/.*$/gm, "")) as unknown;
const parsed = parseInput(raw);
if (!parsed.ok) throw new Error("docs/input.md example is invalid");
const input = parsed.value;

describe("demo summaries", () => {
  it("count the batch's households and vacancies", () => {
    const s = summarizeBatch(input);
    expect(s.households).toEqual({
      total: 2,
      bySituation: { acute: 1, institution: 1, "municipal-arrangement": 0, "own-short-term": 0, "eviction-risk": 0, housed: 0 },
      homeless: 2,
      homelessOverSixMonths: 2,
      withChildren: 1,
      children: 1,
      overcrowded: 0,
      solSupport: 0,
      lssHousing: 0,
      coOccurring: 0,
      excludedDistricts: 1,
      socialPriority: 1,
      socialPriorityExpired: 0,
      housingFirst: 1,
      rentGuarantee: 1,
      socialAssistance: 1,
      paymentRemarks: 1,
      choices: { min: 1, max: 2, mean: 1.5 },
    });
    expect(s.apartments).toEqual({
      total: 2,
      byLandlord: { obo: 2 },
      byDistrict: { Centrum: 1, Varberga: 1 },
      byLettingRule: { queue: 1, "income-priority": 0, "social-priority": 0, "housing-first": 1, lss: 0, senior: 0 },
      secondHand: 1,
    });
  });

  it("count the allocation: both households get their first choice, one through the rent guarantee", () => {
    const result = allocate(raw);
    if (!result.ok) return expect.fail(JSON.stringify(result.issues));
    const a = summarizeAllocation(input, result.value);
    expect(a).toMatchObject({ proposals: 2, firstChoice: 2, topThree: 2, rentGuaranteeRequired: 1, homelessPlaced: 2, familiesPlaced: 1, unmatched: 0, unfilled: 0 });
    expect(a.byLettingRule).toMatchObject({ queue: 1, "housing-first": 1 });
  });

  it("render every figure with Swedish and English labels, aligned", () => {
    const text = renderBatchSummary(summarizeBatch(input), (id) => `ÖBO (${id})`);
    expect(text).toContain("Hushåll / households: 2");
    expect(text).toMatch(/Bostad Först, inskrivna \/ Housing First, enrolled +1\n/);
    expect(text).toMatch(/ÖBO \(obo\) +2\n/);
    const rows = text.split("\n").filter((l) => /^ {4}\S.* \d+$/.test(l));
    expect(new Set(rows.map((l) => l.length)).size).toBe(1);
  });
});

describe("demo command", () => {
  it("prints every proposal and two household explanations (one housed, one not), from the real engine", async () => {
    const { demoCommand } = await import("../../src/cli/commands/demo.js");
    const { allocate: run } = await import("../../src/mechanisms/allocate.js");
    let out = "";
    const io = { stdout: (t: string) => void (out += t), stderr: () => undefined, readStdin: async () => "", readFile: async (p: string) => readFileSync(p, "utf8"), writeFile: async () => undefined };
    expect(await demoCommand(io)).toBe(0);
    const example = JSON.parse(readFileSync(new URL("../../examples/data/orebro-batch.json", import.meta.url), "utf8"));
    const result = run(example);
    if (!result.ok) return expect.fail("example invalid");
    expect(out).toContain(`Förslag / proposals (${result.value.proposals.length})`);
    for (const p of result.value.proposals) expect(out).toContain(`${p.householdId} → ${p.apartmentId}`);
    expect(out.match(/Förklaring till hushållet/g)).toHaveLength(2);
    expect(out).toContain("Du har inte fått något förslag");
  });
});
