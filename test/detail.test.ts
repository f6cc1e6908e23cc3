import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { serializeResult } from "../src/audit/serialize.js";
import { detailOf, verify } from "../src/audit/verify.js";
import { jsonSchemaFor } from "../src/cli/commands/schema.js";
import { run } from "../src/cli/run.js";
import { type Run, allocate, buildResult, validateAndPrepare } from "../src/mechanisms/allocate.js";
import { deferredAcceptance } from "../src/mechanisms/deferred-acceptance.js";
import { resultLines } from "../src/mechanisms/stream.js";
import { toNdjsonLines } from "../src/model/ndjson.js";
import { type AllocationResult, type ApartmentDecisions, type ApartmentOutcome, AllocationResultSchema, type DecisionsResult, DecisionsResultSchema, FullResultSchema } from "../src/model/result.js";
import { validInput } from "./arbitraries/index.js";
import { memoryIo } from "./cli/helpers.js";
import { allocationInput } from "./mechanisms/instances.js";

const exampleText = readFileSync(new URL("../examples/data/orebro-batch.json", import.meta.url), "utf8");
const example = JSON.parse(exampleText) as { households: unknown[]; apartments: unknown[] } & Record<string, unknown>;

/** The oracle: a decisions result is the full result with priority keys stripped, failed checks reduced to codes, no explanations. */
function toDecisions(full: AllocationResult): DecisionsResult {
  const { explanations: _explanations, ...rest } = full;
  return { ...rest, audit: { ...full.audit, detail: "decisions" }, apartments: full.apartments.map(apartmentDecisions) };
}

function apartmentDecisions(a: ApartmentOutcome): ApartmentDecisions {
  return {
    ...a,
    ranking: a.ranking.map(({ priority: _priority, ...entry }) => entry),
    ineligible: a.ineligible.map((e) => ({ ...e, failed: e.failed.map((c) => c.code) })),
  };
}

/** The same reduction applied to one line of a streamed full result. */
function toDecisionsLine(line: string): string {
  const item = JSON.parse(line) as Record<string, unknown>;
  if ("audit" in item) return JSON.stringify({ ...item, audit: { ...(item["audit"] as object), detail: "decisions" } });
  if ("apartment" in item) return JSON.stringify({ apartment: apartmentDecisions(item["apartment"] as ApartmentOutcome) });
  return line;
}

function prepared(raw: unknown): Run {
  const r = validateAndPrepare(raw);
  if (!r.ok) throw new Error(JSON.stringify(r.issues.slice(0, 3)));
  return r.value;
}

/** The decisions result as NDJSON items, in stream order (docs/input.md, "Large runs"). */
function asLines(r: DecisionsResult): string[] {
  const unfilled = new Map(r.unfilledApartments.map((u) => [u.apartmentId, u]));
  const households = [...r.proposals.map((proposal) => ({ id: proposal.householdId, line: { proposal } })), ...r.unmatchedHouseholds.map((unmatched) => ({ id: unmatched.householdId, line: { unmatched } }))];
  households.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return [
    JSON.stringify({ schemaVersion: r.schemaVersion, audit: r.audit, designations: r.designations }),
    ...households.map((h) => JSON.stringify(h.line)),
    ...r.apartments.flatMap((apartment) => {
      const u = unfilled.get(apartment.apartmentId);
      return [JSON.stringify({ apartment }), ...(u ? [JSON.stringify({ unfilled: u })] : [])];
    }),
  ];
}

function decisionsOf(raw: unknown): DecisionsResult {
  const r = allocate(raw, { detail: "decisions" });
  if (!r.ok) throw new Error(JSON.stringify(r.issues.slice(0, 3)));
  return r.value;
}

function fullOf(raw: unknown, explanations = true): AllocationResult {
  const r = allocate(raw, { explanations });
  if (!r.ok) throw new Error(JSON.stringify(r.issues.slice(0, 3)));
  return r.value;
}

