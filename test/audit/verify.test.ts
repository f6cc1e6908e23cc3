import { describe, expect, it } from "vitest";
import { serializeResult } from "../../src/audit/serialize.js";
import { firstDifference, verify } from "../../src/audit/verify.js";
import { canonicalHash, sha256Hex } from "../../src/audit/canonical.js";
import { explainCommand } from "../../src/cli/commands/explain.js";
import { verifyCommand } from "../../src/cli/commands/verify.js";
import type { CliIo } from "../../src/cli/io.js";
import { allocate, rank } from "../../src/mechanisms/allocate.js";
import { lotteryNumber } from "../../src/rules/priority.js";
import { scenarioInput } from "../explain/scenarios.js";

function fakeIo(files: Record<string, string>): CliIo & { out: string; err: string } {
  const io = {
    out: "",
    err: "",
    stdout: (t: string) => void (io.out += t),
    stderr: (t: string) => void (io.err += t),
    readStdin: async () => "",
    readFile: async (p: string) => {
      if (!Object.hasOwn(files, p)) throw Object.assign(new Error("no such file"), { code: "ENOENT" });
      return files[p]!;
    },
    writeFile: async () => undefined,
  };
  return io;
}

const raw = scenarioInput();
const result = allocate(raw);
if (!result.ok) throw new Error(JSON.stringify(result.issues));
const text = serializeResult(result.value);

describe("verify", () => {
  it("replays a result byte for byte", () => {
    expect(verify(structuredClone(raw), text)).toEqual({ status: "identical", mechanism: "deferred-acceptance", bytes: Buffer.byteLength(text) });
  });

  it("replays an offer-order (rank) result with rank", () => {
    const r = rank(raw);
    if (!r.ok) throw new Error("rank failed");
    expect(verify(raw, serializeResult(r.value)).status).toBe("identical");
  });

  it("names the first differing JSON path when a proposal was altered", () => {
    const altered = structuredClone(result.value);
    altered.proposals[0]!.apartmentId = "A-101";
    const v = verify(raw, serializeResult(altered));
    expect(v).toEqual({ status: "differs", path: ["proposals", 0, "apartmentId"], expected: "A-102", received: "A-101", reason: "value" });
  });

  it("a result from another input differs at audit.inputSha256", () => {
    const other = structuredClone(raw) as { seed: string };
    other.seed = "another-seed";
    const v = verify(other, text);
    expect(v.status).toBe("differs");
    if (v.status === "differs") expect(v.path).toEqual(["audit", "inputSha256"]);
  });

  it("the same data with other whitespace differs as formatting", () => {
    expect(verify(raw, JSON.stringify(result.value))).toMatchObject({ status: "differs", reason: "formatting", path: [] });
  });

  it("invalid input or a result that is not JSON is invalid, never an exception", () => {
    expect(verify({ schemaVersion: 1 }, text).status).toBe("invalid");
    expect(verify(raw, "{not json").status).toBe("invalid");
    expect(verify(raw, "[]").status).toBe("invalid");
  });

  it("firstDifference reports key order and array length", () => {
    expect(firstDifference({ a: 1, b: 2 }, { b: 2, a: 1 }, [])).toEqual({ path: [], expected: ["a", "b"], received: ["b", "a"] });
    expect(firstDifference({ a: { x: 1 } }, { a: { y: 1 } }, [])).toEqual({ path: ["a", "x"], expected: 1, received: undefined });
    expect(firstDifference([1, 2], [1], [])).toEqual({ path: [1], expected: 2, received: undefined });
    expect(firstDifference({ a: [1, { b: "x" }] }, { a: [1, { b: "x" }] }, [])).toBeUndefined();
  });

  it("the audit record can be checked by hand: input hash, policy hash, lottery numbers (docs/audit.md)", () => {
    const audit = result.value.audit;
    expect(audit.inputSha256).toBe(canonicalHash(raw));
    expect(audit.seed).toBe("golden-2026-w47");
    const ranking = result.value.apartments.find((a) => a.apartmentId === "A-101")!.ranking;
    for (const r of ranking) {
      const lottery = r.priority.parts.find((p) => p.key === "lottery")!.value;
      expect(lottery).toBe(sha256Hex(`${audit.seed}\u0000${r.householdId}`));
      expect(lottery).toBe(lotteryNumber(audit.seed, r.householdId));
    }
  });
});

describe("bostad-forst verify / explain commands", () => {
  const files = { "in.json": JSON.stringify(raw), "out.json": text, "bad.json": text.replace('"A-102"', '"A-101"'), "broken.json": "{" };

  it("verify: 0 identical, 3 differs, 2 invalid", async () => {
    let io = fakeIo(files);
    expect(await verifyCommand(["in.json", "out.json"], io)).toBe(0);
    expect(JSON.parse(io.out)).toMatchObject({ ok: true, status: "identical" });
    io = fakeIo(files);
    expect(await verifyCommand(["in.json", "bad.json"], io)).toBe(3);
    expect(JSON.parse(io.out)).toMatchObject({ ok: true, status: "differs", path: ["proposals", 0, "apartmentId"] });
    io = fakeIo(files);
    expect(await verifyCommand(["in.json", "broken.json"], io)).toBe(2);
    expect(JSON.parse(io.out)).toMatchObject({ ok: false, issues: [{ code: "invalid_json" }] });
    io = fakeIo(files);
    expect(await verifyCommand(["missing.json", "out.json"], io)).toBe(2);
    expect(await verifyCommand(["in.json"], fakeIo(files))).toBe(2);
  });

  it("explain: defaults to household, Swedish, text", async () => {
    const io = fakeIo(files);
    expect(await explainCommand(["in.json", "--household", "H-0001"], io)).toBe(0);
    expect(io.out).toContain("Du har fått förslag på lägenhet A-102 i Centrum.");
    expect(io.out).not.toContain("H-0002");
  });

  it("explain: every audience, language and format", async () => {
    for (const audience of ["household", "caseworker", "auditor"]) {
      for (const lang of ["sv", "en"]) {
        for (const format of ["text", "markdown", "html", "json"]) {
          const io = fakeIo(files);
          expect(await explainCommand(["in.json", "--household", "H-0004", "--audience", audience, "--lang", lang, "--format", format], io)).toBe(0);
          if (format === "json") expect(JSON.parse(io.out)).toMatchObject({ kind: "household-explanation", audience, householdId: "H-0004" });
          if (format === "html") expect(io.out).toMatch(/^<!doctype html>/);
        }
      }
    }
  });

  it("explain: unknown household and bad options exit 2 with structured issues", async () => {
    let io = fakeIo(files);
    expect(await explainCommand(["in.json", "--household", "H-9999"], io)).toBe(2);
    expect(JSON.parse(io.out)).toEqual({ ok: false, issues: [expect.objectContaining({ code: "unknown_household", path: ["--household"] })] });
    io = fakeIo(files);
    expect(await explainCommand(["in.json", "--household", "H-0001", "--lang", "de", "--format", "pdf"], io)).toBe(2);
    expect((JSON.parse(io.out) as { issues: unknown[] }).issues).toHaveLength(2);
    io = fakeIo(files);
    expect(await explainCommand(["in.json"], io)).toBe(2);
    io = fakeIo(files);
    expect(await explainCommand(["in.json", "--household", "H-0001", "--bogus"], io)).toBe(2);
  });
});
