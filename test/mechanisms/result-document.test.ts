import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { serializeResult } from "../../src/audit/serialize.js";
import { run } from "../../src/cli/run.js";
import { allocate, buildResult, outcomeLookups, rank, validateAndPrepare } from "../../src/mechanisms/allocate.js";
import { buildExplanation, explanationFrom, resultLookups } from "../../src/explain/build.js";
import { outcomeIndex } from "../../src/mechanisms/outcome.js";
import { deferredAcceptance } from "../../src/mechanisms/deferred-acceptance.js";
import { rankDocumentLines, resultDocumentLines } from "../../src/mechanisms/stream.js";
import type { Detail } from "../../src/model/result.js";
import { validInput } from "../arbitraries/index.js";
import { memoryIo } from "../cli/helpers.js";
import { allocationInput } from "./instances.js";

const exampleText = readFileSync(new URL("../../examples/data/orebro-batch.json", import.meta.url), "utf8");
const example = JSON.parse(exampleText) as { households: { id: string }[]; apartments: { id: string }[] } & Record<string, unknown>;

/** The streamed document's lines joined as the CLI's writer joins them (a newline after each). */
function streamed(raw: unknown, detail: Detail): string {
  const r = validateAndPrepare(raw);
  if (!r.ok) throw new Error(JSON.stringify(r.issues.slice(0, 3)));
  return `${[...resultDocumentLines(r.value, deferredAcceptance(r.value.prepared.compiled), detail)].join("\n")}\n`;
}

/** What the library returns, serialised once. */
function whole(raw: unknown, detail: Detail): string {
  const r = allocate(raw, { detail });
  if (!r.ok) throw new Error(JSON.stringify(r.issues.slice(0, 3)));
  return serializeResult(r.value);
}

describe("the JSON result document, streamed line by line (resultDocumentLines)", () => {
  it.each(["full", "decisions"] as const)("is serializeResult(allocate(raw)) byte for byte on the bundled example, detail %s", (detail) => {
    expect(streamed(example, detail)).toBe(whole(example, detail));
  });

  it("is serializeResult(allocate(raw)) byte for byte for generated inputs, at both levels", () => {
    const same = (raw: unknown) => {
      if (!validateAndPrepare(raw).ok) return;
      for (const detail of ["full", "decisions"] as const) expect(streamed(raw, detail)).toBe(whole(raw, detail));
    };
    fc.assert(fc.property(validInput({ households: { max: 12 }, apartments: { max: 6 } }), same), { numRuns: 40 });
    fc.assert(fc.property(allocationInput({ maxHouseholds: 20, maxApartments: 8 }), same), { numRuns: 30 });
  });

  it("writes empty sections as [] and {} as JSON.stringify does: no households, and no apartments", () => {
    const noHouseholds = { ...example, households: [] };
    const noApartments = { ...example, apartments: [], households: example.households.map((h) => ({ ...h, preferences: { ranking: [] } })) };
    for (const raw of [noHouseholds, noApartments]) {
      for (const detail of ["full", "decisions"] as const) expect(streamed(raw, detail)).toBe(whole(raw, detail));
    }
    expect(streamed(noHouseholds, "full")).toContain('"explanations": {}');
    expect(streamed(noHouseholds, "decisions")).toContain('"proposals": []');
  });

  it("orders explanations as a JavaScript object does: household ids that are array indices first, in numeric order", () => {
    const ids = ["10", "9", "0", "x1", "07"];
    const raw = { ...example, households: example.households.map((h, k) => (k < ids.length ? { ...h, id: ids[k] } : h)) };
    const text = streamed(raw, "full");
    expect(text).toBe(whole(raw, "full"));
    const keys = Object.keys((JSON.parse(text) as { explanations: Record<string, unknown> }).explanations);
    expect(keys.slice(0, 3)).toEqual(["0", "9", "10"]);
  });
});