describe("detail: decisions (JSON result)", () => {
  it("is the full result without priority keys, compared values and explanations, on the bundled example", () => {
    const full = fullOf(example);
    const decisions = decisionsOf(example);
    expect(serializeResult(decisions)).toBe(serializeResult(toDecisions(full)));
    expect(Object.keys(decisions)).toEqual(["schemaVersion", "audit", "proposals", "unmatchedHouseholds", "unfilledApartments", "apartments", "designations"]);
    expect(decisions.audit.detail).toBe("decisions");
    // The example has both kinds of entries, so the reduction is exercised.
    expect(decisions.apartments.some((a) => a.ranking.length > 0 && a.ineligible.length > 0)).toBe(true);
    expect(decisions.apartments.flatMap((a) => a.ineligible).every((e) => e.failed.length > 0 && e.failed.every((c) => typeof c === "string"))).toBe(true);
  });

  it("never carries explanations, whatever else is asked", () => {
    const r = allocate(example, { detail: "decisions", explanations: true });
    expect(r.ok && "explanations" in r.value).toBe(false);
  });

  it("is the reduced full result for generated inputs (both generators), byte for byte", () => {
    const same = (raw: unknown) => {
      const full = allocate(raw, { explanations: false });
      const decisions = allocate(raw, { detail: "decisions" });
      expect(decisions.ok).toBe(full.ok);
      if (full.ok && decisions.ok) expect(serializeResult(decisions.value)).toBe(serializeResult(toDecisions(full.value)));
    };
    fc.assert(fc.property(validInput({ households: { max: 20 }, apartments: { max: 8 } }), same), { numRuns: 60 });
    fc.assert(fc.property(allocationInput({ maxHouseholds: 30, maxApartments: 10 }), same), { numRuns: 40 });
  });

  it("buildResult at either level agrees with allocate", () => {
    const r = prepared(example);
    const matching = deferredAcceptance(r.prepared.compiled);
    expect(serializeResult(buildResult(r, matching, undefined, "decisions"))).toBe(serializeResult(decisionsOf(example)));
    expect(serializeResult(buildResult(r, matching, undefined, "full"))).toBe(serializeResult(fullOf(example, false)));
  });
});

describe("detail: full stays the default and unchanged", () => {
  it("allocate and buildResult without a detail equal detail full, with no audit.detail", () => {
    const implicit = fullOf(example);
    const explicit = allocate(example, { detail: "full" });
    expect(explicit.ok && serializeResult(explicit.value)).toBe(serializeResult(implicit));
    expect(Object.keys(implicit.audit)).toEqual(["engine", "policy", "inputSha256", "seed", "asOf", "mechanism"]);
    expect(detailOf(implicit)).toBe("full");
  });

  it("resultLines without a detail equal detail full", () => {
    const r = prepared(example);
    const matching = deferredAcceptance(r.prepared.compiled);
    expect([...resultLines(r, matching, { detail: "full" })]).toEqual([...resultLines(r, matching)]);
    expect(JSON.parse([...resultLines(r, matching)][0]!).audit).not.toHaveProperty("detail");
  });
});

describe("detail: decisions (NDJSON stream)", () => {
  const check = (raw: unknown) => {
    const r = prepared(raw);
    const matching = deferredAcceptance(r.prepared.compiled);
    const lines = [...resultLines(r, matching, { detail: "decisions" })];
    // The reduced full stream, and the decisions JSON result item by item.
    expect(lines).toEqual([...resultLines(r, matching)].map(toDecisionsLine));
    expect(lines).toEqual(asLines(decisionsOf(raw)));
  };

  it("is the reduced full stream and the decisions JSON result item by item, on the bundled example", () => check(example));

  it("is the reduced full stream for generated inputs", () => {
    fc.assert(
      fc.property(validInput({ households: { max: 20 }, apartments: { max: 8 } }), (raw) => {
        if (validateAndPrepare(raw).ok) check(raw);
      }),
      { numRuns: 40 },
    );
  });
});

