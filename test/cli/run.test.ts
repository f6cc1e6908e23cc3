import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { jsonSchemaFor } from "../../src/cli/commands/schema.js";
import { parseJsonText, summarizeIssues } from "../../src/cli/io.js";
import { EXAMPLE_BATCH, packageFile } from "../../src/cli/paths.js";
import { run } from "../../src/cli/run.js";
import type { Issue } from "../../src/model/issue.js";
import { memoryIo } from "./helpers.js";

const batchText = readFileSync(packageFile(EXAMPLE_BATCH), "utf8");
const batch = JSON.parse(batchText) as Record<string, unknown>;

const invalid = JSON.stringify({ ...batch, households: [{ id: "H-1", members: [] }], polcy: "x" });

function issuesOf(stdout: string): Issue[] {
  const doc = JSON.parse(stdout) as { ok: boolean; issues: Issue[] };
  expect(doc.ok).toBe(false);
  return doc.issues;
}

/** Ajv validates the schema against the 2020-12 meta-schema; strict mode also fails unknown keywords and dangling $refs. */
function compile(target: "input" | "result" | "policy") {
  // Union types (`"type": ["string", "number"]`) are valid JSON Schema; Ajv strict mode only discourages them.
  const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true });
  ajv.addFormat("date", /^\d{4}-\d{2}-\d{2}$/);
  return ajv.compile(jsonSchemaFor(target));
}

describe("allocate (in process)", () => {
  it("prints every issue as JSON on stdout and a summary on stderr, exit 2", async () => {
    const io = memoryIo({ "in.json": invalid });
    expect(await run(["allocate", "in.json"], io)).toBe(2);
    const issues = issuesOf(io.out);
    expect(issues.map((i) => [i.code, i.path])).toEqual(
      expect.arrayContaining([
        ["unrecognized_key", ["polcy"]],
        ["too_small", ["households", 0, "members"]],
      ]),
    );
    expect(io.err).toMatch(new RegExp(`^bostad-forst: ${issues.length} fel i indata / ${issues.length} issues in the input\\n`));
    expect(io.err).toContain("households[0].members [too_small]: ");
  });

  it("reads standard input with -", async () => {
    const io = memoryIo({}, "{ not json");
    expect(await run(["allocate", "-"], io)).toBe(2);
    expect(issuesOf(io.out)).toEqual([expect.objectContaining({ code: "invalid_json", path: [] })]);
  });

  it("reports an unreadable file as an issue, exit 2", async () => {
    const io = memoryIo();
    expect(await run(["allocate", "missing.json"], io)).toBe(2);
    expect(issuesOf(io.out)).toEqual([expect.objectContaining({ code: "invalid_input", received: "ENOENT" })]);
  });

  it("writes the result to --out and nothing to stdout", async () => {
    const io = memoryIo({ "in.json": batchText });
    expect(await run(["allocate", "in.json", "--out", "result.json"], io)).toBe(0);
    expect(io.out).toBe("");
    const result = JSON.parse(io.files["result.json"]!) as { schemaVersion: number; proposals: unknown[] };
    expect(result.schemaVersion).toBe(1);
    expect(result.proposals.length).toBeGreaterThan(0);
    expect(compile("result")(result)).toBe(true);
  });

  it("writes a --detail decisions result that the same published schema accepts", async () => {
    const io = memoryIo({ "in.json": batchText });
    expect(await run(["allocate", "in.json", "--detail", "decisions", "--out", "result.json"], io)).toBe(0);
    const result = JSON.parse(io.files["result.json"]!) as { audit: { detail?: string }; explanations?: unknown };
    expect(result.audit.detail).toBe("decisions");
    expect(result.explanations).toBeUndefined();
    expect(compile("result")(result)).toBe(true);
  });

  it("turns an unexpected exception into an internal_error issue, exit 1", async () => {
    const io = memoryIo({ "in.json": batchText });
    io.writeFile = async () => {
      throw new Error("disk full");
    };
    expect(await run(["allocate", "in.json", "--out", "result.json"], io)).toBe(1);
    expect(issuesOf(io.out)).toEqual([expect.objectContaining({ code: "internal_error" })]);
    expect(io.err).toContain("disk full");
  });
});

