import { existsSync, lstatSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nodeIo } from "../../src/cli/run.js";

/**
 * Writes lines through the CLI's line writer (1 MB buffers) and reads the file back; lines given as arrays go in as
 * one block of encoded bytes (writeBytes), as the result's blocks do.
 */
async function roundTrip(lines: readonly (string | readonly string[])[]): Promise<string> {
  const path = join(mkdtempSync(join(tmpdir(), "bf-writer-")), "out.ndjson");
  const writer = nodeIo.openWriter!(path);
  for (const line of lines) {
    const pending = typeof line === "string" ? writer.write(line) : writer.writeBytes!(new TextEncoder().encode(line.map((l) => `${l}\n`).join("")));
    if (pending) await pending;
  }
  await writer.close();
  return readFileSync(path, "utf8");
}

describe("the CLI's line writer", () => {
  it("writes exactly the lines, each ended by a newline, across buffer boundaries and with lines longer than a buffer", async () => {
    const lines = [
      "{}",
      "å".repeat(400_000), // 800 000 bytes: does not fit behind the first line's bytes in a 1 MB buffer
      "å".repeat(300_000), // two bytes a character: the next line would overflow the buffer if counted in characters
      "å".repeat(300_000),
      "x".repeat(2_500_000), // longer than a buffer: written on its own
      `{"id":"H-1","note":"åäö €  \u{1F3E0}"}`,
      "",
      ..."y".repeat(3000).split("").map((c, i) => c.repeat(i % 700)),
    ];
    expect(await roundTrip(lines)).toBe(`${lines.join("\n")}\n`);
  });

  it("keeps lines and blocks of encoded lines in the order they were given", async () => {
    const big = "ä".repeat(700_000);
    const parts = ["first", ["a", "b", big], "after the block", big, [big, "z"], ["€"], "last"];
    const expected = parts.flatMap((p) => (typeof p === "string" ? [p] : p));
    expect(await roundTrip(parts)).toBe(`${expected.join("\n")}\n`);
  });

  it("is done with a block's bytes when its write settles: one buffer filled again for every block still gives every block", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "bf-writer-")), "out.ndjson");
    const writer = nodeIo.openWriter!(path);
    const buffer = new Uint8Array(1 << 16);
    const expected: string[] = [];
    for (let b = 0; b < 200; b++) {
      const line = `${String(b).padStart(3, "0")}:${"x".repeat((b * 977) % 60_000)}`;
      const bytes = new TextEncoder().encode(`${line}\n`);
      buffer.set(bytes);
      // Lines between blocks go through the writer's own buffer first.
      if (b % 7 === 0) {
        await writer.write(`between ${b}`);
        expected.push(`between ${b}`);
      }
      await writer.writeBytes!(buffer.subarray(0, bytes.length));
      expected.push(line);
    }
    await writer.close();
    expect(readFileSync(path, "utf8")).toBe(`${expected.join("\n")}\n`);
  });

  it("abort removes what was written to a file; a symbolic link (like a device such as /dev/null) is not removed", async () => {
    const dir = mkdtempSync(join(tmpdir(), "bf-writer-"));
    const path = join(dir, "out.ndjson");
    const writer = nodeIo.openWriter!(path);
    // Longer than a buffer: written to the file at once.
    await writer.write("x".repeat(2_500_000));
    await writer.write("y");
    expect(existsSync(path)).toBe(true);
    await writer.abort!();
    expect(existsSync(path)).toBe(false);
    const target = join(dir, "target.ndjson");
    writeFileSync(target, "kept");
    const link = join(dir, "link.ndjson");
    symlinkSync(target, link);
    const linked = nodeIo.openWriter!(link);
    await linked.write("z");
    await linked.abort!();
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(existsSync(target)).toBe(true);
  });

  it("readBytes gives a file's size and its bytes in chunks; undefined for a directory or a missing file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "bf-reader-"));
    const path = join(dir, "result.json");
    const text = `{\n  "note": "${"åäö".repeat(700_000)}"\n}\n`;
    writeFileSync(path, text);
    const file = await nodeIo.readBytes!(path);
    const chunks: Uint8Array[] = [];
    for await (const chunk of file!.chunks) chunks.push(chunk);
    expect(file!.size).toBe(Buffer.byteLength(text));
    expect(chunks.length).toBeGreaterThan(1);
    expect(Buffer.concat(chunks).toString("utf8")).toBe(text);
    // Nothing is opened until the bytes are read: a caller that only needs the size leaves no open file behind.
    if (existsSync("/proc/self/fd")) {
      const open = readdirSync("/proc/self/fd").length;
      await nodeIo.readBytes!(path);
      expect(readdirSync("/proc/self/fd").length).toBe(open);
    }
    expect(await nodeIo.readBytes!(dir)).toBeUndefined();
    expect(await nodeIo.readBytes!(join(dir, "missing.json"))).toBeUndefined();
  });

  it("fails with the stream's error when the file cannot be opened, whether writes wait or not; abort then does nothing more", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "bf-writer-")), "missing-directory", "out.json");
    const few = nodeIo.openWriter!(path);
    await few.write("{}");
    await expect(few.close()).rejects.toMatchObject({ code: "ENOENT" });
    await few.abort!();
    const many = nodeIo.openWriter!(path);
    const failed = (async () => {
      for (let k = 0; k < 100; k++) await many.write("x".repeat(100_000));
      await many.close();
    })();
    await expect(failed).rejects.toMatchObject({ code: "ENOENT" });
    await many.abort!();
    expect(existsSync(path)).toBe(false);
  });

  it("writes nothing for no lines", async () => {
    expect(await roundTrip([])).toBe("");
  });

  it("round-trips arbitrary Unicode lines of any length", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(fc.string({ unit: "grapheme", maxLength: 200 }), fc.string({ maxLength: 1 }).map((c) => c.repeat(300_000))), { maxLength: 40 }), async (lines) => {
        expect(await roundTrip(lines)).toBe(lines.length === 0 ? "" : `${lines.join("\n")}\n`);
      }),
      { numRuns: 25 },
    );
  });
});
