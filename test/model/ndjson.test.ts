import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalHash } from "../../src/audit/canonical.js";
import { allocate, buildResult, validateAndPrepareParts } from "../../src/mechanisms/allocate.js";
import { deferredAcceptance } from "../../src/mechanisms/deferred-acceptance.js";
import { prepare } from "../../src/mechanisms/prepare.js";
import { NdjsonAssembler, toNdjsonLines } from "../../src/model/ndjson.js";
import { crossCheck } from "../../src/model/input.js";
import { parseParts } from "../../src/model/parse.js";
import { allocationInput } from "../mechanisms/instances.js";

const example = JSON.parse(readFileSync(new URL("../../examples/data/orebro-batch.json", import.meta.url), "utf8"));

function assemble(lines: string[]) {
  const asm = new NdjsonAssembler();
  lines.forEach((line, i) => asm.push(line, i + 1));
  return { asm, done: asm.finish() };
}

/** The NDJSON path as the CLI runs it: records validated line by line, then the same checks and mechanism. */
function viaNdjson(lines: string[]) {
  const { asm, done } = assemble(lines);
  if (!done.ok) return { ok: false as const, issues: done.issues };
  const run = validateAndPrepareParts(done.parts, (issues) => asm.remapIssues(issues));
  if (!run.ok) return run;
  return { ok: true as const, value: buildResult(run.value, deferredAcceptance(run.value.prepared.compiled)) };
}

