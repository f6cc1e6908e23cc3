import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalHash } from "../../src/audit/canonical.js";
import { explainHousehold } from "../../src/explain/index.js";
import { type Run, buildResult, validateAndPrepare, validateAndPrepareParts, withExplanations } from "../../src/mechanisms/allocate.js";
import { deferredAcceptance } from "../../src/mechanisms/deferred-acceptance.js";
import { NdjsonRunReader, Recent } from "../../src/mechanisms/ndjson-run.js";
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

/**
 * The CLI's split reading (src/cli/split-read.ts) without its threads: one reader of the header, the apartments and the
 * household lines before `cut`, hashing; another of the header, the apartments and the rest, its share handed over
 * through a structured clone with its buffers transferred, as a worker's message is.
 */
function inHalves(lines: readonly string[], first: number, cut: number, laterFirst = first, sortFirst = false) {
  const earlier = new NdjsonRunReader();
  lines.slice(0, cut).forEach((line, i) => earlier.push(line, i + 1));
  const later = new NdjsonRunReader({ hash: "households" });
  lines.slice(0, laterFirst).forEach((line, i) => later.push(line, i + 1));
  lines.slice(cut).forEach((line, i) => later.push(line, cut + i + 1));
  // The CLI sorts the earlier share while the worker finishes: the same run either way.
  if (sortFirst) earlier.sortShare();
  const share = later.half();
  if (!share) return undefined;
  const message = structuredClone(share.half, { transfer: share.transfer });
  // Transferred, not copied: the later reader's buffers are gone from it.
  expect(share.half.part.pairStart.byteLength).toBe(0);
  const done = earlier.finishWith(message);
  return done && ({ ...done.run, rawSha256: done.inputSha256 } satisfies Run);
}

describe("an NDJSON input read in two shares (the CLI's split reading) and joined", () => {
  it("gives one reader's run, hash, result and explanations when both shares are valid, and hands any issue back to one reader", () => {
    fc.assert(
      fc.property(
        validInput({ households: { min: 1, max: 12 }, apartments: { min: 1, max: 6 } }),
        fc.constantFrom("orebro", "stockholm", "goteborg"),
        fc.nat(),
        fc.constantFrom("none", "repeat-across", "bad-later", "bad-earlier", "apartment-later", "unsorted", "fewer-apartments-later"),
        fc.boolean(),
        (raw, policy, at, edit, sortFirst) => {
          const doc = structuredClone({ ...raw, policy }) as unknown as Doc & { households: { id: string }[]; apartments: { id: string }[] };
          const H = doc.households.length;
          const cutAt = at % (H + 1);
          if (edit === "repeat-across" && cutAt > 0 && cutAt < H) doc.households[H - 1]!.id = doc.households[0]!.id;
          if (edit === "unsorted") doc.households.reverse();
          const lines = linesOf(doc);
          const first = 1 + doc.apartments.length;
          const cut = first + cutAt;
          if (edit === "bad-later") lines.push("{not json");
          if (edit === "bad-earlier") lines.splice(cut, 0, '{"household": {"id": 7}}');
          if (edit === "apartment-later" && cutAt < H) lines.splice(cut + 1, 0, lines[1]!);
          const reference = streamed(lines);
          const got = inHalves(lines, first, edit === "bad-earlier" ? cut + 1 : cut, edit === "fewer-apartments-later" ? first - 1 : first, sortFirst);
          if (edit === "fewer-apartments-later") {
            // Shares that did not read the same apartment lines are never joined.
            expect(got).toBeUndefined();
            return;
          }
          if (!reference.ok) {
            // Never a run from input one reader rejects: the caller reads it again whole, for the exact issues.
            expect(got).toBeUndefined();
            return;
          }
          if (cutAt === 0 || cutAt === H) return;
          expect(got).toBeDefined();
          const a = reference.run;
          const b = got!;
          expect(b.rawSha256).toBe(a.rawSha256);
          expect(b.prepared.householdIds).toEqual(a.prepared.householdIds);
          expect(allOf(b.prepared.households)).toEqual(allOf(a.prepared.households));
          expect(b.prepared.order).toEqual(a.prepared.order);
          const resultA = buildResult(a, deferredAcceptance(a.prepared.compiled));
          const resultB = buildResult(b, deferredAcceptance(b.prepared.compiled));
          expect(JSON.stringify(withExplanations(b, resultB))).toBe(JSON.stringify(withExplanations(a, resultA)));
          for (const id of a.prepared.householdIds.slice(0, 3)) {
            expect(explainHousehold(b, resultB, id, { audience: "auditor" })).toEqual(explainHousehold(a, resultA, id, { audience: "auditor" }));
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("records rebuilt on demand (Recent)", () => {
  it("keeps a few, then rebuilds every record once in order when many are asked for out of order, with the same values", () => {
    const n = 40_000;
    let builds = 0;
    const recent = new Recent(n, (k) => {
      builds++;
      return { k };
    });
    expect(recent.at(7)).toEqual({ k: 7 });
    expect(recent.at(7)).toBe(recent.at(7));
    expect(builds).toBe(1);
    expect(recent.at(n)).toBeUndefined();
    expect(recent.at(-1)).toBeUndefined();
    // Out of order, as a full result's vacancy lines read applicants: past max(4096, n / 8) rebuilds, all at once.
    const order = Array.from({ length: n }, (_, k) => (k * 7919) % n);
    for (const k of order.slice(0, 4999)) expect(recent.at(k)).toEqual({ k });
    expect(builds).toBeLessThanOrEqual(5000);
    for (const k of order) expect(recent.at(k)!.k).toBe(k);
    expect(builds).toBeLessThan(5000 + n);
    // All kept now: another pass in any order rebuilds nothing.
    const after = builds;
    for (const k of order.reverse()) expect(recent.at(k)!.k).toBe(k);
    expect(builds).toBe(after);
  });
});
