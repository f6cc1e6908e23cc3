import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { FACTS } from "../../src/facts/catalogue.js";
import { ORDER_KEYS } from "../../src/model/policy.js";
import { resolvePolicy } from "../../src/model/resolve-policy.js";
import { PRESETS } from "../../src/presets/index.js";
import { CHECK_CODES } from "../../src/rules/eligibility.js";

const read = (file: string) => readFileSync(new URL(`../../docs/${file}`, import.meta.url), "utf8");
const policyDoc = read("policy.md");
const presetsDoc = read("presets.md");

/** ```json blocks tagged `policy-example` (must resolve) or `policy-invalid=<code>` (must be rejected with that code). */
const blocks = [...policyDoc.matchAll(/```json (policy-example|policy-invalid=([a-z_]+))\n([\s\S]*?)```/g)].map((m, i) => ({
  name: `block ${i + 1}: ${m[1]}`,
  invalid: m[2],
  json: m[3]!,
}));

describe("docs/policy.md examples are executed", () => {
  it("has examples of both kinds", () => {
    expect(blocks.filter((b) => !b.invalid).length).toBeGreaterThanOrEqual(4);
    expect(blocks.filter((b) => b.invalid).length).toBeGreaterThanOrEqual(4);
  });

  it.each(blocks.map((b) => [b.name, b] as const))("%s", (_, b) => {
    const r = resolvePolicy(JSON.parse(b.json));
    if (b.invalid) {
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.issues.map((i) => i.code)).toContain(b.invalid);
    } else {
      expect(r.ok ? [] : r.issues).toEqual([]);
    }
  });
});

describe("docs list what the code has", () => {
  it("every fact with its sensitivity", () => {
    for (const f of Object.values(FACTS)) {
      const row = policyDoc.split("\n").find((l) => l.startsWith(`| \`${f.id}\` |`));
      expect(row, f.id).toBeDefined();
      expect(row!.trim().endsWith(`| ${f.sensitive ? "yes" : "no"} |`), f.id).toBe(true);
    }
  });

  it("every order key and check code", () => {
    for (const k of ORDER_KEYS) expect(policyDoc).toContain(`| \`${k}\` |`);
    for (const c of CHECK_CODES) expect(policyDoc).toContain(`| \`${c}\` |`);
  });

  it("presets.md names every preset's rules, groups and landlords", () => {
    for (const [name, p] of Object.entries(PRESETS)) {
      expect(presetsDoc).toContain(`## ${p.label.en}`);
      expect(presetsDoc).toContain(`\`${name}\``);
      for (const l of Object.keys(p.landlords)) expect(presetsDoc).toContain(`\`${l}\``);
    }
    for (const g of PRESETS["orebro"]!.priorityGroups) expect(presetsDoc).toContain(`\`${g.id}\``);
    for (const r of Object.keys(PRESETS["orebro"]!.lettingRules)) expect(presetsDoc).toContain(`\`${r}\``);
  });
});