describe("usage and exit codes", () => {
  it.each([[["--help"]], [["-h"]], [["allocate", "--help"]]])("%j prints usage on stdout, exit 0", async (argv) => {
    const io = memoryIo();
    expect(await run(argv, io)).toBe(0);
    expect(io.out).toContain("bostad-forst allocate <input.json|->");
    expect(io.err).toBe("");
  });

  it.each([[[]], [["frobnicate"]], [["allocate"]], [["allocate", "a.json", "b.json"]], [["allocate", "a.json", "--bogus"]], [["schema"]], [["schema", "output"]], [["demo", "extra"]], [["report"]], [["report", "a.json", "b.json"]], [["rank", "--out", "x.json", "in.json"]], [["allocate", "a.json", "--detail", "bogus"]]])(
    "%j is a usage error: message on stderr, nothing on stdout, exit 2",
    async (argv) => {
      const io = memoryIo();
      expect(await run(argv, io)).toBe(2);
      expect(io.out).toBe("");
      expect(io.err).not.toBe("");
    },
  );

  it("explain and verify get their own options: a missing --household is an issue on stdout, exit 2", async () => {
    const io = memoryIo({ "in.json": batchText });
    expect(await run(["explain", "in.json"], io)).toBe(2);
    expect(issuesOf(io.out)).toContainEqual(expect.objectContaining({ path: ["--household"] }));
  });

  it("--version prints the package version", async () => {
    const io = memoryIo({ [packageFile("package.json")]: readFileSync(packageFile("package.json"), "utf8") });
    expect(await run(["--version"], io)).toBe(0);
    expect(io.out).toMatch(/^bostad-forst \d+\.\d+\.\d+/);
  });
});

describe("schema", () => {
  it.each(["input", "result", "policy"] as const)("%s is valid JSON Schema (draft 2020-12, Ajv strict)", (target) => {
    const schema = jsonSchemaFor(target);
    expect(schema["$schema"]).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(() => compile(target)).not.toThrow();
  });

  it("renders the recursive Condition once, by reference", () => {
    const defs = jsonSchemaFor("policy")["$defs"] as Record<string, { anyOf?: unknown[] }>;
    expect(defs["Condition"]?.anyOf).toHaveLength(4);
    expect(JSON.stringify(defs["Condition"])).toContain('"$ref":"#/$defs/Condition"');
  });

  it("accepts the bundled example batch and rejects an unknown key, as parseInput does", () => {
    const validate = compile("input");
    expect(validate(batch)).toBe(true);
    expect(validate({ ...batch, polcy: "x" })).toBe(false);
  });

  it("prints the schema on stdout, exit 0", async () => {
    const io = memoryIo();
    expect(await run(["schema", "input"], io)).toBe(0);
    expect(JSON.parse(io.out)).toEqual(jsonSchemaFor("input"));
  });
});

describe("demo (in process)", () => {
  it("summarises the bundled batch and its allocation", async () => {
    const io = memoryIo({ [packageFile(EXAMPLE_BATCH)]: batchText });
    expect(await run(["demo"], io)).toBe(0);
    expect(io.out).toContain("Hushåll / households: 300");
    expect(io.out).toContain("Förslag / proposals");
    expect(io.err).toBe("");
  });

  it("exits 1 when the bundled data is broken", async () => {
    const io = memoryIo({ [packageFile(EXAMPLE_BATCH)]: invalid });
    expect(await run(["demo"], io)).toBe(1);
    expect(issuesOf(io.out).length).toBeGreaterThan(0);
  });
});

describe("io helpers", () => {
  it("locates a JSON syntax error by line and column without quoting the text", () => {
    const r = parseJsonText('{\n  "name": "Anna Andersson",\n  oops\n}');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues[0]?.code).toBe("invalid_json");
    expect(r.issues[0]?.received).toEqual({ line: 3, column: 3 });
    expect(JSON.stringify(r.issues)).not.toContain("Anna");
  });

  it("accepts a UTF-8 byte order mark and reports empty input", () => {
    expect(parseJsonText('\uFEFF{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
    const empty = parseJsonText("  \n");
    expect(empty.ok).toBe(false);
    if (!empty.ok) expect(empty.issues[0]?.message.en).toContain("empty");
  });

  it("summarises at most five issues and counts the rest", () => {
    const issue: Issue = { code: "invalid_type", path: ["households", 0], message: { sv: "fel", en: "wrong" } };
    const text = summarizeIssues(Array.from({ length: 8 }, () => issue));
    expect(text.split("\n").filter((l) => l.startsWith("  households[0]"))).toHaveLength(5);
    expect(text).toContain("and 3 more");
  });
});