describe("the result schema accepts both levels", () => {
  const full = fullOf(example);
  const decisions = decisionsOf(example);
  // Same options as test/cli/run.test.ts: the schema must also be valid JSON Schema under Ajv's strict mode.
  const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true });
  const validate = ajv.compile(jsonSchemaFor("result"));

  it("zod: the published schema parses both; each level's own schema parses only its level", () => {
    expect(AllocationResultSchema.parse(full)).toEqual(full);
    expect(AllocationResultSchema.parse(decisions)).toEqual(decisions);
    expect(FullResultSchema.parse(full)).toEqual(full);
    expect(DecisionsResultSchema.parse(decisions)).toEqual(decisions);
    expect(FullResultSchema.safeParse(decisions).success).toBe(false);
    expect(DecisionsResultSchema.safeParse(full).success).toBe(false);
    expect(DecisionsResultSchema.safeParse({ ...decisions, explanations: full.explanations }).success).toBe(false);
  });

  it("ajv on the generated JSON Schema: both levels validate; a mangled entry does not", () => {
    expect(validate(full)).toBe(true);
    expect(validate(decisions)).toBe(true);
    const withAudit = (detail: unknown) => ({ ...decisions, audit: { ...decisions.audit, detail } });
    expect(validate(withAudit("summary"))).toBe(false);
    const apartment = decisions.apartments.find((a) => a.ranking.length > 0 && a.ineligible.length > 0)!;
    const mangle = (a: Partial<ApartmentDecisions> & Record<string, unknown>) => ({ ...decisions, apartments: [{ ...apartment, ...a }] });
    expect(validate(mangle({}))).toBe(true);
    expect(validate(mangle({ ranking: [{ ...apartment.ranking[0]!, priority: "x" }] as never }))).toBe(false);
    expect(validate(mangle({ ineligible: [{ ...apartment.ineligible[0]!, failed: [1] }] as never }))).toBe(false);
    expect(validate(mangle({ ineligible: [{ ...apartment.ineligible[0]!, values: {} }] as never }))).toBe(false);
  });

  it("the schema describes audit.detail as optional, \"decisions\" only", () => {
    const root = jsonSchemaFor("result") as { $defs: { AllocationResult: { properties: { audit: { properties: Record<string, { const?: unknown; description?: string }>; required: string[] } } } } };
    const audit = root.$defs.AllocationResult.properties.audit;
    expect(audit.properties["detail"]).toMatchObject({ const: "decisions", description: expect.stringContaining("full") });
    expect(audit.required).not.toContain("detail");
  });
});