describe("explanations from the outcome index (outcomeLookups), as a streamed document writes them", () => {
  it("equal the explanations from the whole result, rankings included, for every household of the example and of generated inputs", () => {
    const same = (raw: unknown) => {
      const r = validateAndPrepare(raw);
      if (!r.ok) return;
      const matching = deferredAcceptance(r.value.prepared.compiled);
      const result = buildResult(r.value, matching);
      const lookups = outcomeLookups(r.value, outcomeIndex(r.value.prepared, matching, false));
      for (const id of r.value.prepared.householdIds) {
        expect(explanationFrom(r.value, lookups, id, { counterfactuals: "eligibility" })).toEqual(buildExplanation(r.value, result, id, { counterfactuals: "eligibility" }));
      }
      // Every lookup, for every vacancy and household (applicant or not), as the result's own.
      const held = resultLookups(result);
      for (const apartment of r.value.prepared.apartments) {
        expect([lookups.holderOf(apartment.id), lookups.applicantsOf(apartment.id), lookups.rankingOf(apartment.id)]).toEqual([held.holderOf(apartment.id), held.applicantsOf(apartment.id), held.rankingOf(apartment.id)]);
        for (const id of r.value.prepared.householdIds) expect(lookups.positionOf(apartment.id, id)).toBe(held.positionOf(apartment.id, id));
      }
      for (const id of r.value.prepared.householdIds) expect(lookups.proposalOf(id)).toEqual(held.proposalOf(id));
      expect(lookups.audit).toEqual(held.audit);
      expect(lookups.positionOf("no-such-apartment", r.value.prepared.householdIds[0] ?? "x")).toBeUndefined();
    };
    same(example);
    fc.assert(fc.property(allocationInput({ maxHouseholds: 20, maxApartments: 8 }), same), { numRuns: 25 });
  });
});

describe("allocate --out result.json streams the document", () => {
  it.each([[[]], [["--detail", "decisions"]]])("writes exactly serializeResult(allocate(raw)) %j, to a file and to stdout", async (extra) => {
    const detail: Detail = extra.length > 0 ? "decisions" : "full";
    const io = memoryIo({ "in.json": exampleText });
    io.openWriter = (path) => {
      const lines: string[] = [];
      return {
        write: (line: string) => void lines.push(line),
        close: async () => {
          const text = `${lines.join("\n")}\n`;
          if (path === undefined) io.stdout(text);
          else io.files[path] = text;
        },
      };
    };
    expect(await run(["allocate", "in.json", ...extra, "--out", "result.json"], io)).toBe(0);
    expect(io.files["result.json"]).toBe(whole(example, detail));
    expect(await run(["allocate", "in.json", ...extra], io)).toBe(0);
    expect(io.out).toBe(whole(example, detail));
  });
});

describe("allocate leaves no partial result when writing fails", () => {
  it.each([["result.json"], ["result.ndjson"]])("--out %s: the writer's output is taken back (abort), exit 1 with an internal_error issue", async (out) => {
    const io = memoryIo({ "in.json": exampleText });
    let written = 0;
    let aborted = false;
    io.openWriter = () => ({
      write: () => {
        if (++written === 3) throw new Error("disk full");
      },
      writeBytes: () => {
        throw new Error("disk full");
      },
      close: async () => {
        throw new Error("closed after a failure");
      },
      abort: async () => {
        aborted = true;
      },
    });
    expect(await run(["allocate", "in.json", "--out", out], io)).toBe(1);
    expect(aborted).toBe(true);
    expect(JSON.parse(io.out)).toEqual({ ok: false, issues: [expect.objectContaining({ code: "internal_error" })] });
    expect(io.err).toContain("disk full");
  });
});

describe("the rank document, streamed line by line (rankDocumentLines)", () => {
  const rankText = (raw: unknown) => {
    const r = rank(raw);
    if (!r.ok) throw new Error(JSON.stringify(r.issues.slice(0, 3)));
    return serializeResult(r.value);
  };
  const streamedRank = (raw: unknown) => {
    const r = validateAndPrepare(raw);
    if (!r.ok) throw new Error(JSON.stringify(r.issues.slice(0, 3)));
    return `${[...rankDocumentLines(r.value)].join("\n")}\n`;
  };

  it("is serializeResult(rank(raw)) byte for byte, on the bundled example and on generated inputs", () => {
    expect(streamedRank(example)).toBe(rankText(example));
    fc.assert(
      fc.property(validInput({ households: { max: 12 }, apartments: { max: 6 } }), (raw) => {
        if (validateAndPrepare(raw).ok) expect(streamedRank(raw)).toBe(rankText(raw));
      }),
      { numRuns: 30 },
    );
  });

  it("bostad-forst rank prints it on stdout; invalid input gives its issues (exit 2) and no document", async () => {
    const io = memoryIo({ "in.json": exampleText });
    expect(await run(["rank", "in.json"], io)).toBe(0);
    expect(io.out).toBe(rankText(example));
    const bad = memoryIo({ "bad.json": JSON.stringify({ ...example, households: [{}] }) });
    expect(await run(["rank", "bad.json"], bad)).toBe(2);
    expect((JSON.parse(bad.out) as { ok: boolean }).ok).toBe(false);
  });
});
