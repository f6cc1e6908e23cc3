import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalHash } from "../../src/audit/canonical.js";
import { explainHousehold } from "../../src/explain/index.js";
import { type Run, buildResult, validateAndPrepare, validateAndPrepareParts, withExplanations } from "../../src/mechanisms/allocate.js";
import { deferredAcceptance } from "../../src/mechanisms/deferred-acceptance.js";
import { NdjsonRunReader } from "../../src/mechanisms/ndjson-run.js";
import { allOf } from "../../src/mechanisms/prepare.js";
import { NdjsonAssembler, toNdjsonLines } from "../../src/model/ndjson.js";
import { invalidInput, validInput } from "../arbitraries/index.js";

type Doc = Parameters<typeof toNdjsonLines>[0];

/** The streamed reader over the lines: the run (with its hash) or the issues. */
function streamed(lines: readonly string[]) {
  const reader = new NdjsonRunReader();
  lines.forEach((line, i) => reader.push(line, i + 1));
  const done = reader.finish();
  return done.ok ? { ok: true as const, run: { ...done.value.run, rawSha256: done.value.inputSha256! } satisfies Run } : done;
}

/** Every line read and kept first, then validated and prepared (the assembler's parts): the reference. */
function assembled(lines: readonly string[]) {
  const asm = new NdjsonAssembler();
  lines.forEach((line, i) => asm.push(line, i + 1));
  const done = asm.finish();
  if (!done.ok) return done;
  const run = validateAndPrepareParts(done.parts, (issues) => asm.remapIssues(issues));
  return run.ok ? { ok: true as const, run: run.value } : run;
}

const linesOf = (doc: unknown): string[] => [...toNdjsonLines(doc as Doc)];

describe("the streamed NDJSON reader (NdjsonRunReader: no household kept, each prepared as its line arrives)", () => {
  it("gives the JSON path's run: the same result and explanations, households and facts rebuilt from their lines equal to the originals", () => {
    fc.assert(
      fc.property(validInput({ households: { min: 1, max: 10 }, apartments: { min: 1, max: 6 } }), fc.constantFrom("orebro", "stockholm", "goteborg"), (raw, policy) => {
        const doc = { ...raw, policy };
        const json = validateAndPrepare(structuredClone(doc));
        const lines = streamed(linesOf(doc));
        expect(lines.ok).toBe(json.ok);
        if (!json.ok || !lines.ok) return;
        const a = json.value;
        const b = lines.run;
        expect(b.rawSha256).toBe(a.rawSha256);
        expect(b.rawSha256).toBe(canonicalHash(doc));
        expect(Array.isArray(b.prepared.households)).toBe(false);
        expect(allOf(b.prepared.households)).toEqual(allOf(a.prepared.households));
        expect(allOf(b.prepared.facts)).toEqual(allOf(a.prepared.facts));
        expect(b.prepared.householdIds).toEqual(a.prepared.householdIds);
        const resultA = buildResult(a, deferredAcceptance(a.prepared.compiled));
        const resultB = buildResult(b, deferredAcceptance(b.prepared.compiled));
        expect(JSON.stringify(withExplanations(b, resultB))).toBe(JSON.stringify(withExplanations(a, resultA)));
        for (const id of a.prepared.householdIds) {
          expect(explainHousehold(b, resultB, id, { audience: "auditor" })).toEqual(explainHousehold(a, resultA, id, { audience: "auditor" }));
        }
      }),
      { numRuns: 40 },
    );
  });

  it("reports exactly the issues of reading every line first, in the same order, with the same line paths", () => {
    let failed = 0;
    fc.assert(
      fc.property(invalidInput(), (m) => {
        const lines = linesOf(m.input);
        const reference = assembled(lines);
        const got = streamed(lines);
        expect(got.ok).toBe(reference.ok);
        if (!reference.ok && !got.ok) {
          expect(got.issues).toEqual(reference.issues);
          failed++;
        }
      }),
      { numRuns: 300 },
    );
    expect(failed).toBeGreaterThan(150);
  });

  it("finds repeated household ids once ids stop rising, and other cross-record issues, on their lines", () => {
    fc.assert(
      fc.property(
        validInput({ households: { min: 2, max: 10 }, apartments: { min: 1, max: 5 } }),
        fc.array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom("repeat-id", "swap", "unknown-entry", "repeat-entry", "bad-line", "blank-line")), { maxLength: 4 }),
        (raw, edits) => {
          const doc = structuredClone(raw) as unknown as { households: { id: string; preferences: { ranking: string[] } }[] };
          const extra: number[] = [];
          for (const [x, y, edit] of edits) {
            const hs = doc.households;
            const h = hs[x % hs.length]!;
            if (edit === "repeat-id") h.id = hs[y % hs.length]!.id;
            if (edit === "swap") [hs[x % hs.length], hs[y % hs.length]] = [hs[y % hs.length]!, hs[x % hs.length]!];
            if (edit === "unknown-entry") h.preferences.ranking.push("A-NOWHERE");
            if (edit === "repeat-entry" && h.preferences.ranking.length > 0) h.preferences.ranking.push(h.preferences.ranking[0]!);
            if (edit === "bad-line" || edit === "blank-line") extra.push(edit === "bad-line" ? -1 - (y % 3) : y);
          }
          const lines = linesOf(doc);
          for (const e of extra) lines.splice(lines.length - 1 - (Math.abs(e) % 2), 0, e < 0 ? "{not json" : "   ");
          const reference = assembled(lines);
          const got = streamed(lines);
          expect(got.ok).toBe(reference.ok);
          if (!reference.ok && !got.ok) expect(got.issues).toEqual(reference.issues);
          if (reference.ok && got.ok) expect(JSON.stringify(buildResult(got.run, deferredAcceptance(got.run.prepared.compiled)))).toBe(JSON.stringify(buildResult(reference.run, deferredAcceptance(reference.run.prepared.compiled))));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("reads an input without households, and one whose header fails, as the assembler does", () => {
    const doc = { schemaVersion: 1, asOf: "2026-11-21", seed: "s", policy: "orebro", households: [], apartments: [] };
    const empty = streamed(linesOf(doc));
    expect(empty.ok).toBe(true);
    if (empty.ok) expect(empty.run.prepared.households.length).toBe(0);
    const badHeader = linesOf({ ...doc, asOf: "2026-13-40", households: [{ id: "H-1" }] });
    const reference = assembled(badHeader);
    const got = streamed(badHeader);
    expect(got.ok).toBe(false);
    if (!got.ok && !reference.ok) expect(got.issues).toEqual(reference.issues);
  });
});