describe("NDJSON input", () => {
  it("gives byte-identical results to the JSON path, input hash included, for generated inputs", () => {
    fc.assert(
      fc.property(allocationInput({ maxHouseholds: 30, maxApartments: 10 }), (raw) => {
        const viaJson = allocate(raw, { explanations: false });
        const viaLines = viaNdjson([...toNdjsonLines(raw)]);
        expect(viaLines.ok).toBe(viaJson.ok);
        if (viaJson.ok && viaLines.ok) expect(JSON.stringify(viaLines.value)).toBe(JSON.stringify(viaJson.value));
      }),
      { numRuns: 60 },
    );
  });

  it("notes each ranking entry's apartment index while reading, and prepare gives the same pairs with or without them", () => {
    fc.assert(
      fc.property(allocationInput({ maxHouseholds: 30, maxApartments: 10 }), (raw) => {
        const { done } = assemble([...toNdjsonLines(raw)]);
        if (!done.ok) throw new Error("generated input is valid NDJSON");
        const parsed = parseParts(done.parts, ["line", 1]);
        if (!parsed.ok) return;
        const { households, apartments } = parsed.value;
        const entries = households.flatMap((h) => h.preferences.ranking);
        expect([...done.parts.rankedApartments!]).toEqual(entries.map((id) => apartments.findIndex((a) => a.id === id)));
        const withIndex = prepare(parsed.value, done.parts.rankedApartments);
        const without = prepare(parsed.value);
        expect(withIndex.pairApartment).toEqual(without.pairApartment);
        expect(withIndex.pairFlags).toEqual(without.pairFlags);
        expect(withIndex.pairFailed).toEqual(without.pairFailed);
        expect(withIndex.order).toEqual(without.order);
      }),
      { numRuns: 60 },
    );
  });

  it("reports the same cross-record issues with the reader's indices as without them: unknown and repeated entries, invalid records", () => {
    let duplicates = 0;
    let unknown = 0;
    fc.assert(
      fc.property(
        allocationInput({ maxHouseholds: 12, maxApartments: 6 }),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom("repeat", "unknown", "invalid-household", "invalid-apartment", "duplicate-apartment")), { maxLength: 4 }),
        (raw, edits) => {
          const doc = structuredClone(raw) as { households: { id: unknown; preferences: { ranking: string[] } }[]; apartments: { id: string; rooms: unknown }[] };
          for (const [n, edit] of edits) {
            const h = doc.households[n % doc.households.length]!;
            const ranking = h.preferences.ranking;
            if (edit === "repeat" && ranking.length > 0) ranking.push(ranking[n % ranking.length]!);
            if (edit === "unknown") ranking.splice(n % (ranking.length + 1), 0, "A-NOWHERE");
            if (edit === "invalid-household") h.id = 7;
            if (edit === "invalid-apartment") doc.apartments[n % doc.apartments.length]!.rooms = -1;
            if (edit === "duplicate-apartment" && doc.apartments.length > 1) doc.apartments[1]!.id = doc.apartments[0]!.id;
          }
          const { done } = assemble([...toNdjsonLines(doc)]);
          if (!done.ok) return;
          const { households, apartments, rankedApartments } = done.parts;
          const withIndex = crossCheck({ asOf: raw.asOf, households, apartments, rankedApartments: rankedApartments! }, undefined);
          const without = crossCheck({ asOf: raw.asOf, households, apartments }, undefined);
          expect(withIndex).toEqual(without);
          duplicates += without.filter((i) => i.code === "duplicate_ranking_entry").length;
          unknown += without.filter((i) => i.code === "unknown_apartment").length;
        },
      ),
      { numRuns: 300 },
    );
    expect(duplicates).toBeGreaterThan(20);
    expect(unknown).toBeGreaterThan(20);
  });

  it("streams the canonical hash of the assembled document", () => {
    const { done } = assemble([...toNdjsonLines(example)]);
    if (!done.ok) throw new Error(JSON.stringify(done.issues));
    expect(done.parts.inputSha256).toBe(canonicalHash(example));
    const none = assemble([JSON.stringify({ schemaVersion: 1, asOf: "2026-11-21", zz: [1], aa: { b: 1, a: 2 } })]).done;
    expect(none.ok && none.parts.inputSha256).toBe(canonicalHash({ schemaVersion: 1, asOf: "2026-11-21", zz: [1], aa: { b: 1, a: 2 }, households: [], apartments: [] }));
  });

  it("reports invalid records with their line numbers, through the same validation", () => {
    const lines = [...toNdjsonLines(example)];
    const householdLine = lines.findIndex((l) => l.startsWith('{"household"')) + 1;
    const bad = JSON.parse(lines[householdLine - 1]!);
    bad.household.members[0].birthDate = "2026-02-30";
    bad.household.extra = true;
    lines[householdLine - 1] = JSON.stringify(bad);
    lines.splice(householdLine + 1, 0, "{not json");
    // A line that is not JSON stops the run; the record issues found on other lines are reported with it.
    const broken = assemble(lines).done;
    expect(broken.ok).toBe(false);
    expect(!broken.ok && broken.issues.map((i) => [i.code, i.path])).toEqual([
      ["invalid_json", ["line", householdLine + 2]],
      ["invalid_date", ["line", householdLine, "household", "members", 0, "birthDate"]],
      ["unrecognized_key", ["line", householdLine, "household", "extra"]],
    ]);
    lines.splice(householdLine + 1, 1);
    const r = viaNdjson(lines);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => [i.code, i.path])).toEqual([
      ["invalid_date", ["line", householdLine, "household", "members", 0, "birthDate"]],
      ["unrecognized_key", ["line", householdLine, "household", "extra"]],
    ]);
  });

  it("reports cross-record issues (a ranking naming a missing apartment) on the household's line", () => {
    const lines = [...toNdjsonLines(example)];
    const at = lines.findIndex((l) => l.startsWith('{"household"'));
    const h = JSON.parse(lines[at]!);
    h.household.preferences.ranking = ["A-NOPE"];
    lines[at] = JSON.stringify(h);
    const r = viaNdjson(lines);
    expect(!r.ok && r.issues).toEqual([expect.objectContaining({ code: "unknown_apartment", path: ["line", at + 1, "household", "preferences", "ranking", 0] })]);
  });

  it("rejects a header that carries records, a line that is neither record kind, an apartment after households, and empty input", () => {
    expect(assemble(['{"schemaVersion":1,"households":[]}']).done).toMatchObject({ ok: false, issues: [{ code: "unrecognized_key", path: ["line", 1, "households"] }] });
    expect(assemble(['{"schemaVersion":1}', '{"tenant":{}}']).done).toMatchObject({ ok: false, issues: [{ code: "invalid_value", path: ["line", 2] }] });
    const late = assemble(['{"schemaVersion":1}', '{"household":{}}', '{"apartment":{}}']).done;
    expect(!late.ok && late.issues[0]).toMatchObject({ code: "invalid_value", path: ["line", 3] });
    expect(assemble(["", "  "]).done).toMatchObject({ ok: false, issues: [{ code: "invalid_json", path: ["line", 1] }] });
  });

  it("maps header-level issues (policy, stock) to the header line", () => {
    const lines = [...toNdjsonLines({ ...example, policy: "goteborg" })];
    const r = viaNdjson(lines);
    expect(!r.ok && r.issues[0]).toMatchObject({ code: "unknown_preset", path: ["line", 1, "policy"] });
  });
});
