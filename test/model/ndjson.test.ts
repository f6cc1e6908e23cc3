import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { allocate } from "../../src/mechanisms/allocate.js";
import { NdjsonAssembler, toNdjsonLines } from "../../src/model/ndjson.js";

const example = JSON.parse(readFileSync(new URL("../../examples/data/orebro-batch.json", import.meta.url), "utf8"));

function assemble(lines: string[]) {
  const asm = new NdjsonAssembler();
  lines.forEach((line, i) => asm.push(line, i + 1));
  return { asm, done: asm.finish() };
}

describe("NDJSON input", () => {
  it("gives the same result as the JSON path on the same data (apart from the input hash of the reordered document)", () => {
    const { done } = assemble([...toNdjsonLines(example)]);
    if (!done.ok) throw new Error(JSON.stringify(done.issues));
    const viaJson = allocate(example);
    const viaNdjson = allocate(done.raw);
    if (!viaJson.ok || !viaNdjson.ok) throw new Error("invalid example");
    expect(viaNdjson.value.proposals).toEqual(viaJson.value.proposals);
    expect(viaNdjson.value.apartments).toEqual(viaJson.value.apartments);
    expect(viaNdjson.value.unmatchedHouseholds).toEqual(viaJson.value.unmatchedHouseholds);
  });

  it("reports invalid records with their line numbers, through the same validation", () => {
    const lines = [...toNdjsonLines(example)];
    const householdLine = lines.findIndex((l) => l.startsWith('{"household"')) + 1;
    const bad = JSON.parse(lines[householdLine - 1]!);
    bad.household.members[0].birthDate = "2026-02-30";
    bad.household.extra = true;
    lines[householdLine - 1] = JSON.stringify(bad);
    lines.splice(householdLine + 1, 0, "{not json");
    const { asm, done } = assemble(lines);
    expect(done).toEqual({ ok: false, issues: [expect.objectContaining({ code: "invalid_json", path: ["line", householdLine + 2] })] });
    lines.splice(householdLine + 1, 1);
    const again = assemble(lines);
    if (!again.done.ok) throw new Error("should assemble");
    const r = allocate(again.done.raw);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(again.asm.remapIssues(r.issues).map((i) => [i.code, i.path])).toEqual([
      ["invalid_date", ["line", householdLine, "household", "members", 0, "birthDate"]],
      ["unrecognized_key", ["line", householdLine, "household", "extra"]],
    ]);
    void asm;
  });

  it("rejects a header that carries records, a line that is neither record kind, and empty input", () => {
    expect(assemble(['{"schemaVersion":1,"households":[]}']).done).toMatchObject({ ok: false, issues: [{ code: "unrecognized_key", path: ["line", 1, "households"] }] });
    expect(assemble(['{"schemaVersion":1}', '{"tenant":{}}']).done).toMatchObject({ ok: false, issues: [{ code: "invalid_value", path: ["line", 2] }] });
    expect(assemble(["", "  "]).done).toMatchObject({ ok: false, issues: [{ code: "invalid_json", path: ["line", 1] }] });
  });

  it("maps header-level issues (policy, stock) to the header line", () => {
    const lines = [...toNdjsonLines({ ...example, policy: "goteborg" })];
    const { asm, done } = assemble(["", ...lines]);
    if (!done.ok) throw new Error("should assemble");
    const r = allocate(done.raw);
    expect(!r.ok && asm.remapIssues(r.issues)[0]).toMatchObject({ code: "unknown_preset", path: ["line", 2, "policy"] });
  });
});