describe("verify replays the recorded level", () => {
  const decisionsText = serializeResult(decisionsOf(example));

  it("in process: a decisions result is identical; a changed one differs", () => {
    expect(verify(example, decisionsText)).toMatchObject({ status: "identical", mechanism: "deferred-acceptance" });
    const changed = decisionsOf(example);
    const entry = changed.apartments.flatMap((a) => a.ineligible)[0]!;
    entry.failed = [...entry.failed, "income"];
    expect(verify(example, serializeResult(changed))).toMatchObject({ status: "differs", reason: "value" });
    // Without its audit.detail the result is replayed at full, which has priority keys.
    const unlabelled = decisionsOf(example) as unknown as { audit: Record<string, unknown> };
    delete unlabelled.audit["detail"];
    expect(verify(example, serializeResult(unlabelled))).toMatchObject({ status: "differs", reason: "value" });
  });

  it("CLI, JSON: allocate --detail decisions then verify → 0; a tampered result → 3", async () => {
    const io = memoryIo({ "in.json": exampleText });
    expect(await run(["allocate", "in.json", "--detail", "decisions", "--out", "r.json"], io)).toBe(0);
    expect(io.files["r.json"]).toBe(decisionsText);
    expect(await run(["verify", "in.json", "r.json"], io)).toBe(0);
    const tampered = JSON.parse(io.files["r.json"]!) as DecisionsResult;
    const apartment = tampered.apartments.find((a) => a.ranking.length > 0)!;
    apartment.ranking[0]!.choiceRank += 1;
    io.files["bad.json"] = serializeResult(tampered);
    const out = io.out.length;
    expect(await run(["verify", "in.json", "bad.json"], io)).toBe(3);
    expect(JSON.parse(io.out.slice(out))).toMatchObject({ ok: true, status: "differs", path: ["apartments", tampered.apartments.indexOf(apartment), "ranking", 0, "choiceRank"] });
  });

  it("CLI, NDJSON: a streamed decisions result verifies line by line → 0; a tampered line → 3", async () => {
    const io = memoryIo({ "in.ndjson": `${[...toNdjsonLines(example)].join("\n")}\n`, "in.json": exampleText });
    expect(await run(["allocate", "in.ndjson", "--out", "r.ndjson", "--detail", "decisions"], io)).toBe(0);
    const lines = io.files["r.ndjson"]!.trimEnd().split("\n");
    expect(lines).toEqual(asLines(decisionsOf(example)));
    expect(await run(["verify", "in.ndjson", "r.ndjson"], io)).toBe(0);
    expect(await run(["verify", "in.json", "r.ndjson"], io)).toBe(0);
    const at = lines.findIndex((l) => l.includes('"ineligible":[{'));
    const changed = JSON.parse(lines[at]!) as { apartment: ApartmentDecisions };
    changed.apartment.ineligible[0]!.failed = ["bogus"];
    io.files["bad.ndjson"] = `${[...lines.slice(0, at), JSON.stringify(changed), ...lines.slice(at + 1)].join("\n")}\n`;
    const out = io.out.length;
    expect(await run(["verify", "in.ndjson", "bad.ndjson"], io)).toBe(3);
    expect(JSON.parse(io.out.slice(out))).toMatchObject({ status: "differs", path: ["line", at + 1, "apartment", "ineligible", 0, "failed", 0] });
    // A full stream still verifies at full.
    expect(await run(["allocate", "in.ndjson", "--out", "full.ndjson"], io)).toBe(0);
    expect(await run(["verify", "in.ndjson", "full.ndjson"], io)).toBe(0);
  });

  it("CLI, NDJSON input with a JSON result: --detail decisions writes the decisions document, and verify confirms it", async () => {
    const io = memoryIo({ "in.ndjson": `${[...toNdjsonLines(example)].join("\n")}\n` });
    expect(await run(["allocate", "in.ndjson", "--detail", "decisions", "--out", "r.json"], io)).toBe(0);
    expect(io.files["r.json"]).toBe(decisionsText);
    expect(await run(["verify", "in.ndjson", "r.json"], io)).toBe(0);
    io.files["bad.json"] = decisionsText.replace('"rentGuaranteeRequired": false', '"rentGuaranteeRequired": true');
    expect(await run(["verify", "in.ndjson", "bad.json"], io)).toBe(3);
  });
});

describe("CLI --detail", () => {
  it.each([[["allocate", "in.json", "--detail", "bogus"]], [["allocate", "in.json", "--detail", ""]], [["allocate", "in.json", "--detail"]], [["rank", "in.json", "--detail", "decisions"]]])(
    "%j is a usage error: exit 2, nothing on stdout",
    async (argv) => {
      const io = memoryIo({ "in.json": exampleText });
      expect(await run(argv, io)).toBe(2);
      expect(io.out).toBe("");
      expect(io.err).toContain("--detail");
    },
  );

  it("--detail full writes the default result", async () => {
    const io = memoryIo({ "in.json": exampleText });
    expect(await run(["allocate", "in.json", "--detail", "full"], io)).toBe(0);
    expect(io.out).toBe(serializeResult(fullOf(example)));
  });

  it("the usage text names the option", async () => {
    const io = memoryIo();
    expect(await run(["--help"], io)).toBe(0);
    expect(io.out).toContain("[--detail full|decisions]");
  });
});
